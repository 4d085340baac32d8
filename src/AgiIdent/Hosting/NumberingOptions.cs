namespace AgiIdent.Hosting;

/// <summary>The <c>AgiIdent:Numbering</c> configuration section.</summary>
public sealed class NumberingOptions
{
    /// <summary>
    /// The country whose national numbers callers and 1C use: any ISO 3166 region libphonenumber knows (<c>UA</c>,
    /// <c>DE</c>, <c>US</c>, ...), or <c>E164</c> for international forms only.
    /// </summary>
    public string Country { get; set; } = "UA";

    /// <summary>Area code that completes local 5–7 digit numbers (<c>44</c> or <c>044</c> for Kyiv); empty leaves them out.</summary>
    public string? AreaCode { get; set; }

    /// <summary>Trailing digits that match a stored number whose country is unknown; the plan's default when not set (9 for UA, 10 for RU).</summary>
    public int? MatchDigits { get; set; }
}
