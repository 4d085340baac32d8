namespace AgiIdent.TestSupport;

/// <summary>
/// How Asterisk reads one FastAGI command, ported to C# so tests can check our bytes the way Asterisk sees them.
/// <see cref="ReadLines"/> mirrors the command read loop of <c>run_agi()</c> and <see cref="ParseArgs"/> mirrors
/// <c>parse_args()</c>, both in Asterisk's <c>res/res_agi.c</c> (the same logic from 1.6 through 22).
/// <see cref="SeparateArgs"/> mirrors the app-argument splitter <c>__ast_app_separate_args()</c> of <c>main/app.c</c>,
/// and <see cref="SetVariable"/> what <c>SET VARIABLE</c> then stores, including func_strings' <c>ARRAY()</c>.
/// </summary>
public static class AsteriskCommandReader
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

    /// <summary><c>AST_APP_ARG(var)[100]</c> in func_strings' <c>array()</c>: the slots for its names and for its values.</summary>
    public const int ArraySlots = 100;

    /// <summary>
    /// Port of <c>__ast_app_separate_args(buf, delim, remove_chars=1, array, arraylen)</c> as
    /// <c>AST_STANDARD_APP_ARGS</c> calls it. One scan over the buffer, with counters that are never reset between
    /// arguments: <c>(</c> and <c>[</c> open a level, <c>)</c> and <c>]</c> close one (never below zero), an unescaped
    /// <c>"</c> toggles quoting and is removed, <c>\</c> is removed and the byte after it taken without a look, and
    /// <c>delim</c> ends an argument only at level zero outside quotes. The loop stops after
    /// <paramref name="arrayLength"/> - 1 arguments and the last slot gets the rest of the buffer as it is (unsplit,
    /// its escapes and quotes still in). A delimiter as the last byte adds an empty argument.
    /// </summary>
    public static AppArguments SeparateArgs(ReadOnlySpan<byte> data, byte delimiter, int arrayLength)
    {
        var buffer = new byte[data.Length + 1];
        data.CopyTo(buffer);
        var starts = new List<int>();
        int paren = 0, bracket = 0;
        var quote = false;
        var wasDelimiter = -1;
        var scan = 0;
        var readPastEnd = false;
        for (var argc = 0; buffer[scan] != 0 && argc < arrayLength - 1 && !readPastEnd; argc++)
        {
            starts.Add(scan);
            for (; buffer[scan] != 0; scan++)
            {
                var c = buffer[scan];
                if (c == (byte)'(')
                {
                    paren++;
                }
                else if (c == (byte)')')
                {
                    paren = Math.Max(0, paren - 1);
                }
                else if (c == (byte)'[')
                {
                    bracket++;
                }
                else if (c == (byte)']')
                {
                    bracket = Math.Max(0, bracket - 1);
                }
                else if (c == (byte)'"' && delimiter != (byte)'"')
                {
                    quote = !quote;
                    RemoveAt(buffer, scan);
                    scan--;
                }
                else if (c == (byte)'\\')
                {
                    RemoveAt(buffer, scan);
                    if (buffer[scan] == 0)
                    {
                        // The C loop would step over the terminator and read on; no line we write ends in a lone backslash.
                        readPastEnd = true;
                        break;
                    }
                }
                else if (c == delimiter && paren == 0 && !quote && bracket == 0)
                {
                    wasDelimiter = scan;
                    buffer[scan++] = 0;
                    break;
                }
            }
        }

        if (!readPastEnd && (buffer[scan] != 0 || (scan > 0 && scan - 1 == wasDelimiter)))
        {
            starts.Add(scan);
        }

        var arguments = new List<byte[]>(starts.Count);
        foreach (var start in starts)
        {
            var rest = buffer.AsSpan(start);
            arguments.Add(rest[..rest.IndexOf((byte)0)].ToArray());
        }

        return new AppArguments(arguments, readPastEnd, paren, bracket, quote);
    }

    /// <summary>
    /// What <c>SET VARIABLE name value</c> stores (<c>handle_setvariable()</c> → <c>pbx_builtin_setvar_helper()</c>): a
    /// plain name gets the value; a name ending in <c>)</c> writes that function, and for <c>ARRAY(V1,V2,...)</c>
    /// (<c>func_args()</c> takes what is between the first <c>(</c> and the last <c>)</c>) func_strings' <c>array()</c>
    /// splits names and value with <see cref="SeparateArgs"/> and sets each name, to an empty value when values run out.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SetVariable(AsteriskArguments command)
    {
        var words = command.Strings;
        if (words.Count != 4 || words[0] != "SET" || words[1] != "VARIABLE")
        {
            throw new InvalidOperationException($"not a four-word SET VARIABLE: {string.Join(" | ", words)}");
        }

        var name = words[2];
        if (!name.StartsWith("ARRAY(", StringComparison.OrdinalIgnoreCase) || name[^1] != ')')
        {
            return [new(name, words[3])];
        }

        var names = SeparateArgs(Utf8.Bytes(name["ARRAY(".Length..name.LastIndexOf(')')]), (byte)',', ArraySlots);
        var values = SeparateArgs(command.Words[3], (byte)',', ArraySlots);
        var set = new List<KeyValuePair<string, string>>(names.Arguments.Count);
        for (var i = 0; i < names.Arguments.Count; i++)
        {
            set.Add(new(Utf8.Strict.GetString(names.Arguments[i]), i < values.Arguments.Count ? Utf8.Strict.GetString(values.Arguments[i]) : string.Empty));
        }

        return set;
    }

    /// <summary>Every variable a stream of command lines sets, through all three ported parsers, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> VariablesSet(ReadOnlySpan<byte> received)
    {
        var set = new List<KeyValuePair<string, string>>();
        foreach (var line in ReadLines(received))
        {
            set.AddRange(SetVariable(ParseArgs(line)));
        }

        return set;
    }

    /// <summary><c>memmove(scan, scan + 1, strlen(scan))</c>: drops one byte, the terminator moving along.</summary>
    private static void RemoveAt(byte[] buffer, int index)
    {
        var end = Array.IndexOf(buffer, (byte)0, index);
        Array.Copy(buffer, index + 1, buffer, index, end - index);
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
