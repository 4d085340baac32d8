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
        // (Шевченко Т.Г. beats ФОП Шевченко), and only then cuts the text. Each field is worked out once per call (the
        // name once more without its legal form), however often the text is rendered to see what fits.
        var segments = template.Segments;
        var include = new bool[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            include[i] = !segments[i].Optional;
        }

        var fields = new Fields(profile, best, matches, caller);
        var text = new StringBuilder(64);
        var required = Render(segments, include, fields, text);
        while (!profile.Width.Fits(required))
        {
            if (fields.Level == Level.WithoutLegalForm)
            {
                return profile.Width.Cut(required);
            }

            fields.Level++;
            required = Render(segments, include, fields, text);
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (!segments[i].Optional || HasEmptyField(segments[i], fields))
            {
                continue;
            }

            include[i] = true;
            if (!profile.Width.Fits(Render(segments, include, fields, text)))
            {
                include[i] = false;
            }
        }

        return Render(segments, include, fields, text);
    }

    private static bool HasEmptyField(ScreenTemplate.Segment segment, Fields fields)
    {
        var parts = segment.Parts;
        for (var p = 0; p < parts.Count; p++)
        {
            if (parts[p].IsField && fields.Value(parts[p].Text).Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Render(IReadOnlyList<ScreenTemplate.Segment> segments, bool[] include, Fields fields, StringBuilder text)
    {
        text.Clear();
        for (var i = 0; i < segments.Count; i++)
        {
            if (!include[i])
            {
                continue;
            }

            var parts = segments[i].Parts;
            for (var p = 0; p < parts.Count; p++)
            {
                var part = parts[p];
                text.Append(part.IsField ? fields.Value(part.Text) : part.Text);
            }
        }

        if (fields.Level >= Level.WithoutQuotes)
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

    /// <summary>The fields of one call's screen, each worked out on first use and kept: a template names only a few.</summary>
    private sealed class Fields(ScreenProfile profile, PartyMatch? best, int matches, CallerNumber caller)
    {
        private string?[]? _names;
        private string?[]? _values;
        private string? _nameWithoutLegalForm;

        public Level Level { get; set; }

        public string Value(string name)
        {
            if (name == "name" && Level == Level.WithoutLegalForm)
            {
                return _nameWithoutLegalForm ??= FieldValue(profile, best, matches, caller, name, Level);
            }

            _names ??= new string?[4];
            _values ??= new string?[4];
            var i = 0;
            for (; i < _names.Length && _names[i] is { } known; i++)
            {
                if (ReferenceEquals(known, name) || known == name)
                {
                    return _values[i]!;
                }
            }

            // Only {name} depends on the level, and it is kept apart above.
            var value = FieldValue(profile, best, matches, caller, name, Level.Full);
            if (i == _names.Length)
            {
                Array.Resize(ref _names, i * 2);
                Array.Resize(ref _values, i * 2);
            }

            _names[i] = name;
            _values[i] = value;
            return value;
        }
    }

    private static string FieldValue(ScreenProfile profile, PartyMatch? best, int matches, CallerNumber caller, string name, Level level)
    {
        var value = name switch
        {
            "number" => caller.E164.Length > 0 ? "+" + caller.E164 : string.Empty,
            "number_type" => caller.Type,
            "region" => caller.Region,
            // Only where a template asks for it: the geocoder reads its data on first use.
            "place" => PhoneMetadata.Place(caller, profile.Language),
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
        StringBuilder? marks = null;
        var all = profile.Marks;
        for (var m = 0; m < all.Count; m++)
        {
            var (flag, mark) = all[m];
            if (HasFlag(party.Flags, flag))
            {
                (marks ??= new StringBuilder()).Append(mark);
            }
        }

        return marks is null || marks.Length == 0 ? string.Empty : marks.Append(' ').ToString();
    }

    private static bool HasFlag(IReadOnlyList<string> flags, string flag)
    {
        for (var f = 0; f < flags.Count; f++)
        {
            if (string.Equals(flags[f], flag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Attribute(Party party, string name) =>
        party.Attributes.TryGetValue(name, out var value) ? ShortName.Clean(value) : string.Empty;
}
