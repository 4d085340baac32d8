using System.Buffers;
using System.Text;

namespace AgiIdent.Agi;

/// <summary>
/// One FastAGI command line, encoded so that Asterisk's <c>parse_args</c> gives back exactly the intended words.
/// Values are quoted with <c>\</c> and <c>"</c> escaped, control characters removed (a raw LF would start a new
/// command), and cut on a UTF-8 character boundary so the whole line stays within <see cref="MaxBytes"/>.
/// </summary>
public readonly struct AgiCommand
{
    /// <summary>Longest line written, <c>\n</c> included; below the 2047 bytes of Asterisk's line buffer.</summary>
    public const int MaxBytes = AgiWire.MaxCommandBytes;

    private readonly CommandKind _kind;
    private readonly string _name;
    private readonly string _value;

    private AgiCommand(CommandKind kind, string name, string value)
    {
        _kind = kind;
        _name = name;
        _value = value;
    }

    private enum CommandKind
    {
        SetVariable,
        GetVariable,
        Verbose,
    }

    /// <summary>Name of the variable or function the command addresses (empty for VERBOSE).</summary>
    public string Name => _name;

    /// <summary>The value as given, before sanitizing and truncation.</summary>
    public string Value => _value;

    /// <summary><c>SET VARIABLE name "value"</c>. A name ending in <c>)</c> writes a dialplan function, e.g. <c>CALLERID(name)</c>.</summary>
    public static AgiCommand SetVariable(string name, string value)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(value);
        return new AgiCommand(CommandKind.SetVariable, name, value);
    }

    /// <summary><c>GET VARIABLE name</c>; the value comes back in the reply's <c>(data)</c>.</summary>
    public static AgiCommand GetVariable(string name)
    {
        ValidateName(name);
        return new AgiCommand(CommandKind.GetVariable, name, string.Empty);
    }

    /// <summary><c>VERBOSE "message" 1</c>: a line in the Asterisk console.</summary>
    public static AgiCommand Verbose(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new AgiCommand(CommandKind.Verbose, string.Empty, message);
    }

    /// <summary>Writes the command line, <c>\n</c> included, and returns the number of bytes written (never above <see cref="MaxBytes"/>).</summary>
    public int WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(MaxBytes);
        var written = Encode(span);
        output.Advance(written);
        return written;
    }

    /// <summary>The command line as bytes, <c>\n</c> included.</summary>
    public byte[] ToBytes()
    {
        Span<byte> buffer = stackalloc byte[MaxBytes];
        return buffer[..Encode(buffer)].ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(ToBytes()).TrimEnd('\n');

    private int Encode(Span<byte> span)
    {
        var position = 0;
        switch (_kind)
        {
            case CommandKind.SetVariable:
                position += Copy(AgiWire.SetVariable, span);
                position += Encoding.ASCII.GetBytes(_name, span[position..]);
                span[position++] = AgiWire.Space;
                // Room left for the value: the line so far, two quotes and the final LF.
                position += WriteQuoted(_value, span[position..], MaxBytes - position - 1);
                break;
            case CommandKind.GetVariable:
                position += Copy(AgiWire.GetVariable, span);
                position += Encoding.ASCII.GetBytes(_name, span[position..]);
                break;
            case CommandKind.Verbose:
                position += Copy(AgiWire.Verbose, span);
                position += WriteQuoted(_value, span[position..], MaxBytes - position - 1 - " 1"u8.Length);
                position += Copy(" 1"u8, span[position..]);
                break;
        }

        span[position++] = AgiWire.LineFeed;
        return position;
    }

    private static int Copy(ReadOnlySpan<byte> literal, Span<byte> destination)
    {
        literal.CopyTo(destination);
        return literal.Length;
    }

    /// <summary>Writes <c>"value"</c> in at most <paramref name="room"/> bytes, quotes included.</summary>
    private static int WriteQuoted(string value, Span<byte> destination, int room)
    {
        var position = 0;
        destination[position++] = AgiWire.Quote;
        var limit = room - 1;
        Span<byte> encoded = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var current = rune;
            if (Rune.IsControl(current))
            {
                // A tab separates words on a phone screen; every other control character is noise or an injection attempt.
                if (current.Value != '\t')
                {
                    continue;
                }

                current = new Rune(' ');
            }

            var length = current.EncodeToUtf8(encoded);
            var escape = current.Value is '"' or '\\' ? 1 : 0;
            if (position + escape + length > limit)
            {
                break;
            }

            if (escape == 1)
            {
                destination[position++] = AgiWire.Backslash;
            }

            encoded[..length].CopyTo(destination[position..]);
            position += length;
        }

        destination[position++] = AgiWire.Quote;
        return position;
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
