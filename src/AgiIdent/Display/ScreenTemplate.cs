using System.Globalization;
using System.Text;
using AgiIdent.Directory;

namespace AgiIdent.Display;

/// <summary>
/// A phone-screen template: literal text, <c>{field}</c> placeholders, and <c>[optional groups]</c> that are shown
/// only when every field in them has a value and the whole group fits on the screen. Example:
/// <c>{marks}{name}[ {more}][, {contact}]</c>. Each field is bound when parsed to its entry in the vocabulary the rules
/// share (<see cref="CallerFields"/>).
/// </summary>
public sealed class ScreenTemplate
{
    private ScreenTemplate(IReadOnlyList<Segment> segments, string text)
    {
        Segments = segments;
        Text = text;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    internal IReadOnlyList<Segment> Segments { get; }

    /// <summary>Parses a template for an unknown caller: only fields of the number (<see cref="CallerFieldSource.Number"/>), since no party was found.</summary>
    public static ScreenTemplate ParseForCaller(string text)
    {
        var template = Parse(text);
        var party = template.Segments.SelectMany(static s => s.Parts).FirstOrDefault(static p => p.Field is { Source: not CallerFieldSource.Number });
        return party is null
            ? template
            : throw new TemplateException($"expected a field of the number ({CallerFields.Known(CallerFieldUse.Screen, CallerFieldSource.Number)}), not '{party.Text}': no party is found for an unknown caller, in \"{text}\"");
    }

    /// <summary>Parses a template; <see cref="TemplateException"/> names the column and what was expected.</summary>
    public static ScreenTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<Segment>();
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var optional = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '{':
                    var close = text.IndexOf('}', i);
                    if (close < 0)
                    {
                        throw Error(text, i, "'}' to close the field");
                    }

                    var name = text[(i + 1)..close].Trim();
                    var field = CallerFields.Find(name, CallerFieldUse.Screen)
                        ?? throw Error(text, i + 1, $"a field ({CallerFields.Known(CallerFieldUse.Screen)}), not '{name}'");
                    Flush(literal, parts);
                    parts.Add(new Part(name, field));
                    i = close;
                    break;
                case '[':
                    if (optional)
                    {
                        throw Error(text, i, "']' before another '[' (groups do not nest)");
                    }

                    Flush(literal, parts);
                    EndSegment(segments, parts, optional: false);
                    optional = true;
                    break;
                case ']':
                    if (!optional)
                    {
                        throw Error(text, i, "'[' before ']'");
                    }

                    Flush(literal, parts);
                    EndSegment(segments, parts, optional: true);
                    optional = false;
                    break;
                case '}':
                    throw Error(text, i, "'{' before '}'");
                default:
                    literal.Append(c);
                    break;
            }
        }

        if (optional)
        {
            throw Error(text, text.Length, "']' to close the optional group");
        }

        Flush(literal, parts);
        EndSegment(segments, parts, optional: false);
        if (!segments.Any(s => s.Parts.Any(p => p.IsField)))
        {
            throw Error(text, 0, "at least one {field}");
        }

        return new ScreenTemplate(segments, text);
    }

    private static TemplateException Error(string text, int index, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"column {index + 1}: expected {expected} in \"{text}\""));

    private static void Flush(StringBuilder literal, List<Part> parts)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null));
            literal.Clear();
        }
    }

    private static void EndSegment(List<Segment> segments, List<Part> parts, bool optional)
    {
        if (parts.Count > 0)
        {
            segments.Add(new Segment([.. parts], optional));
            parts.Clear();
        }
    }

    /// <summary>Literal text, or a field (<paramref name="Text"/> is then its name) bound to its vocabulary entry.</summary>
    internal sealed record Part(string Text, CallerField? Field)
    {
        public bool IsField => Field is not null;
    }

    internal sealed record Segment(IReadOnlyList<Part> Parts, bool Optional);
}
