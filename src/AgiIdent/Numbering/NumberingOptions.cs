using AgiIdent.Settings;

namespace AgiIdent.Numbering;

/// <summary>The <c>AgiIdent:Numbering</c> configuration section.</summary>
[SettingsSection(Section)]
public sealed class NumberingOptions
{
    /// <summary>The section's path.</summary>
    public const string Section = "AgiIdent:Numbering";

    /// <summary>
    /// The country whose national numbers callers and 1C use: any ISO 3166 region libphonenumber knows (<c>UA</c>,
    /// <c>DE</c>, <c>US</c>, ...), or <c>E164</c> for international forms only.
    /// </summary>
    public string Country { get; set; } = "UA";

    /// <summary>Area code that completes local 5–7 digit numbers (<c>44</c> or <c>044</c> for Kyiv); empty leaves them out.</summary>
    public string? AreaCode { get; set; }

    /// <summary>Trailing digits that match a stored number whose country is unknown; the plan's default when not set (9 for UA, 10 for RU).</summary>
    [Within(6, 12)]
    public int? MatchDigits { get; set; }

    /// <summary>The number parser this section describes (valid after validation).</summary>
    internal NumberParser CreateParser() => new(NumberingPlan.For(Country), AreaCode, MatchDigits);
}
