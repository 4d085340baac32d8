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
        if (new AgiEnvironmentReader(limits).TryRead(buffer, out consumed, out request))
        {
            return true;
        }

        consumed = buffer.Start;
        return false;
    }

    /// <summary>
    /// Takes a complete <c>HANGUP</c> line (LF or CRLF) right after the block. Only looks: whatever else follows, a
    /// partial line or one longer than the line limit, is not part of the block and is left for the session to read,
    /// so the block is complete however the bytes after it arrive.
    /// </summary>
    internal static bool TrySkipHangup(ref SequenceReader<byte> reader)
    {
        var lookahead = reader;
        if (lookahead.IsNext(AgiWire.Hangup, advancePast: true)
            && (lookahead.IsNext(AgiWire.LineFeed, advancePast: true)
                || (lookahead.IsNext(AgiWire.CarriageReturn, advancePast: true) && lookahead.IsNext(AgiWire.LineFeed, advancePast: true))))
        {
            reader = lookahead;
            return true;
        }

        return false;
    }

    internal static void AddVariable(AgiEnvironment variables, in ReadOnlySequence<byte> line)
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

        variables.Add(key, bytes[(separator + AgiWire.KeyValueSeparator.Length)..]);
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
