using System.Globalization;
using System.Text;
using AgiIdent.Directory;

namespace AgiIdent.Display;

/// <summary>Composes what the desk phones show for a found caller, to the width of the screen.</summary>
public static class ScreenComposer
{
    /// <summary>The screen text for <paramref name="best"/>, one of <paramref name="matches"/> parties sharing <paramref name="e164"/>.</summary>
    public static string Compose(ScreenProfile profile, PartyMatch best, int matches, string e164)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(best);

        // A narrow screen gives up first the quotes (ООО Северный ветер beats ООО "Северный), then the legal form
        // (Шевченко Т.Г. beats ФОП Шевченко), and only then cuts the text.
        var segments = profile.Template.Segments;
        var include = new bool[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            include[i] = !segments[i].Optional;
        }

        var level = Level.Full;
        string Field(string name) => FieldValue(profile, best, matches, e164, name, level);
        var required = Render(segments, include, Field, level);
        while (!profile.Width.Fits(required))
        {
            if (level == Level.WithoutLegalForm)
            {
                return profile.Width.Cut(required);
            }

            level++;
            required = Render(segments, include, Field, level);
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (!segments[i].Optional || segments[i].Parts.Any(p => p.IsField && Field(p.Text).Length == 0))
            {
                continue;
            }

            include[i] = true;
            if (!profile.Width.Fits(Render(segments, include, Field, level)))
            {
                include[i] = false;
            }
        }

        return Render(segments, include, Field, level);
    }

    private static string Render(IReadOnlyList<ScreenTemplate.Segment> segments, bool[] include, Func<string, string> field, Level level)
    {
        var text = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            if (!include[i])
            {
                continue;
            }

            foreach (var part in segments[i].Parts)
            {
                text.Append(part.IsField ? field(part.Text) : part.Text);
            }
        }

        if (level >= Level.WithoutQuotes)
        {
            text.Replace("\"", string.Empty);
        }

        return ShortName.Clean(text.ToString());
    }

    private enum Level
    {
        Full,
        WithoutQuotes,
        WithoutLegalForm,
    }

    private static string FieldValue(ScreenProfile profile, PartyMatch best, int matches, string e164, string name, Level level)
    {
        var party = best.Party;
        var value = name switch
        {
            "marks" => Marks(profile, party),
            "name" => level == Level.WithoutLegalForm ? ShortName.WithoutLegalForm(ShortName.For(party)) : ShortName.For(party),
            "fullname" => ShortName.Clean(party.Name),
            "contact" => best.Phone.Contact is { Length: > 0 } contact ? ShortName.Person(ShortName.Clean(contact)) ?? ShortName.Clean(contact) : string.Empty,
            "manager" => party.Manager?.Name is { Length: > 0 } manager ? ShortName.Person(ShortName.Clean(manager)) ?? ShortName.Clean(manager) : string.Empty,
            "manager_ext" => party.Manager?.Extension ?? string.Empty,
            "code" => party.Code,
            "flags" => string.Join(',', party.Flags),
            "debt" => party.Debt?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty,
            "hint" => Attribute(party, "hint"),
            "more" => matches > 1 ? "+" + (matches - 1).ToString(CultureInfo.InvariantCulture) : string.Empty,
            "number" => e164.Length > 0 ? "+" + e164 : string.Empty,
            _ when name.StartsWith("attributes.", StringComparison.Ordinal) => Attribute(party, name["attributes.".Length..]),
            _ => string.Empty,
        };
        return profile.Transliterate ? Transliteration.ToLatin(value) : value;
    }

    private static string Marks(ScreenProfile profile, Party party)
    {
        var marks = new StringBuilder();
        foreach (var (flag, mark) in profile.Marks)
        {
            if (party.Flags.Contains(flag, StringComparer.OrdinalIgnoreCase))
            {
                marks.Append(mark);
            }
        }

        return marks.Length == 0 ? string.Empty : marks.Append(' ').ToString();
    }

    private static string Attribute(Party party, string name) =>
        party.Attributes.TryGetValue(name, out var value) ? ShortName.Clean(value) : string.Empty;
}
