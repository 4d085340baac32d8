using System.Text;

namespace AgiIdent.Agi;

/// <summary>
/// Escapes a sanitized value for the parsers it passes on its way into a channel variable. Every command line goes
/// through res_agi's <c>parse_args</c> (<c>"</c> quotes, <c>\x</c> yields <c>x</c>); a value inside
/// <c>SET VARIABLE ARRAY(...) "v1,v2"</c> then goes through the app-argument splitter of <c>main/app.c</c>
/// (<c>__ast_app_separate_args</c>: splits on <c>,</c> outside quotes, <c>()</c> and <c>[]</c>, drops <c>"</c>,
/// <c>\x</c> yields <c>x</c>), so it is escaped for that splitter first and the result escaped again for <c>parse_args</c>.
/// </summary>
internal static class AgiEscaping
{
    /// <summary>Bytes <paramref name="rune"/> takes inside a quoted word: its UTF-8 plus the escapes of both layers.</summary>
    public static int Length(Rune rune, bool array) => rune.Value switch
    {
        // Layer two doubles it to \\ or \", layer one escapes both bytes again: \\\\ or \\\".
        '\\' or '"' => array ? 4 : 2,
        // Layer two writes \, and layer one escapes that backslash: \\,
        _ when array && IsArraySpecial(rune.Value) => 3,
        _ => rune.Utf8SequenceLength,
    };

    /// <summary>The encoded length of the whole value.</summary>
    public static int Length(string value, bool array)
    {
        var length = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            length += Length(rune, array);
        }

        return length;
    }

    /// <summary>
    /// Writes as much of <paramref name="value"/> as fits in <paramref name="room"/> bytes, whole characters with whole
    /// escapes, and returns the bytes written; <paramref name="chars"/> is how many UTF-16 chars of the value went.
    /// </summary>
    public static int Write(string value, bool array, Span<byte> destination, int room, out int chars)
    {
        var position = 0;
        chars = 0;
        Span<byte> encoded = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = Length(rune, array);
            if (position + length > room)
            {
                break;
            }

            var utf8 = rune.EncodeToUtf8(encoded);
            if (length != utf8)
            {
                // One backslash for parse_args per byte that parse_args or the splitter would otherwise act on.
                var layerTwo = array && (rune.Value is '\\' or '"' || IsArraySpecial(rune.Value));
                if (layerTwo)
                {
                    destination[position++] = AgiWire.Backslash;
                    destination[position++] = AgiWire.Backslash;
                }

                if (rune.Value is '\\' or '"')
                {
                    destination[position++] = AgiWire.Backslash;
                }
            }

            encoded[..utf8].CopyTo(destination[position..]);
            position += utf8;
            chars += rune.Utf16SequenceLength;
        }

        return position;
    }

    /// <summary>Characters the app-argument splitter acts on besides <c>\</c> and <c>"</c>; <c>|</c> was its separator before Asterisk 1.6.</summary>
    private static bool IsArraySpecial(int c) => c is ',' or '(' or ')' or '[' or ']' or '|';
}
