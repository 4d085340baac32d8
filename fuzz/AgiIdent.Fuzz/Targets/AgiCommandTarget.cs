using System.Text;
using AgiIdent.Agi;
using AgiIdent.TestSupport;

namespace AgiIdent.Fuzz.Targets;

/// <summary>
/// The command encoder as a round trip: arbitrary names and values are encoded (<see cref="AgiCommand.SetVariables"/>,
/// <see cref="AgiCommand.Verbose"/>) and read back with the ports of Asterisk's line reader, <c>parse_args()</c>, the
/// app-argument splitter and <c>ARRAY()</c> (tests/AgiIdent.TestSupport/AsteriskCommandReader.cs). Every value
/// must arrive exactly as <see cref="AgiText.Sanitize"/> documents it (line breaks and tabs a space, other control
/// characters gone, a lone surrogate U+FFFD), cut only at a character boundary when it fills a line alone. Expected
/// rejection: <see cref="ArgumentException"/> for a name <see cref="AgiCommand"/> documents as invalid, and only then.
/// </summary>
/// <remarks>
/// Input: byte 0 chooses the style (bit 0: Array or Single); the rest is fields separated by <c>0xFF</c>, a byte never
/// in UTF-8. A field's first byte picks a name (below <c>0xF0</c>: one of the names the daemon sets; from <c>0xF0</c>:
/// the field up to its first <c>=</c> is the name as raw Latin-1), its second byte how the value is decoded (bit 0 set:
/// UTF-16 code units, lone surrogates included; clear: UTF-8, invalid bytes U+FFFD).
/// </remarks>
internal static class AgiCommandTarget
{
    private static readonly string[] Names =
    [
        "AGIIDENT_STATUS", "AGIIDENT_ROUTE", "CALLERID(name)", "CONNECTEDLINE(name,i)", "CONNECTEDLINE(num)", "CDR(userfield)", "X",
        "AGIIDENT_NAME", "AGIIDENT_MANAGER", "AGIIDENT_FLAGS", "AGIIDENT_GREETING", "ODD)NAME", "HASH(agiident,name)",
    ];

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0)
        {
            return;
        }

        var style = (data[0] & 1) == 0 ? AgiVariableCommands.Array : AgiVariableCommands.Single;
        var variables = new List<KeyValuePair<string, string>>();
        foreach (var field in Fields(data.AsSpan(1)))
        {
            variables.Add(Variable(field));
        }

        if (variables.Exists(v => v.Key.StartsWith("ARRAY(", StringComparison.OrdinalIgnoreCase)))
        {
            // Documented: a name ending in ')' writes that function, and ARRAY(...) is a function that sets others.
            return;
        }

        var invalid = variables.FirstOrDefault(v => !ValidName(v.Key)).Key;
        IReadOnlyList<AgiCommand> commands;
        try
        {
            commands = AgiCommand.SetVariables(variables, style);
        }
        catch (ArgumentException) when (invalid is not null)
        {
            RoundTripVerbose(variables);
            return;
        }

        FuzzFailure.Check(invalid is null, $"the name '{invalid}' is not valid, yet it was encoded");
        RoundTrip(variables, commands);
        RoundTripVerbose(variables);
    }

    private static List<byte[]> Fields(ReadOnlySpan<byte> rest)
    {
        var fields = new List<byte[]>();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)0xFF);
            fields.Add((end < 0 ? rest : rest[..end]).ToArray());
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return fields;
    }

    private static KeyValuePair<string, string> Variable(byte[] field)
    {
        if (field.Length == 0)
        {
            return new(Names[0], string.Empty);
        }

        string name;
        var value = field.AsSpan(1);
        if (field[0] < 0xF0)
        {
            name = Names[field[0] % Names.Length];
        }
        else
        {
            var equals = value.IndexOf((byte)'=');
            name = Encoding.Latin1.GetString(equals < 0 ? value : value[..equals]);
            value = equals < 0 ? [] : value[(equals + 1)..];
        }

        if (value.IsEmpty)
        {
            return new(name, string.Empty);
        }

        var utf16 = (value[0] & 1) == 1;
        value = value[1..];
        return new(name, utf16 ? Utf16(value) : Encoding.UTF8.GetString(value));
    }

    private static string Utf16(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8));
        }

        return new string(chars);
    }

    /// <summary>The names <see cref="AgiCommand"/> documents as valid: 1..256 printable ASCII characters, no blank, quote or backslash.</summary>
    private static bool ValidName(string name) =>
        name.Length is > 0 and <= 256 && name.All(c => c > ' ' && c < 0x7F && c is not '"' and not '\\');

    private static void RoundTrip(List<KeyValuePair<string, string>> variables, IReadOnlyList<AgiCommand> commands)
    {
        var wire = new List<byte>();
        foreach (var command in commands)
        {
            var bytes = command.ToBytes();
            FuzzFailure.Check(bytes.Length <= AgiCommand.MaxBytes, $"a line of {bytes.Length} bytes");
            FuzzFailure.Check(bytes.Count(b => b == (byte)'\n') == 1 && bytes[^1] == (byte)'\n', "not exactly one line");
            FuzzFailure.Check(!bytes.Contains((byte)0) && !bytes.Contains((byte)'\r'), "a NUL or CR on the line");
            var lines = AsteriskCommandReader.ReadLines(bytes);
            FuzzFailure.Check(lines.Count == 1, $"Asterisk reads {lines.Count} commands from one line");
            var words = AsteriskCommandReader.ParseArgs(lines[0]);
            FuzzFailure.Check(!words.EndedQuoted && !words.EndedEscaped, $"the line ends inside quotes or after a backslash: {command}");
            wire.AddRange(bytes);
        }

        IReadOnlyList<KeyValuePair<string, string>> stored;
        try
        {
            stored = AsteriskCommandReader.VariablesSet(wire.ToArray());
        }
        catch (DecoderFallbackException e)
        {
            throw new FuzzFailure($"Asterisk would store invalid UTF-8 (a character cut in two): {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FuzzFailure($"Asterisk does not read a SET VARIABLE of four words: {e.Message}", e);
        }

        var announced = commands.SelectMany(c => c.Variables).ToList();
        FuzzFailure.Check(announced.SequenceEqual(stored), $"the commands say they set [{Show(announced)}] but Asterisk stores [{Show(stored)}]");
        FuzzFailure.Check(variables.Select(v => v.Key).SequenceEqual(stored.Select(v => v.Key)), $"names [{Show(variables)}] arrive as [{Show(stored)}]");
        var i = 0;
        foreach (var command in commands)
        {
            foreach (var (name, value) in command.Variables)
            {
                var expected = AgiText.Sanitize(variables[i++].Value);
                if (value == expected)
                {
                    continue;
                }

                // Cut only when it fills a line alone, only at a character boundary, and only when the line is full.
                FuzzFailure.Check(command.Variables.Count == 1, $"{name}: '{Escape(expected)}' arrives as '{Escape(value)}' in an ARRAY of {command.Variables.Count}");
                FuzzFailure.Check(expected.StartsWith(value, StringComparison.Ordinal), $"{name}: '{Escape(expected)}' arrives as '{Escape(value)}'");
                FuzzFailure.Check(value.Length == 0 || !char.IsHighSurrogate(value[^1]), $"{name}: cut inside a surrogate pair");
                FuzzFailure.Check(command.Length > AgiCommand.MaxBytes - 12, $"{name}: cut with {AgiCommand.MaxBytes - command.Length} bytes free on the line");
            }
        }

        FuzzFailure.Check(stored.All(v => !v.Value.Any(char.IsControl)), "a control character reached a channel variable");
    }

    private static void RoundTripVerbose(List<KeyValuePair<string, string>> variables)
    {
        foreach (var (_, value) in variables)
        {
            var command = AgiCommand.Verbose(value);
            var bytes = command.ToBytes();
            FuzzFailure.Check(bytes.Length <= AgiCommand.MaxBytes && bytes.Count(b => b == (byte)'\n') == 1, "VERBOSE is not one line within the limit");
            var words = AsteriskCommandReader.ParseArgs(Assert1(AsteriskCommandReader.ReadLines(bytes)));
            var strings = words.Strings;
            FuzzFailure.Check(strings.Count == 3 && strings[0] == "VERBOSE" && strings[2] == "1", $"VERBOSE reads as [{string.Join(" | ", strings)}]");
            var expected = AgiText.Sanitize(value);
            FuzzFailure.Check(expected.StartsWith(strings[1], StringComparison.Ordinal), $"VERBOSE '{Escape(expected)}' arrives as '{Escape(strings[1])}'");
            FuzzFailure.Check(strings[1].Length == expected.Length || bytes.Length > AgiCommand.MaxBytes - 12, "VERBOSE cut on a line with room");
        }
    }

    private static byte[] Assert1(IReadOnlyList<byte[]> lines)
    {
        FuzzFailure.Check(lines.Count == 1, $"Asterisk reads {lines.Count} commands from one line");
        return lines[0];
    }

    private static string Show(IEnumerable<KeyValuePair<string, string>> variables) =>
        string.Join(", ", variables.Select(v => $"{v.Key}='{Escape(v.Value)}'"));

    private static string Escape(string text) =>
        text.Length > 80 ? AgiProtocolException.EscapeForLog(Encoding.UTF8.GetBytes(text[..80])) + "..." : AgiProtocolException.EscapeForLog(Encoding.UTF8.GetBytes(text));
}
