using System.Text;

namespace AgiIdent.Numbering;

/// <summary>What a caller number turned out to be.</summary>
public enum CallerNumberKind
{
    /// <summary>A number AgiIdent can look up, in E.164 digits.</summary>
    Usable,

    /// <summary>Withheld, empty, letters, or too short to be a public number.</summary>
    Anonymous,
}

/// <summary>Parses phone numbers as trunks deliver them and as people type them into 1C, into E.164 digits.</summary>
public sealed class PhoneNumber
{
    /// <summary>Shortest E.164 number taken as a real phone number (country code included).</summary>
    public const int MinE164Length = 8;

    /// <summary>Longest E.164 number (ITU-T E.164).</summary>
    public const int MaxE164Length = 15;

    private static readonly string[] ExtensionMarkers = ["доб", "вн", "ext", "#", "x"];
    private static readonly char[] NumberSeparators = [',', ';', '/'];

    private readonly NumberingPlan _home;
    private readonly NumberingPlan[] _others;

    /// <summary>Creates a parser whose national numbers belong to <paramref name="home"/>.</summary>
    public PhoneNumber(NumberingPlan home)
    {
        ArgumentNullException.ThrowIfNull(home);
        _home = home;
        _others = [.. NumberingPlan.Known.Values.Where(p => p.CountryCode != home.CountryCode).DistinctBy(p => p.CountryCode)];
    }

    /// <summary>Normalizes a caller number from a trunk (<c>0441234567</c>, <c>+380441234567</c>, <c>sip:...@host</c>).</summary>
    public CallerNumberKind ParseCaller(string? raw, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return CallerNumberKind.Anonymous;
        }

        var text = raw.Trim();
        foreach (var scheme in (ReadOnlySpan<string>)["sip:", "sips:", "tel:"])
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                text = text[scheme.Length..];
                var at = text.IndexOf('@', StringComparison.Ordinal);
                text = at < 0 ? text : text[..at];
                break;
            }
        }

        if (text.Any(char.IsLetter))
        {
            return CallerNumberKind.Anonymous;
        }

        var number = ToE164(text);
        if (number is null)
        {
            return CallerNumberKind.Anonymous;
        }

        e164 = number;
        return CallerNumberKind.Usable;
    }

    /// <summary>
    /// Every number in a phone field as 1C holds it (<c>+38 (044) 123-45-67 доб. 12</c>, <c>067 765 43 21, 050 111 22 33</c>),
    /// in E.164 digits; pieces that are not phone numbers are left out.
    /// </summary>
    public IReadOnlyList<string> ParseStored(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        var numbers = new List<string>(1);
        foreach (var piece in field.Split(NumberSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var number = ToE164(CutExtension(piece));
            if (number is not null && !numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

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

    private string? ToE164(string text)
    {
        var digits = new StringBuilder(text.Length);
        var international = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0)
            {
                international = true;
            }
            else if (char.IsLetter(c))
            {
                return null;
            }
        }

        var value = digits.ToString();
        if (international)
        {
            return value.Length is >= MinE164Length and <= MaxE164Length ? value : null;
        }

        var number = _home.ToE164(value);
        foreach (var other in _others)
        {
            number ??= other.ToE164(value);
        }

        return number;
    }
}
