using System.Text;

namespace AgiIdent.Display;

/// <summary>
/// Latin letters for phones without Cyrillic. Ukrainian text (it has і, ї, є or ґ) follows Ukraine's national system
/// (Cabinet of Ministers resolution 55, 2010); other Cyrillic follows the ICAO Doc 9303 table Russia uses in passports.
/// </summary>
public static class Transliteration
{
    private static readonly Dictionary<char, string> Ukrainian = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "h", ['ґ'] = "g", ['д'] = "d", ['е'] = "e", ['є'] = "ie",
        ['ж'] = "zh", ['з'] = "z", ['и'] = "y", ['і'] = "i", ['ї'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l",
        ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u",
        ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ь'] = "", ['ю'] = "iu",
        ['я'] = "ia", ['\''] = "", ['ʼ'] = "", ['’'] = "",
    };

    /// <summary>At the start of a word these Ukrainian letters take their Y- form.</summary>
    private static readonly Dictionary<char, string> UkrainianInitial = new()
    {
        ['є'] = "ye", ['ї'] = "yi", ['й'] = "y", ['ю'] = "yu", ['я'] = "ya",
    };

    private static readonly Dictionary<char, string> Russian = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "ie", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "iu",
        ['я'] = "ia",
    };

    private static readonly System.Buffers.SearchValues<char> UkrainianOnly = System.Buffers.SearchValues.Create("іїєґІЇЄҐ");

    /// <summary>True when the text has a letter only Ukrainian uses.</summary>
    public static bool IsUkrainian(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(UkrainianOnly) >= 0;
    }

    /// <summary>The text in Latin letters; characters that are not Cyrillic stay as they are.</summary>
    public static string ToLatin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ukrainian = IsUkrainian(text);
        var table = ukrainian ? Ukrainian : Russian;
        var latin = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = char.ToLowerInvariant(c);
            if (!table.TryGetValue(lower, out var letters))
            {
                latin.Append(c);
                continue;
            }

            var wordStart = i == 0 || !char.IsLetter(text[i - 1]);
            if (ukrainian && wordStart && UkrainianInitial.TryGetValue(lower, out var initial))
            {
                letters = initial;
            }
            else if (ukrainian && lower == 'г' && i > 0 && char.ToLowerInvariant(text[i - 1]) == 'з')
            {
                letters = "gh";
            }

            latin.Append(char.IsUpper(c) ? Capitalize(letters, WordIsUpper(text, i)) : letters);
        }

        return latin.ToString();
    }

    private static string Capitalize(string letters, bool allUpper) =>
        letters.Length == 0 ? letters : allUpper ? letters.ToUpperInvariant() : char.ToUpperInvariant(letters[0]) + letters[1..];

    /// <summary>True when a neighbouring letter is upper case too (ТОВ → TOV, Шевченко → Shevchenko).</summary>
    private static bool WordIsUpper(string text, int i) =>
        (i + 1 < text.Length && char.IsLetter(text[i + 1]) && char.IsUpper(text[i + 1]))
        || (i > 0 && char.IsLetter(text[i - 1]) && char.IsUpper(text[i - 1]) && (i + 1 >= text.Length || !char.IsLetter(text[i + 1])));
}
