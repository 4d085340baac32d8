using System.Text;
using System.Text.RegularExpressions;
using LibNumber = PhoneNumbers.PhoneNumber;

namespace AgiIdent.Numbering;

/// <summary>Parses phone numbers as trunks deliver them and as people type them into 1C, into E.164 digits.</summary>
public sealed partial class NumberParser
{
    /// <summary>Shortest E.164 number taken as a real phone number (country code included).</summary>
    public const int MinE164Length = 8;

    /// <summary>Longest E.164 number (ITU-T E.164).</summary>
    public const int MaxE164Length = 15;

    /// <summary>Fewer digits than this in a stored field is junk (an extension, a typo), never matched.</summary>
    public const int MinStoredDigits = 5;

    private static readonly string[] ExtensionMarkers = ["доб", "вн", "ext", "#", "x", "д."];
    private static readonly string[] Labels = ["тел.", "тел:", "тел", "моб.", "моб:", "моб", "раб.", "факс", "tel.", "tel:", "tel", "mob.", "fax", "т."];
    private static readonly string[] Withheld = ["sip:", "sips:", "tel:"];

    private readonly string? _areaCode;

    /// <summary>Creates a parser whose national numbers belong to <paramref name="plan"/>; <paramref name="areaCode"/> completes local numbers.</summary>
    public NumberParser(NumberingPlan plan, string? areaCode = null, int? matchDigits = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        _areaCode = string.IsNullOrWhiteSpace(areaCode) ? null : plan.AreaWithoutTrunk(Digits(areaCode));
        MatchDigits = matchDigits ?? plan.MatchDigits;
    }

    /// <summary>The plan national numbers are read with.</summary>
    public NumberingPlan Plan { get; }

    /// <summary>How many trailing digits match a stored number whose country is unknown.</summary>
    public int MatchDigits { get; }

    /// <summary>Normalizes a caller number from a trunk (<c>0441234567</c>, <c>+380441234567</c>, <c>sip:...@host</c>).</summary>
    public CallerNumberKind ParseCaller(string? raw, out string e164)
    {
        var number = ReadCaller(raw);
        e164 = number?.E164 ?? string.Empty;
        return number is null ? CallerNumberKind.Anonymous : CallerNumberKind.Usable;
    }

