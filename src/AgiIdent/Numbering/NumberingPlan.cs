using System.Diagnostics.CodeAnalysis;

namespace AgiIdent.Numbering;

/// <summary>
/// How one country writes its numbers (libphonenumber metadata): country code, national significant number length,
/// trunk prefixes, international prefixes, and how many trailing digits identify a number when the country is unknown.
/// </summary>
public sealed record NumberingPlan(
    string Country,
    string CountryCode,
    int NationalLength,
    string[] TrunkPrefixes,
    string[] InternationalPrefixes,
    int MatchDigits)
{
    /// <summary>Ukraine: +380, 9-digit national numbers, trunk 0 (and the old long-distance 8 before it), international 00.</summary>
    public static NumberingPlan Ukraine { get; } = new("UA", "380", 9, ["0", "80"], ["00"], 9);

    /// <summary>Russia: +7, 10-digit national numbers, trunk 8, international 810 and 00.</summary>
    public static NumberingPlan Russia { get; } = new("RU", "7", 10, ["8"], ["810", "00"], 10);

    /// <summary>Kazakhstan shares +7 and Russia's formats.</summary>
    public static NumberingPlan Kazakhstan { get; } = new("KZ", "7", 10, ["8"], ["810", "00"], 10);

    /// <summary>Belarus: +375, 9-digit national numbers, trunk 80, international 810 and 00.</summary>
    public static NumberingPlan Belarus { get; } = new("BY", "375", 9, ["80"], ["810", "00"], 9);

    /// <summary>Poland: +48, 9-digit national numbers, no trunk prefix, international 00.</summary>
    // Poland dials without a trunk prefix, but ISDN trunks (chan_dahdi's default nationalprefix=0) and people in 1C
    // still write a leading 0.
    public static NumberingPlan Poland { get; } = new("PL", "48", 9, ["0"], ["00"], 9);

    /// <summary>No national numbers: only international forms (<c>+</c>, <c>00</c>, or 10–15 digits) are understood.</summary>
    public static NumberingPlan International { get; } = new("E164", string.Empty, 0, [], ["00"], 10);

    /// <summary>The plans AgiIdent knows, by the value of <c>AgiIdent:Numbering:Country</c>.</summary>
    public static IReadOnlyDictionary<string, NumberingPlan> Known { get; } =
        new Dictionary<string, NumberingPlan>(StringComparer.OrdinalIgnoreCase)
        {
            ["UA"] = Ukraine,
            ["RU"] = Russia,
            ["KZ"] = Kazakhstan,
            ["BY"] = Belarus,
            ["PL"] = Poland,
            ["E164"] = International,
        };

    /// <summary>libphonenumber's region of this plan: the country, or <c>ZZ</c> for <see cref="International"/>.</summary>
    internal string Region => CountryCode.Length == 0 ? PhoneMetadata.AnyRegion : Country;

    /// <summary>
    /// The plan of <c>AgiIdent:Numbering:Country</c>: a hand-written one of <see cref="Known"/> (whose trunk forms go
    /// beyond the metadata, like Ukraine's old <c>80</c>), else any ISO 3166 region libphonenumber has metadata for.
    /// </summary>
    public static bool TryFor(string? country, [NotNullWhen(true)] out NumberingPlan? plan)
    {
        plan = null;
        if (string.IsNullOrWhiteSpace(country))
        {
            return false;
        }

        if (Known.TryGetValue(country, out plan))
        {
            return true;
        }

        plan = country.Length == 2 && PhoneMetadata.IsRegion(country) ? PhoneMetadata.Plan(country) : null;
        return plan is not null;
    }

    /// <summary>The plan of a country <see cref="TryFor"/> accepts.</summary>
    public static NumberingPlan For(string country) =>
        TryFor(country, out var plan) ? plan : throw new ArgumentException($"no numbering plan for '{country}'", nameof(country));

    /// <summary>
    /// Whether <paramref name="digits"/> written after '+' can start an international number: one to three digits,
    /// not starting with 0, one digit only for zones 1 and 7 (ITU-T E.164 gives no other zone a one-digit code), and
    /// not a trunk prefix of a known plan (<c>8</c>, <c>80</c>, which people type after '+' by habit).
    /// <c>38</c> passes: Ukrainians write <c>+38 (044)</c>, and its digits with the rest make <c>380...</c>.
    /// </summary>
    public static bool IsCountryCode(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length is >= 1 and <= 3
            && digits.All(char.IsAsciiDigit)
            && digits[0] != '0'
            && (digits.Length > 1 || digits is "1" or "7")
            && !Known.Values.Any(plan => plan.TrunkPrefixes.Contains(digits));
    }

    /// <summary>
    /// E.164 digits of a number written the national way (with a trunk prefix, or the bare national number),
    /// or with this country's code but no <c>+</c>; null when it does not fit this plan.
    /// </summary>
    public string? NationalToE164(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (NationalLength == 0)
        {
            return null;
        }

        if (digits.Length == CountryCode.Length + NationalLength && digits.StartsWith(CountryCode, StringComparison.Ordinal))
        {
            return digits;
        }

        foreach (var trunk in TrunkPrefixes)
        {
            if (digits.Length == trunk.Length + NationalLength && digits.StartsWith(trunk, StringComparison.Ordinal))
            {
                return CountryCode + digits[trunk.Length..];
            }
        }

        return digits.Length == NationalLength ? CountryCode + digits : null;
    }

    /// <summary>The digits after an international prefix (<c>00</c>, <c>810</c>), or null when there is none.</summary>
    public string? StripInternationalPrefix(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        foreach (var prefix in InternationalPrefixes)
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal) && digits.Length - prefix.Length is >= NumberParser.MinE164Length and <= NumberParser.MaxE164Length)
            {
                return digits[prefix.Length..];
            }
        }

        return null;
    }

    /// <summary>The area code without a trunk prefix (<c>044</c> → <c>44</c>).</summary>
    public string AreaWithoutTrunk(string area)
    {
        ArgumentNullException.ThrowIfNull(area);
        foreach (var trunk in TrunkPrefixes.OrderByDescending(t => t.Length))
        {
            if (area.Length > trunk.Length && area.StartsWith(trunk, StringComparison.Ordinal))
            {
                return area[trunk.Length..];
            }
        }

        return area;
    }
}
