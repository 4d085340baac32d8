using System.Text;

namespace AgiIdent.Agi;

/// <summary>What of a value can reach Asterisk: no command line can carry a control character.</summary>
public static class AgiText
{
    /// <summary>
    /// The value as Asterisk will store it (before any truncation): a line break (CR, LF, CRLF, NEL) and a tab become one
    /// space each, so <c>Evil\nEXEC</c> reads <c>Evil EXEC</c> and not <c>EvilEXEC</c>; every other control character is
    /// removed. A raw LF would end the command and run the rest as a new one. A lone surrogate, which UTF-8 cannot
    /// carry, becomes U+FFFD as it does on the wire.
    /// </summary>
    public static string Sanitize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!NeedsSanitizing(value))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                continue;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    text.Append(c).Append(value[++i]);
                }
                else
                {
                    text.Append('\uFFFD');
                }
            }
            else if (c is '\r' or '\n' or '\t' or '\u0085')
            {
                text.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static bool NeedsSanitizing(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return true;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }
}
