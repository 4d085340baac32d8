using System.Text;

namespace AgiIdent.Fake1C;

/// <summary>
/// A phone as БСП splits it: country code, area code, number, extension and comment, plus the presentation the
/// user sees. Built from parts (the phone dialog), or parsed from a presentation the way БСП reads a typed one.
/// </summary>
public sealed class Fake1CPhone
{
    // The columns НомерТелефона and НомерТелефонаБезКодов are strings of 20 in 1C: longer text is cut.
    private const int DerivedColumnLength = 20;

    /// <summary>
    /// A phone from its parts as the phone dialog stores them (what the user typed in each field); the presentation
    /// is composed as БСП composes it: <c>+CC (AREA) NUMBER, доб. EXT, comment</c>.
    /// </summary>
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

    /// <summary>
    /// As stored: what the dialog's field held (<c>+38</c>, <c>+7</c>), or, for a typed presentation, its first digit
    /// group whatever it is (<c>067</c>, <c>044</c>, <c>8</c>, <c>38</c> of <c>+38</c>).
    /// </summary>
    public string CountryCode { get; }

    /// <summary>The area code part, e.g. <c>044</c>; for a typed presentation its second digit group.</summary>
    public string AreaCode { get; }

    /// <summary>The number part, e.g. <c>123-45-67</c>; the whole presentation when БСП could not split it.</summary>
    public string Number { get; }

    /// <summary>The extension, e.g. <c>12</c> from <c>доб. 12</c>; for a typed presentation everything after the number (a second number lands here).</summary>
    public string Extension { get; }

    /// <summary>The comment the dialog stores; a typed presentation has none.</summary>
    public string Comment { get; }

    /// <summary>What the user sees (1C's <c>Представление</c>).</summary>
    public string Presentation { get; }

    /// <summary>1C's <c>НомерТелефона</c>: country without its leading '+', area and number, by <see cref="Derive"/>.</summary>
    public string PhoneNumberColumn =>
        Derive((CountryCode.StartsWith('+') ? CountryCode[1..] : CountryCode) + AreaCode + FirstLineOfNumber(Number));

    /// <summary>1C's <c>НомерТелефонаБезКодов</c>: the number part alone, by the same rule.</summary>
    public string NumberWithoutCodesColumn => Derive(FirstLineOfNumber(Number));

    /// <summary>
    /// Splits a typed presentation as БСП does (<c>УправлениеКонтактнойИнформациейСлужебный.ДесериализацияТелефонаФаксаВJSON</c>,
    /// used by the in-place phone field and by loaders): the first three groups of digits are the country code, the
    /// area code and the number (the number may hold spaces and '-'), whatever they are, and the rest is the
    /// extension. A '+' is never kept. Without a third group the split is given up: the whole text becomes the number,
    /// unless it starts with '+', when the country code stays and the rest is the number.
    /// </summary>
    public static Fake1CPhone Parse(string presentation)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        var position = 0;
        var country = DigitGroup(presentation, ref position, string.Empty);
        var areaStart = position;
        var area = DigitGroup(presentation, ref position, string.Empty);
        var number = DigitGroup(presentation, ref position, " -");
        var extension = ExtensionAfterNumber(presentation[position..]);
        if (number.Length == 0)
        {
            // 1C compares the length with the 1-based position of the character after the country code.
            if (presentation.TrimStart().StartsWith('+') && presentation.Length > areaStart + 1)
            {
                (area, number, extension) = (string.Empty, presentation[areaStart..], string.Empty);
            }
            else
            {
                (country, area, number, extension) = (string.Empty, string.Empty, presentation, string.Empty);
            }
        }

        return new Fake1CPhone(country, area, number, extension, string.Empty, presentation);
    }

    /// <summary>
    /// 1C's rule for the derived columns (<c>УправлениеКонтактнойИнформациейСлужебный.УбратьРазделителиВНомерТелефона</c>):
    /// cut at the first ',', strip '-', ' ' and '+' (nothing else), and the column keeps 20 characters.
    /// </summary>
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

    /// <summary>
    /// The next group of digits from <paramref name="position"/> (1C's <c>НайтиПодстрокуЦифр</c>): skip to a digit, take
    /// digits and <paramref name="alsoAllowed"/>, stop at any other character (it stays unread), drop allowed ones trailing.
    /// </summary>
    private static string DigitGroup(string text, ref int position, string alsoAllowed)
    {
        while (position < text.Length && !char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var start = position;
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || alsoAllowed.Contains(text[position], StringComparison.Ordinal)))
        {
            position++;
        }

        var group = text[start..position];
        return alsoAllowed.Length == 0 ? group : group.TrimEnd(alsoAllowed.ToCharArray());
    }

    /// <summary>What follows the number, without a leading ',', <c>доб</c> and '.' (in that order, as БСП strips them).</summary>
    private static string ExtensionAfterNumber(string rest)
    {
        var extension = rest.Trim();
        if (extension.StartsWith(','))
        {
            extension = extension[1..].TrimStart();
        }

        if (extension.StartsWith("доб", StringComparison.OrdinalIgnoreCase))
        {
            extension = extension[3..].TrimStart();
        }

        if (extension.StartsWith('.'))
        {
            extension = extension[1..].TrimStart();
        }

        return extension.Trim();
    }

    /// <summary>БСП's <c>ЗаполнитьРеквизитыТабличнойЧастиДляТелефона</c> cuts the number part at ',' and at a line break before deriving.</summary>
    private static string FirstLineOfNumber(string number)
    {
        var end = number.IndexOfAny([',', '\n']);
        return end < 0 ? number : number[..end];
    }

    /// <summary>БСП's <c>СформироватьПредставлениеТелефона</c>: a country code without '+' is shown with one.</summary>
    private static string Compose(string countryCode, string areaCode, string number, string extension, string comment)
    {
        var text = new StringBuilder();
        var country = countryCode.Trim();
        if (country.Length > 0)
        {
            text.Append(country.StartsWith('+') ? string.Empty : "+").Append(country).Append(' ');
        }

        if (areaCode.Length > 0)
        {
            text.Append('(').Append(areaCode.Trim()).Append(") ");
        }

        text.Append(number.Trim());
        if (extension.Length > 0)
        {
            text.Append(", доб. ").Append(extension.Trim());
        }

        if (comment.Length > 0)
        {
            text.Append(", ").Append(comment.Trim());
        }

        return text.ToString().Trim();
    }
}
