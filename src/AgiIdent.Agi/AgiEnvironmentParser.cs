using System.Buffers;

namespace AgiIdent.Agi;

/// <summary>
/// Parses the environment block Asterisk sends on connect: <c>key: value</c> lines ended by an empty line.
/// Pure and bounded: incomplete input consumes nothing, hostile input throws <see cref="AgiProtocolException"/>.
/// </summary>
public static class AgiEnvironmentParser
{
    /// <summary>Asterisk passes at most 127 comma arguments (<c>MAX_ARGS</c>).</summary>
    public const int MaxArguments = 127;

    /// <summary>
    /// Tries to parse a complete environment block at the start of <paramref name="buffer"/>.
    /// On success <paramref name="consumed"/> is just past the empty line (and past a <c>HANGUP</c> line right after it);
    /// on false nothing is consumed and more input is needed.
    /// </summary>
    public static bool TryParse(in ReadOnlySequence<byte> buffer, AgiLimits limits, out SequencePosition consumed, out AgiRequest? request)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var reader = new SequenceReader<byte>(buffer);
        var variables = new Dictionary<string, string>(32, StringComparer.Ordinal);
        var lines = 0;
        while (AgiLine.TryRead(ref reader, limits.MaxLineBytes, out var line))
        {
            if (line.IsEmpty)
            {
                var hangup = TrySkipHangup(ref reader, limits);
                consumed = reader.Position;
                request = new AgiRequest(variables, hangup);
                return true;
            }

            if (reader.Consumed > limits.MaxEnvironmentBytes)
            {
                AgiProtocolException.Throw($"environment block longer than {limits.MaxEnvironmentBytes} bytes");
            }

            if (++lines > limits.MaxEnvironmentLines)
            {
                AgiProtocolException.Throw($"environment block longer than {limits.MaxEnvironmentLines} lines");
            }

            AddVariable(variables, line);
        }

        if (buffer.Length > limits.MaxEnvironmentBytes)
        {
            AgiProtocolException.Throw($"environment block longer than {limits.MaxEnvironmentBytes} bytes");
        }

        consumed = buffer.Start;
        request = null;
        return false;
    }

    private static bool TrySkipHangup(ref SequenceReader<byte> reader, AgiLimits limits)
    {
        var lookahead = reader;
        if (AgiLine.TryRead(ref lookahead, limits.MaxLineBytes, out var next) && AgiLine.IsHangup(next))
        {
            reader = lookahead;
            return true;
        }

        return false;
    }

    private static void AddVariable(Dictionary<string, string> variables, in ReadOnlySequence<byte> line)
    {
        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        var separator = bytes.IndexOf(AgiWire.KeyValueSeparator);
        // "agi_rdnis: " with an empty value ends in the separator itself; Asterisk never sends a line without it.
        if (separator <= 0)
        {
            AgiProtocolException.Throw("environment line is not 'agi_key: value'", bytes);
        }

        var key = bytes[..separator];
        if (!IsEnvironmentKey(key))
        {
            AgiProtocolException.Throw("environment key is not an agi_ name", bytes);
        }

        var name = System.Text.Encoding.ASCII.GetString(key);
        variables.TryAdd(name, AgiLine.Lenient.GetString(bytes[(separator + AgiWire.KeyValueSeparator.Length)..]));
    }

    private static bool IsEnvironmentKey(ReadOnlySpan<byte> key)
    {
        if (!key.StartsWith(AgiWire.EnvironmentKeyPrefix) || key.Length > 64)
        {
            return false;
        }

        foreach (var b in key)
        {
            if (b is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }
}
