using System.Text;
using System.Text.RegularExpressions;

namespace AgiIdent.Fake1C;

/// <summary>
/// A phone as БСП splits it: country code, area code, number, extension and comment, plus the presentation the
/// user sees. Built from parts, or parsed from a presentation the way БСП reads a typed one.
/// </summary>
public sealed partial class Fake1CPhone
{
    // The columns НомерТелефона and НомерТелефонаБезКодов are strings of 20 in 1C: longer text is cut.
    private const int DerivedColumnLength = 20;

    /// <summary>A phone from its parts; the presentation is composed as БСП composes it: <c>+CC (AREA) NUMBER, доб. EXT, comment</c>.</summary>
    public Fake1CPhone(string countryCode, string areaCode, string number, string extension = "", string comment = "")
        : this(countryCode, areaCode, number, extension, comment, Compose(countryCode, areaCode, number, extension, comment))
    {
    }

    private Fake1CPhone(string countryCode, string areaCode, string number, string extension, string comment, string presentation)
    {
        CountryCode = countryCode;
        AreaCode = areaCode;
        Number = number;
        Extension = extension;
        Comment = comment;
        Presentation = presentation;
    }

    /// <summary>As typed: <c>+38</c>, <c>+7</c>, or the trunk prefix <c>8</c> that users put in its place.</summary>
    public string CountryCode { get; }

    /// <summary>The code in brackets, e.g. <c>044</c>.</summary>
    public string AreaCode { get; }

    /// <summary>The number part, e.g. <c>123-45-67</c>; the whole text when the presentation has no bracketed area code.</summary>
    public string Number { get; }

    /// <summary>The extension, e.g. <c>12</c> from <c>доб. 12</c>.</summary>
    public string Extension { get; }

    /// <summary>What followed the number and is not an extension (a second number lands here).</summary>
    public string Comment { get; }

    /// <summary>What the user sees (1C's <c>Представление</c>).</summary>
    public string Presentation { get; }

    /// <summary>1C's <c>НомерТелефона</c>: country, area and number with '-', ' ' and '+' stripped, cut at ',' and at 20 characters.</summary>
    public string PhoneNumberColumn => Derive(CountryCode + AreaCode + Number);

    /// <summary>1C's <c>НомерТелефонаБезКодов</c>: the number part alone, by the same rule.</summary>
    public string NumberWithoutCodesColumn => Derive(Number);

    /// <summary>
    /// Splits a typed presentation as БСП does: the text before the first comma is <c>[CC] (AREA) NUMBER</c> when
    /// it has a bracketed code, otherwise all of it is the number; after the comma come <c>доб.</c>/<c>вн.</c>/<c>ext</c>
    /// extensions and a comment. Junk (a name, "тел. 8916...") therefore lands in the number part whole.
    /// </summary>
    public static Fake1CPhone Parse(string presentation)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        var comma = presentation.IndexOf(',', StringComparison.Ordinal);
        var head = comma < 0 ? presentation : presentation[..comma];
        var tail = comma < 0 ? string.Empty : presentation[(comma + 1)..];
        var match = CodesPattern().Match(head);
        var (country, area, number) = match.Success
            ? (match.Groups["country"].Value, match.Groups["area"].Value.Trim(), match.Groups["number"].Value.Trim())
            : (string.Empty, string.Empty, head.Trim());
        var extension = string.Empty;
        var comment = new List<string>();
        foreach (var piece in tail.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ext = ExtensionPattern().Match(piece);
            if (ext.Success && extension.Length == 0)
            {
                extension = ext.Groups["ext"].Value;
            }
            else
            {
                comment.Add(piece);
            }
        }

        return new Fake1CPhone(country, area, number, extension, string.Join(", ", comment), presentation);
    }

    /// <summary>1C's rule for the derived columns: strip '-', ' ' and '+' (nothing else), cut at the first ',' and at 20 characters.</summary>
    public static string Derive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var head = comma < 0 ? text : text[..comma];
        var result = new StringBuilder(head.Length);
        foreach (var c in head)
        {
            if (c is not ('-' or ' ' or '+'))
            {
                result.Append(c);
            }
        }

        return result.Length > DerivedColumnLength ? result.ToString(0, DerivedColumnLength) : result.ToString();
    }

    private static string Compose(string countryCode, string areaCode, string number, string extension, string comment)
    {
        var text = new StringBuilder();
        if (countryCode.Length > 0)
        {
            text.Append(countryCode).Append(' ');
        }

        if (areaCode.Length > 0)
        {
            text.Append('(').Append(areaCode).Append(") ");
        }

        text.Append(number);
        if (extension.Length > 0)
        {
            text.Append(", доб. ").Append(extension);
        }

        if (comment.Length > 0)
        {
            text.Append(", ").Append(comment);
        }

        return text.ToString().Trim();
    }

    [GeneratedRegex(@"^\s*(?<country>\+?\d{1,4})?\s*\((?<area>[^()]*)\)\s*(?<number>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CodesPattern();

    [GeneratedRegex(@"^(?:доб|вн|ext)\.?\s*(?<ext>\d+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionPattern();
}
