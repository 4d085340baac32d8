using System.Text;
using System.Text.RegularExpressions;
using AgiIdent.Directory;

namespace AgiIdent.Display;

/// <summary>
/// Short forms of 1C names for a narrow screen: legal forms abbreviated (Товариство з обмеженою відповідальністю → ТОВ),
/// quotes of every kind made plain, persons as <c>Іваненко М.С.</c>. A 1C short name, when present, wins.
/// </summary>
public static partial class ShortName
{
    /// <summary>Full legal forms, Russian and Ukrainian (and Kazakh Russian), with their usual abbreviations.</summary>
    private static readonly (string Full, string Short)[] LegalForms =
    [
        ("Общество с ограниченной ответственностью", "ООО"),
        ("Общество с дополнительной ответственностью", "ОДО"),
        ("Товариство з обмеженою відповідальністю", "ТОВ"),
        ("Товариство з додатковою відповідальністю", "ТДВ"),
        ("Товарищество с ограниченной ответственностью", "ТОО"),
        ("Фізична особа підприємець", "ФОП"),
        ("Физическое лицо предприниматель", "ФЛП"),
        ("Индивидуальный предприниматель", "ИП"),
        ("Приватний підприємець", "ПП"),
        ("Приватне підприємство", "ПП"),
        ("Частное предприятие", "ЧП"),
        ("Публичное акционерное общество", "ПАО"),
        ("Публічне акціонерне товариство", "ПАТ"),
        ("Приватне акціонерне товариство", "ПрАТ"),
        ("Закрытое акционерное общество", "ЗАО"),
        ("Открытое акционерное общество", "ОАО"),
        ("Непубличное акционерное общество", "НАО"),
        ("Акционерное общество", "АО"),
        ("Акціонерне товариство", "АТ"),
        ("Государственное унитарное предприятие", "ГУП"),
        ("Державне підприємство", "ДП"),
        ("Комунальне підприємство", "КП"),
        ("Спільне підприємство", "СП"),
        ("Сільськогосподарське товариство з обмеженою відповідальністю", "СТОВ"),
        ("Фермерське господарство", "ФГ"),
        ("Крестьянское фермерское хозяйство", "КФХ"),
        ("Некоммерческая организация", "НКО"),
        ("Громадська організація", "ГО"),
    ];

    /// <summary>Forms after which a person's name follows (a sole trader), written with initials.</summary>
    private static readonly HashSet<string> PersonForms = new(StringComparer.Ordinal) { "ФОП", "ФЛП", "ИП", "ПП" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonFormsBySpan = PersonForms.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> Abbreviations = new(LegalForms.Select(f => f.Short).Concat(["ЧП", "ООО", "ОАО", "ТОО"]), StringComparer.OrdinalIgnoreCase);

    private static readonly (Regex Pattern, string Short)[] Patterns =
    [
        .. LegalForms
            .OrderByDescending(f => f.Full.Length)
            .Select(f => (new Regex(
                "^" + string.Join(@"[\s\-‐–—]+", f.Full.Split(' ').Select(Regex.Escape)) + @"(?=$|[\s""«„“”])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
                f.Short)),
    ];

    /// <summary>The name to show for a party.</summary>
    public static string For(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        if (!string.IsNullOrWhiteSpace(party.ShortName))
        {
            var shortName = Clean(party.ShortName);
            return SoleTrader(shortName) ?? shortName;
        }

        var name = Clean(party.Name);
        foreach (var (pattern, form) in Patterns)
        {
            // The patterns are anchored at the start: the first match is the only one. A ValueMatch allocates nothing.
            foreach (var match in pattern.EnumerateMatches(name))
            {
                var rest = name[match.Length..].Trim();
                if (PersonForms.Contains(form) && Person(rest) is { } person)
                {
                    rest = person;
                }

                return rest.Length == 0 ? form : form + " " + rest;
            }
        }

        return SoleTrader(name) ?? (party.Kind == PartyKind.Person ? Person(name) ?? name : name);
    }

    /// <summary>
    /// <c>ФОП Шевченко Тарас Григорович</c> → <c>ФОП Шевченко Т.Г.</c>: a sole trader typed with the short form gets the
    /// initials its long form gets; null when the name does not start with such a form and a person's name.
    /// </summary>
    private static string? SoleTrader(string name)
    {
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && PersonFormsBySpan.Contains(name.AsSpan(0, space)) && Person(name[(space + 1)..]) is { } person
            ? name[..space] + " " + person
            : null;
    }

    /// <summary>The name without a leading legal-form abbreviation (<c>ТОВ "Ромашка"</c> → <c>"Ромашка"</c>), for the narrowest screens.</summary>
    public static string WithoutLegalForm(string shortName)
    {
        ArgumentNullException.ThrowIfNull(shortName);
        var space = shortName.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && Abbreviations.Contains(shortName[..space]) ? shortName[(space + 1)..] : shortName;
    }

    /// <summary><c>Мельник Андрій Петрович</c> → <c>Мельник А.П.</c>; null when the text does not look like a person's name.</summary>
    public static string? Person(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 3 || !words.All(IsNameWord))
        {
            return null;
        }

        var text = new StringBuilder(words[0]).Append(' ');
        foreach (var word in words.Skip(1))
        {
            text.Append(char.ToUpperInvariant(word[0])).Append('.');
        }

        return text.ToString();
    }

    /// <summary>Quotes of every kind as <c>"</c>, blanks collapsed, no control characters.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        var blank = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                blank = clean.Length > 0;
                continue;
            }

            if (blank)
            {
                clean.Append(' ');
                blank = false;
            }

            clean.Append(c is '«' or '»' or '„' or '“' or '”' or '‟' or '″' ? '"' : c);
        }

        return DoubledQuotes().Replace(clean.ToString(), "\"");
    }

    /// <summary>True when <see cref="Clean"/> would give <paramref name="text"/> back as it is: most names are typed so.</summary>
    private static bool IsClean(string text)
    {
        var previous = ' ';
        foreach (var c in text)
        {
            if ((char.IsWhiteSpace(c) && (c != ' ' || previous == ' ')) || char.IsControl(c)
                || c is '«' or '»' or '„' or '“' or '”' or '‟' or '″' || (c == '"' && previous == '"'))
            {
                return false;
            }

            previous = c;
        }

        return previous != ' ';
    }

    private static bool IsNameWord(string word) =>
        word.Length >= 2 && char.IsUpper(word[0]) && word.All(c => char.IsLetter(c) || c is '-' or '\'' or 'ʼ' or '’');

    [GeneratedRegex("\"{2,}")]
    private static partial Regex DoubledQuotes();
}