    /// <summary>
    /// A caller number from a trunk as a valid number, or null when it is withheld, letters, or digits that no
    /// reading makes a valid number (<c>0000000000</c>, <c>123</c>).
    /// </summary>
    public CallerNumber? ReadCaller(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        foreach (var scheme in Withheld)
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                text = text[scheme.Length..];
                var end = text.IndexOfAny(['@', ';']);
                text = end < 0 ? text : text[..end];
                break;
            }
        }

        if (!TryDigits(text, out var digits, out var international, out _))
        {
            return null;
        }

        var number = international ? PhoneMetadata.Valid("+" + digits, PhoneMetadata.AnyRegion) : ReadDelivered(digits);
        return number is null ? null : new CallerNumber(number);
    }

    /// <summary>
    /// The first valid reading of digits a trunk delivered without '+': the country's own national and international
    /// forms (libphonenumber), then ours (Ukraine's old <c>80</c>, a local number with the area code), then an
    /// international number dialled without '+', then a neighbour's national form (a Russian <c>8 916 ...</c>
    /// reaching a Ukrainian trunk), so that <c>AGIIDENT_NUMBER</c> is E.164 whenever any country can read it.
    /// </summary>
    private LibNumber? ReadDelivered(string digits)
    {
        if (Plan.CountryCode.Length > 0 && PhoneMetadata.Valid(digits, Plan.Region) is { } own)
        {
            return own;
        }

        if (PhoneMetadata.ValidE164(Read(digits, international: false)) is { } ours)
        {
            return ours;
        }

        if (PhoneMetadata.Valid("+" + digits, PhoneMetadata.AnyRegion) is { } international)
        {
            return international;
        }

        // A bare national number of our own length is ours, not a neighbour's (a 9-digit 601234567 on a UA trunk).
        if (digits.Length == Plan.NationalLength && !Plan.TrunkPrefixes.Any(t => digits.StartsWith(t, StringComparison.Ordinal)))
        {
            return null;
        }

        foreach (var neighbour in NumberingPlan.Known.Values)
        {
            if (neighbour != Plan && neighbour.CountryCode.Length > 0 && PhoneMetadata.Valid(digits, neighbour.Region) is { } national)
            {
                return national;
            }
        }

        return null;
    }

    /// <summary>The digits a stored number whose country is unknown is matched by: the last <see cref="MatchDigits"/>.</summary>
    public string SuffixOf(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length <= MatchDigits ? digits : digits[^MatchDigits..];
    }

    /// <summary>
    /// Every number in a phone field as 1C holds it: a presentation (<c>+38 (044) 123-45-67 доб. 12</c>, two numbers
    /// separated by <c>,</c> <c>;</c> <c>/</c>), a digits column, the JSON <c>Значение</c> of current БСП, or the
    /// key=value and XML forms of older generations. Junk is reported in <see cref="StoredPhone.Problems"/>.
    /// </summary>
    public StoredPhone ParseStored(string? field)
    {
        var numbers = new List<StoredNumber>(1);
        var problems = new List<string>();
        var text = field?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problems.Add("empty phone field");
            return new StoredPhone(numbers, problems);
        }

        if (ContactInformation.TryRead(text, out var parts))
        {
            // БСП puts text it cannot split (a name, "тел. 8916...") whole into the number part; a messenger under
            // Другое has no number part at all. Either is read as the text the user typed.
            if (parts.Number.Length > 0 && !parts.Number.Any(char.IsLetter))
            {
                AddParts(parts, numbers, problems);
                AddMoreFromPresentation(parts.Presentation, numbers);
            }
            else
            {
                AddPresentation(parts.Presentation.Length > 0 ? parts.Presentation : parts.Number, numbers, problems);
            }
        }
        else
        {
            AddPresentation(text, numbers, problems);
        }

        if (numbers.Count == 0 && problems.Count == 0)
        {
            problems.Add($"no phone number in '{Shorten(text)}'");
        }

        return new StoredPhone(numbers, problems);
    }

    /// <summary>
    /// БСП splits only the first number of "+38 (032) 297-11-22, +38 (067) 311-22-33" into its parts; the rest stays
    /// in the presentation (and the comment). Numbers found there are added; other text after the comma is a comment.
    /// </summary>
    private void AddMoreFromPresentation(string presentation, List<StoredNumber> numbers)
    {
        if (presentation.IndexOfAny([',', ';', '/', '\n']) < 0)
        {
            return;
        }

        var more = new List<StoredNumber>();
        AddPresentation(presentation, more, []);
        numbers.AddRange(more.Where(m => !numbers.Exists(n => n.Suffix == m.Suffix)));
    }

    /// <summary>
    /// БСП splits a typed phone by digit groups and keeps the first as the country code whatever it is
    /// (<c>067 111 22 33</c> gives <c>067</c>, <c>8 (916) 123-45-67</c> gives <c>8</c>, <c>+38 (044)...</c> gives
    /// <c>38</c>), so only a country code written with '+' is trusted; any other is read with all its digits as the
    /// user typed them, nationally first, as an international number when that fails and it can be a country code
    /// (the XML of БСП 2.x and the split keep no '+').
    /// </summary>
    private void AddParts(ContactInformation parts, List<StoredNumber> numbers, List<string> problems)
    {
        var country = Digits(parts.CountryCode);
        var digits = country + Digits(parts.AreaCode) + Digits(parts.Number);
        var e164 = parts.CountryCode.TrimStart().StartsWith('+') && NumberingPlan.IsCountryCode(country)
            ? International(digits)
            : Read(digits, international: false) ?? (NumberingPlan.IsCountryCode(country) ? International(digits) : null);
        AddNumber(digits, e164, parts.Presentation.Length > 0 ? parts.Presentation : parts.Number, numbers, problems);
    }

    private void AddPresentation(string text, List<StoredNumber> numbers, List<string> problems)
    {
        foreach (var raw in text.Split([',', ';', '/', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var piece = WithoutLabel(raw);
            if (StartsWithExtension(piece))
            {
                // "+38 (044) 123-45-67, доб. 15": the extension of the number before it.
                continue;
            }

            piece = CutExtension(piece);
            if (!TryDigits(piece, out var digits, out var international, out var letters))
            {
                problems.Add(letters
                    ? $"letters in the phone field: '{Shorten(raw)}'"
                    : $"no digits in '{Shorten(raw)}'");
                continue;
            }

            AddNumber(digits, Read(digits, international), raw, numbers, problems);
        }
    }

    /// <summary>Adds a number read from <paramref name="raw"/>, or says why it is left out: too short, or local without an area code.</summary>
    private void AddNumber(string digits, string? e164, string raw, List<StoredNumber> numbers, List<string> problems)
    {
        if (digits.Length < MinStoredDigits)
        {
            problems.Add($"only {digits.Length} digits in '{Shorten(raw)}'");
        }
        else if (e164 is null && digits.Length < Plan.NationalLength && _areaCode is null)
        {
            problems.Add($"local number '{Shorten(raw)}' without an area code; set AgiIdent:Numbering:AreaCode");
        }
        else if (e164 is not null && PhoneMetadata.ValidE164(e164) is not { } valid)
        {
            // Digit counts let 0000000000 through; the metadata knows which ranges exist.
            problems.Add($"not a valid number: '{Shorten(raw)}'");
        }
        else
        {
            // Stored as libphonenumber writes it, as a caller's number is: "+380 (0) 67 …" is valid with its trunk 0
            // still in our digits, and only the canonical form meets the caller's.
            Add(numbers, e164 is null ? null : PhoneMetadata.E164(PhoneMetadata.ValidE164(e164)!), digits);
        }
    }

    /// <summary>
    /// E.164 digits of a number written with '+' (<paramref name="international"/>) or without: an international
    /// prefix, the national format, or a local number; where our plan cannot decide (a country whose numbers vary in
    /// length), libphonenumber's reading in the configured region.
    /// </summary>
    private string? Read(string digits, bool international) =>
        international
            ? International(digits)
            : Plan.StripInternationalPrefix(digits) ?? Plan.NationalToE164(digits) ?? Local(digits) ?? Metadata(digits);

    private string? Metadata(string digits) =>
        Plan.CountryCode.Length > 0 && !NumberingPlan.Known.ContainsKey(Plan.Country) && PhoneMetadata.Valid(digits, Plan.Region) is { } number
            ? PhoneMetadata.E164(number)
            : null;

    private void Add(List<StoredNumber> numbers, string? e164, string digits)
    {
        var number = new StoredNumber(e164, SuffixOf(e164 ?? digits));
        if (!numbers.Contains(number))
        {
            numbers.Add(number);
        }
    }

    private static string? International(string digits) =>
        digits.Length is >= MinE164Length and <= MaxE164Length ? digits : null;

    private string? Local(string digits)
    {
        if (_areaCode is null || digits.Length is < 5 or > 7 || Plan.NationalLength == 0)
        {
            return null;
        }

        return _areaCode.Length + digits.Length == Plan.NationalLength ? Plan.CountryCode + _areaCode + digits : null;
    }

    private static bool TryDigits(string text, out string digits, out bool international, out bool letters)
    {
        var result = new StringBuilder(text.Length);
        international = false;
        letters = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                result.Append(c);
            }
            else if (c == '+' && result.Length == 0)
            {
                international = true;
            }
            else if (char.IsLetter(c))
            {
                letters = true;
            }
        }

        digits = result.ToString();
        return digits.Length > 0 && !letters;
    }

    private static string Digits(string text)
    {
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        return digits.ToString();
    }

    private static string WithoutLabel(string piece)
    {
        foreach (var label in Labels)
        {
            if (piece.StartsWith(label, StringComparison.OrdinalIgnoreCase) && (piece.Length == label.Length || !char.IsLetter(piece[label.Length])))
            {
                return piece[label.Length..].TrimStart(' ', '.', ':');
            }
        }

        // Under Другое people write what the number is for before it: "Viber: +380 93 555 66 77", "Бухгалтерія: 044...".
        var named = NamedLabel().Match(piece);
        return named.Success ? piece[named.Length..] : piece;
    }

    [GeneratedRegex(@"^\p{L}[\p{L}\p{Zs}.'-]{0,30}:\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NamedLabel();

    private static bool StartsWithExtension(string piece) =>
        ExtensionMarkers.Any(marker => piece.StartsWith(marker, StringComparison.OrdinalIgnoreCase));

    private static string CutExtension(string piece)
    {
        var end = piece.Length;
        foreach (var marker in ExtensionMarkers)
        {
            var at = piece.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0 && at < end)
            {
                end = at;
            }
        }

        return piece[..end];
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
