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
            if (parts[p].Field is { } field && fields.Value(field).Length == 0)
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
                text.Append(part.Field is { } field ? fields.Value(field) : part.Text);
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
        private CallerField?[]? _fields;
        private string?[]? _values;
        private string? _nameWithoutLegalForm;

        public Level Level { get; set; }

        public string Value(CallerField field)
        {
            if (field.Type == CallerFieldType.PartyName && Level == Level.WithoutLegalForm)
            {
                return _nameWithoutLegalForm ??= FieldValue(profile, best, matches, caller, field, Level);
            }

            _fields ??= new CallerField?[4];
            _values ??= new string?[4];
            var i = 0;
            for (; i < _fields.Length && _fields[i] is { } known; i++)
            {
                if (ReferenceEquals(known, field) || known.Name == field.Name)
                {
                    return _values[i]!;
                }
            }

            // Only {name} depends on the level, and it is kept apart above.
            var value = FieldValue(profile, best, matches, caller, field, Level.Full);
            if (i == _fields.Length)
            {
                Array.Resize(ref _fields, i * 2);
                Array.Resize(ref _values, i * 2);
            }

            _fields[i] = field;
            _values[i] = value;
            return value;
        }
    }

    private static string FieldValue(ScreenProfile profile, PartyMatch? best, int matches, CallerNumber caller, CallerField field, Level level)
    {
        var value = field.Source switch
        {
            CallerFieldSource.Number => NumberValue(profile, caller, field),
            _ when best is null => string.Empty,
            CallerFieldSource.Party => PartyValue(best, field, level),
            _ => ScreenValue(profile, best, matches, field),
        };
        return profile.Transliterate ? Transliteration.ToLatin(value) : value;
    }

    private static string NumberValue(ScreenProfile profile, CallerNumber caller, CallerField field)
    {
        var value = field.Name switch
        {
            "number" => caller.E164,
            "number_type" => caller.Type,
            "region" => caller.Region,
            // Only where a template asks for it: the geocoder reads its data on first use.
            "place" => PhoneMetadata.Place(caller, profile.Language),
            _ => throw Unbound(field),
        };
        return field.Type == CallerFieldType.Phone && value.Length > 0 ? "+" + value : value;
    }

    /// <summary>A field of the party, written as the screen writes its type.</summary>
    private static string PartyValue(PartyMatch best, CallerField field, Level level)
    {
        if (field.Type == CallerFieldType.PartyName)
        {
            // A party's name on the screen is its short form, which reads the 1C short name besides the name.
            var name = ShortName.For(best.Party);
            return level == Level.WithoutLegalForm ? ShortName.WithoutLegalForm(name) : name;
        }

        var value = field.Read!(best);
        return field.Type switch
        {
            CallerFieldType.PersonName => value is string { Length: > 0 } person ? ShortName.Person(ShortName.Clean(person)) ?? ShortName.Clean(person) : string.Empty,
            CallerFieldType.Text => value is string text ? ShortName.Clean(text) : string.Empty,
            CallerFieldType.List => value is IReadOnlyList<string> list ? string.Join(',', list) : string.Empty,
            CallerFieldType.Amount => (value as decimal?)?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty,
            _ => value as string ?? string.Empty,
        };
    }

    private static string ScreenValue(ScreenProfile profile, PartyMatch best, int matches, CallerField field) => field.Name switch
    {
        "marks" => Marks(profile, best.Party),
        "more" => matches > 1 ? "+" + (matches - 1).ToString(CultureInfo.InvariantCulture) : string.Empty,
        _ => throw Unbound(field),
    };

    private static InvalidOperationException Unbound(CallerField field) => new($"the field '{field.Name}' has no reading on the screen");

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
}
