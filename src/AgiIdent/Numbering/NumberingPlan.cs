namespace AgiIdent.Numbering;

/// <summary>How one country writes its numbers: country code, national number length, trunk and international prefixes.</summary>
public sealed record NumberingPlan(string Country, string CountryCode, int NationalLength, string TrunkPrefix, string[] InternationalPrefixes)
{
    /// <summary>Ukraine: +380, 9-digit national numbers, trunk 0 (and the old 8 before it), international 00.</summary>
    public static NumberingPlan Ukraine { get; } = new("UA", "380", 9, "0", ["00"]);

    /// <summary>Russia: +7, 10-digit national numbers, trunk 8, international 810 and 00.</summary>
    public static NumberingPlan Russia { get; } = new("RU", "7", 10, "8", ["810", "00"]);

    /// <summary>Kazakhstan shares +7 and Russia's formats.</summary>
    public static NumberingPlan Kazakhstan { get; } = new("KZ", "7", 10, "8", ["810", "00"]);

    /// <summary>The plans AgiIdent knows, by ISO country code.</summary>
    public static IReadOnlyDictionary<string, NumberingPlan> Known { get; } =
        new Dictionary<string, NumberingPlan>(StringComparer.OrdinalIgnoreCase)
        {
            ["UA"] = Ukraine,
            ["RU"] = Russia,
            ["KZ"] = Kazakhstan,
        };

    /// <summary>
    /// Turns a digit string written the national way into E.164 digits, or null when it does not fit this plan.
    /// </summary>
    public string? ToE164(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        foreach (var prefix in InternationalPrefixes)
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal) && digits.Length - prefix.Length is >= PhoneNumber.MinE164Length and <= PhoneNumber.MaxE164Length)
            {
                return digits[prefix.Length..];
            }
        }

        if (digits.Length == CountryCode.Length + NationalLength && digits.StartsWith(CountryCode, StringComparison.Ordinal))
        {
            return digits;
        }

        if (digits.Length == TrunkPrefix.Length + NationalLength && digits.StartsWith(TrunkPrefix, StringComparison.Ordinal))
        {
            return CountryCode + digits[TrunkPrefix.Length..];
        }

        // Ukrainian numbers are still dialled with the old long-distance 8 in front of the 0 (80441234567).
        if (TrunkPrefix == "0" && digits.Length == 2 + NationalLength && digits.StartsWith("80", StringComparison.Ordinal))
        {
            return CountryCode + digits[2..];
        }

        if (digits.Length == NationalLength)
        {
            return CountryCode + digits;
        }

        return null;
    }
}
