using PhoneNumbers;
using LibNumber = PhoneNumbers.PhoneNumber;

namespace AgiIdent.Numbering;

/// <summary>libphonenumber's metadata of every country, as AgiIdent asks it: valid readings, their type, region and place.</summary>
internal static class PhoneMetadata
{
    /// <summary>libphonenumber's region for a number written with '+': the country code decides.</summary>
    public const string AnyRegion = "ZZ";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // GetInstance takes a lock on every call; one instance and one locale per language serve every call.
    private static readonly PhoneNumberOfflineGeocoder Geocoder = PhoneNumberOfflineGeocoder.GetInstance();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Locale> Locales = new(StringComparer.Ordinal);

    /// <summary>Whether libphonenumber has metadata for the ISO 3166 region <paramref name="country"/>.</summary>
    public static bool IsRegion(string country) => Util.GetSupportedRegions().Contains(country.ToUpperInvariant());

    /// <summary>
    /// The plan of a region AgiIdent has no hand-written plan for: its country code, longest national number, trunk
    /// prefix and dialable international prefix, from the metadata.
    /// </summary>
    public static NumberingPlan Plan(string country)
    {
        var region = country.ToUpperInvariant();
        var metadata = Util.GetMetadataForRegion(region);
        var national = metadata.GeneralDesc.PossibleLengthList.Count > 0 ? metadata.GeneralDesc.PossibleLengthList.Max() : 0;
        string[] international = [.. new[] { metadata.PreferredInternationalPrefix, metadata.InternationalPrefix }
            .Where(static p => !string.IsNullOrEmpty(p) && p.All(char.IsAsciiDigit))
            .Distinct()];
        return new NumberingPlan(
            region,
            metadata.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            national,
            string.IsNullOrEmpty(metadata.NationalPrefix) ? [] : [metadata.NationalPrefix],
            international,
            Math.Clamp(national, 6, 10));
    }

    /// <summary>
    /// The number <paramref name="text"/> is in <paramref name="region"/>, when that is a valid number of at most 15
    /// E.164 digits; null otherwise. libphonenumber's metadata takes some longer ones as valid (Germany allows 15
    /// national digits, so 17 with its code), which ITU-T E.164 (15 digits with the country code) and the directory's
    /// <c>e164</c> column do not.
    /// </summary>
    public static LibNumber? Valid(string text, string region)
    {
        try
        {
            var number = Util.Parse(text, region);
            return Util.IsValidNumber(number) && E164(number).Length <= NumberParser.MaxE164Length ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The number of E.164 digits <paramref name="e164"/>, when it is valid.</summary>
    public static LibNumber? ValidE164(string? e164) => e164 is null ? null : Valid("+" + e164, AnyRegion);

    /// <summary>E.164 digits without '+'.</summary>
    public static string E164(LibNumber number) => Util.Format(number, PhoneNumberFormat.E164)[1..];

    /// <summary>The ISO 3166 region of a valid number (<c>UA</c>), empty for a non-geographic one.</summary>
    public static string Region(LibNumber number) => Util.GetRegionCodeForNumber(number) is { } region and not AnyRegion ? region : string.Empty;

    /// <summary>The number's type as rules name it: <c>mobile</c>, <c>fixed</c>, <c>tollfree</c>, ...</summary>
    public static string Type(LibNumber number) => Util.GetNumberType(number) switch
    {
        PhoneNumberType.MOBILE => "mobile",
        PhoneNumberType.FIXED_LINE => "fixed",
        // Where fixed and mobile ranges overlap (the US, Canada) the metadata cannot tell them apart.
        PhoneNumberType.FIXED_LINE_OR_MOBILE => "fixed_or_mobile",
        PhoneNumberType.TOLL_FREE => "tollfree",
        PhoneNumberType.PREMIUM_RATE => "premium",
        PhoneNumberType.SHARED_COST => "sharedcost",
        PhoneNumberType.VOIP => "voip",
        PhoneNumberType.PERSONAL_NUMBER => "personal",
        PhoneNumberType.PAGER => "pager",
        PhoneNumberType.UAN => "uan",
        PhoneNumberType.VOICEMAIL => "voicemail",
        _ => "unknown",
    };

    /// <summary>
    /// Where the number is from, in <paramref name="language"/> (<c>uk</c>, <c>ru</c>, <c>en</c>) from the geocoding
    /// data inside the package (no network): a city for a landline, the country for a mobile; English where the
    /// package has no text in that language; empty for a number that is not valid. A caller read by
    /// <see cref="NumberParser.ReadCaller"/> brings its parsed number; only one made from digits is parsed here.
    /// </summary>
    public static string Place(CallerNumber caller, string language)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (caller.Parsed ?? ValidE164(caller.E164)) is { } number
            ? Geocoder.GetDescriptionForNumber(number, Locales.GetOrAdd(language, static l => new Locale(l, string.Empty)))
            : string.Empty;
    }
}
