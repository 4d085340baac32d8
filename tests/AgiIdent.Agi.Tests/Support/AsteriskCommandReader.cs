namespace AgiIdent.Agi.Tests.Support;

/// <summary>
/// How Asterisk reads one FastAGI command, ported to C# so tests can check our bytes the way Asterisk sees them.
/// <see cref="ReadLines"/> mirrors the command read loop of <c>run_agi()</c> and <see cref="ParseArgs"/> mirrors
/// <c>parse_args()</c>, both in Asterisk's <c>res/res_agi.c</c> (the same logic from 1.6 through 22).
/// </summary>
internal static class AsteriskCommandReader
{
    /// <summary><c>AGI_BUF_LEN</c>: <c>run_agi()</c> reads into <c>char buf[2048]</c> (8192 from 20.16/21.11/22.6).</summary>
    public const int BufferLength = 2048;

    /// <summary><c>MAX_ARGS</c>: the size of <c>argv</c> in <c>agi_handle_command()</c>.</summary>
    public const int MaxArgs = 128;

    /// <summary>
    /// Splits what Asterisk receives into the command strings it executes: <c>fgets()</c> stops after a LF or when the
    /// buffer is full (so a longer line runs as two commands), the trailing LF is removed, and since the rest of
    /// Asterisk sees a C string a NUL ends the command.
    /// </summary>
    public static IReadOnlyList<byte[]> ReadLines(ReadOnlySpan<byte> received, int bufferLength = BufferLength)
    {
        var lines = new List<byte[]>();
        while (!received.IsEmpty)
        {
            var window = received[..Math.Min(received.Length, bufferLength - 1)];
            var lineFeed = window.IndexOf((byte)'\n');
            var line = lineFeed < 0 ? window : window[..(lineFeed + 1)];
            received = received[line.Length..];

            var nul = line.IndexOf((byte)0);
            if (nul >= 0)
            {
                line = line[..nul];
            }

            if (!line.IsEmpty && line[^1] == (byte)'\n')
            {
                line = line[..^1];
            }

            lines.Add(line.ToArray());
        }

        return lines;
    }

    /// <summary>
    /// Port of <c>parse_args()</c>: blanks (space, tab) end a word outside quotes; an unescaped <c>"</c> toggles
    /// quoting, is dropped, and opening it after a blank starts a word (so <c>""</c> is an empty word); <c>\</c> makes
    /// the next byte literal, whatever it is; a word that would be number <see cref="MaxArgs"/> is dropped byte by byte.
    /// Like the C code it rewrites the words in place over the input, each ended by a NUL.
    /// </summary>
    public static AsteriskArguments ParseArgs(ReadOnlySpan<byte> command)
    {
        var buffer = new byte[command.Length + 1];
        command.CopyTo(buffer);
        var starts = new List<int>();
        var quoted = false;
        var escaped = false;
        var whitespace = true;
        var cur = 0;
        for (var s = 0; buffer[s] != 0; s++)
        {
            var c = buffer[s];
            var literal = false;
            switch (c)
            {
                case (byte)'"':
                    if (escaped)
                    {
                        literal = true;
                        break;
                    }

                    quoted = !quoted;
                    if (quoted && whitespace)
                    {
                        // The C code does not check MAX_ARGS here (argv would overflow); a list just grows.
                        starts.Add(cur);
                        whitespace = false;
                    }

                    escaped = false;
                    break;
                case (byte)' ':
                case (byte)'\t':
                    if (!quoted && !escaped)
                    {
                        whitespace = true;
                        buffer[cur++] = 0;
                    }
                    else
                    {
                        literal = true;
                    }

                    break;
                case (byte)'\\':
                    if (escaped)
                    {
                        literal = true;
                    }
                    else
                    {
                        escaped = true;
                    }

                    break;
                default:
                    literal = true;
                    break;
            }

            if (!literal)
            {
                continue;
            }

            if (whitespace)
            {
                if (starts.Count >= MaxArgs - 1)
                {
                    // "Too many arguments, truncating": this byte is dropped and escaped stays as it was.
                    continue;
                }

                starts.Add(cur);
                whitespace = false;
            }

            buffer[cur++] = c;
            escaped = false;
        }

        buffer[cur] = 0;
        var words = new List<byte[]>(starts.Count);
        foreach (var start in starts)
        {
            var word = buffer.AsSpan(start);
            words.Add(word[..word.IndexOf((byte)0)].ToArray());
        }

        return new AsteriskArguments(words, quoted, escaped);
    }
}

/// <summary>The words <c>parse_args()</c> produced, and whether the line ended inside quotes or after a lone backslash.</summary>
internal sealed record AsteriskArguments(IReadOnlyList<byte[]> Words, bool EndedQuoted, bool EndedEscaped)
{
    /// <summary>The words decoded as UTF-8, throwing on invalid bytes so that a cut character cannot go unnoticed.</summary>
    public IReadOnlyList<string> Strings => [.. Words.Select(word => Utf8.Strict.GetString(word))];
}
