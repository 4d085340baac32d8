using System.Buffers;
using System.Text;

namespace AgiIdent.Agi;

/// <summary>
/// One FastAGI command line, encoded when it is created so that Asterisk's parsers give back exactly
/// <see cref="Variables"/>: values sanitized (<see cref="AgiText.Sanitize"/>), escaped for each parser they pass, and cut
/// on a character boundary so the whole line stays within <see cref="MaxBytes"/>.
/// </summary>
public sealed class AgiCommand
{
    /// <summary>Longest line written, <c>\n</c> included; below the 2047 bytes of Asterisk's line buffer.</summary>
    public const int MaxBytes = AgiWire.MaxCommandBytes;

    /// <summary>
    /// Most variables in one ARRAY: func_strings splits its names and values into 100 slots, and the splitter hands the
    /// hundredth the rest of the list unsplit and unescaped, so only 99 are safe.
    /// </summary>
    public const int MaxArrayVariables = 99;

    /// <summary>Bytes of an ARRAY line besides its names, values and commas: <c>SET VARIABLE ARRAY(</c>, <c>) "</c>, <c>"\n</c>.</summary>
    private static readonly int ArrayOverhead = AgiWire.SetVariable.Length + AgiWire.ArrayOpen.Length + AgiWire.ArrayClose.Length + 2;

    private readonly byte[] _line;

    private AgiCommand(byte[] line, IReadOnlyList<KeyValuePair<string, string>> variables)
    {
        _line = line;
        Variables = variables;
    }

    /// <summary>What Asterisk stores when it runs this command, name by name, values as they arrive; empty for GET VARIABLE and VERBOSE.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; }

    /// <summary>Bytes of the line, <c>\n</c> included.</summary>
    public int Length => _line.Length;

