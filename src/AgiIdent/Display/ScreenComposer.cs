using System.Globalization;
using System.Text;
using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Display;

/// <summary>Composes what the desk phones show for a caller, to the width of the screen.</summary>
public static class ScreenComposer
{
    /// <summary>The screen text for <paramref name="best"/>, one of <paramref name="matches"/> parties sharing the <paramref name="caller"/>'s number.</summary>
    public static string Compose(ScreenProfile profile, PartyMatch best, int matches, CallerNumber caller)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(best);
        return Compose(profile, profile.Template, best, matches, caller);
    }

    /// <summary>The hint for a caller nobody in the directory has (<c>? Львів</c>); null when the profile has no unknown-caller template.</summary>
    public static string? ComposeUnknown(ScreenProfile profile, CallerNumber caller)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.UnknownTemplate is { } template ? Compose(profile, template, null, 0, caller) : null;
    }

    private static string Compose(ScreenProfile profile, ScreenTemplate template, PartyMatch? best, int matches, CallerNumber caller)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // A narrow screen gives up first the quotes (ООО Северный ветер beats ООО "Северный), then the legal form
        // (Шевченко Т.Г. beats ФОП Шевченко), and only then cuts the text.
        var segments = template.Segments;
        var include = new bool[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            include[i] = !segments[i].Optional;
        }

        var level = Level.Full;
        string Field(string name) => FieldValue(profile, best, matches, caller, name, level);
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

    private static string FieldValue(ScreenProfile profile, PartyMatch? best, int matches, CallerNumber caller, string name, Level level)
    {
        var value = name switch
        {
            "number" => caller.E164.Length > 0 ? "+" + caller.E164 : string.Empty,
            "number_type" => caller.Type,
            "region" => caller.Region,
            // Only where a template asks for it: the geocoder reads its data on first use.
            "place" => PhoneMetadata.Place(caller.E164, profile.Language),
            _ when best is null => string.Empty,
            _ => PartyValue(profile, best, matches, name, level),
        };
        return profile.Transliterate ? Transliteration.ToLatin(value) : value;
    }

    private static string PartyValue(ScreenProfile profile, PartyMatch best, int matches, string name, Level level)
    {
        var party = best.Party;
        return name switch
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
            _ when name.StartsWith("attributes.", StringComparison.Ordinal) => Attribute(party, name["attributes.".Length..]),
            _ => string.Empty,
        };
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