    /// <summary><c>SET VARIABLE name "value"</c>. A name ending in <c>)</c> writes a dialplan function, e.g. <c>CALLERID(name)</c>.</summary>
    public static AgiCommand SetVariable(string name, string value)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(value);
        var sanitized = AgiText.Sanitize(value);
        Span<byte> line = stackalloc byte[MaxBytes];
        var position = Copy(AgiWire.SetVariable, line);
        position += Encoding.ASCII.GetBytes(name, line[position..]);
        line[position++] = AgiWire.Space;
        // Room left for the value: the line so far, two quotes and the final LF.
        position += WriteQuoted(sanitized, array: false, line[position..], MaxBytes - position - 3, out var delivered);
        line[position++] = AgiWire.LineFeed;
        return new AgiCommand(line[..position].ToArray(), [new(name, delivered)]);
    }

    /// <summary>
    /// The commands that set <paramref name="variables"/> in their order: with <see cref="AgiVariableCommands.Array"/> as
    /// few ARRAY lines as fit (a line of one variable, or a name ARRAY cannot carry, is a plain SET VARIABLE), with
    /// <see cref="AgiVariableCommands.Single"/> one SET VARIABLE each.
    /// </summary>
    public static IReadOnlyList<AgiCommand> SetVariables(IReadOnlyList<KeyValuePair<string, string>> variables, AgiVariableCommands style)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var commands = new List<AgiCommand>(style == AgiVariableCommands.Single ? variables.Count : 1);
        var i = 0;
        while (i < variables.Count)
        {
            var count = style == AgiVariableCommands.Array ? CountFitting(variables, i) : 1;
            commands.Add(count == 1 ? SetVariable(variables[i].Key, variables[i].Value) : SetArray(variables, i, count));
            i += count;
        }

        return commands;
    }

    /// <summary><c>GET VARIABLE name</c>; the value comes back in the reply's <c>(data)</c>.</summary>
    public static AgiCommand GetVariable(string name)
    {
        ValidateName(name);
        Span<byte> line = stackalloc byte[MaxBytes];
        var position = Copy(AgiWire.GetVariable, line);
        position += Encoding.ASCII.GetBytes(name, line[position..]);
        line[position++] = AgiWire.LineFeed;
        return new AgiCommand(line[..position].ToArray(), []);
    }

    /// <summary><c>VERBOSE "message" 1</c>: a line in the Asterisk console.</summary>
    public static AgiCommand Verbose(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> line = stackalloc byte[MaxBytes];
        var position = Copy(AgiWire.Verbose, line);
        position += WriteQuoted(AgiText.Sanitize(message), array: false, line[position..], MaxBytes - position - 3 - AgiWire.VerboseLevel.Length, out _);
        position += Copy(AgiWire.VerboseLevel, line[position..]);
        line[position++] = AgiWire.LineFeed;
        return new AgiCommand(line[..position].ToArray(), []);
    }

    /// <summary>Writes the command line, <c>\n</c> included, and returns the number of bytes written (never above <see cref="MaxBytes"/>).</summary>
    public int WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(_line);
        return _line.Length;
    }

    /// <summary>The command line as bytes, <c>\n</c> included.</summary>
    public byte[] ToBytes() => (byte[])_line.Clone();

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(_line, 0, _line.Length - 1);

    /// <summary>How many variables from <paramref name="start"/> one ARRAY line carries whole (at least one: a lone value is cut to fit).</summary>
    private static int CountFitting(IReadOnlyList<KeyValuePair<string, string>> variables, int start)
    {
        var length = ArrayOverhead;
        var count = 0;
        for (var i = start; i < variables.Count && count < MaxArrayVariables; i++)
        {
            var (name, value) = variables[i];
            ValidateName(name);
            ArgumentNullException.ThrowIfNull(value);
            if (!CanBeArrayName(name))
            {
                break;
            }

            // Two commas per variable after the first: one in the name list, one in the value list.
            var added = name.Length + AgiEscaping.Length(AgiText.Sanitize(value), array: true) + (count == 0 ? 0 : 2);
            if (length + added > MaxBytes)
            {
                break;
            }

            length += added;
            count++;
        }

        return Math.Max(count, 1);
    }

    private static AgiCommand SetArray(IReadOnlyList<KeyValuePair<string, string>> variables, int start, int count)
    {
        Span<byte> line = stackalloc byte[MaxBytes];
        var position = Copy(AgiWire.SetVariable, line);
        position += Copy(AgiWire.ArrayOpen, line[position..]);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                line[position++] = AgiWire.Comma;
            }

            position += Encoding.ASCII.GetBytes(variables[start + i].Key, line[position..]);
        }

        position += Copy(AgiWire.ArrayClose, line[position..]);
        var delivered = new KeyValuePair<string, string>[count];
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                line[position++] = AgiWire.Comma;
            }

            var (name, value) = variables[start + i];
            var sanitized = AgiText.Sanitize(value);
            position += AgiEscaping.Write(sanitized, array: true, line[position..], sanitized.Length * 4, out var chars);
            delivered[i] = new(name, sanitized[..chars]);
        }

        line[position++] = AgiWire.Quote;
        line[position++] = AgiWire.LineFeed;
        return new AgiCommand(line[..position].ToArray(), delivered);
    }

    private static int Copy(ReadOnlySpan<byte> literal, Span<byte> destination)
    {
        literal.CopyTo(destination);
        return literal.Length;
    }

    /// <summary>Writes <c>"value"</c> with at most <paramref name="room"/> bytes of value between the quotes.</summary>
    private static int WriteQuoted(string value, bool array, Span<byte> destination, int room, out string delivered)
    {
        destination[0] = AgiWire.Quote;
        var position = 1 + AgiEscaping.Write(value, array, destination[1..], room, out var chars);
        destination[position++] = AgiWire.Quote;
        delivered = chars == value.Length ? value : value[..chars];
        return position;
    }

    /// <summary>
    /// A name the splitter gives back whole from an ARRAY name list: no comma outside parentheses, parentheses and
    /// brackets balanced (<c>CONNECTEDLINE(name,i)</c> is one name), no <c>|</c>.
    /// </summary>
    private static bool CanBeArrayName(string name)
    {
        var parentheses = 0;
        var brackets = 0;
        foreach (var c in name)
        {
            switch (c)
            {
                case '(':
                    parentheses++;
                    break;
                case ')' when --parentheses < 0:
                    return false;
                case '[':
                    brackets++;
                    break;
                case ']' when --brackets < 0:
                    return false;
                case ',' when parentheses == 0 && brackets == 0:
                case '|':
                    return false;
            }
        }

        return parentheses == 0 && brackets == 0;
    }

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("A variable name must not be empty: Asterisk would take the value as the name.", nameof(name));
        }

        if (name.Length > 256)
        {
            throw new ArgumentException("A variable name must be at most 256 characters.", nameof(name));
        }

        foreach (var c in name)
        {
            if (c <= ' ' || c >= 0x7F || c is '"' or '\\')
            {
                throw new ArgumentException($"A variable name must be printable ASCII without blanks, quotes or backslashes: '{name}'.", nameof(name));
            }
        }
    }
}
