using System.Buffers;
using System.Globalization;

namespace AgiIdent.Agi;

/// <summary>Parses Asterisk's replies. Pure and bounded: incomplete input consumes nothing.</summary>
public static class AgiReplyParser
{
    /// <summary>
    /// Tries to parse one frame at the start of <paramref name="buffer"/>. A multi-line <c>520-</c> reply is returned
    /// only once its closing <c>520 </c> line has arrived.
    /// </summary>
    public static bool TryParse(in ReadOnlySequence<byte> buffer, AgiLimits limits, out SequencePosition consumed, out AgiFrameKind kind, out AgiReply? reply)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var reader = new SequenceReader<byte>(buffer);
        consumed = buffer.Start;
        kind = AgiFrameKind.Reply;
        reply = null;
        if (!AgiLine.TryRead(ref reader, limits.MaxLineBytes, out var first))
        {
            return false;
        }

        var line = first.IsSingleSegment ? first.FirstSpan : first.ToArray();
        if (line.SequenceEqual(AgiWire.Hangup))
        {
            kind = AgiFrameKind.Hangup;
            consumed = reader.Position;
            return true;
        }

        var code = ParseCode(line);
        if (code == 520 && line.Length > 3 && line[3] == (byte)'-')
        {
            if (!TryReadUsage(ref reader, limits, line, out reply))
            {
                return false;
            }

            consumed = reader.Position;
            return true;
        }

        if (line.Length > 3 && line[3] != AgiWire.Space)
        {
            AgiProtocolException.Throw("reply code not followed by a space", line);
        }

        kind = code == 100 ? AgiFrameKind.Trying : AgiFrameKind.Reply;
        reply = code == 200 ? ParseSuccess(line) : new AgiReply(code, 0, null, AgiLine.Lenient.GetString(line));
        consumed = reader.Position;
        return true;
    }

    private static int ParseCode(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2]))
        {
            AgiProtocolException.Throw("reply does not start with a three-digit code", line);
        }

        var code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        if (code is not (100 or 200 or 510 or 511 or 520))
        {
            AgiProtocolException.Throw("unknown reply code", line);
        }

        return code;
    }

    private static bool TryReadUsage(ref SequenceReader<byte> reader, AgiLimits limits, ReadOnlySpan<byte> first, out AgiReply? reply)
    {
        var text = new System.Text.StringBuilder(AgiLine.Lenient.GetString(first));
        for (var lines = 1; ; lines++)
        {
            if (lines >= limits.MaxReplyLines)
            {
                AgiProtocolException.Throw($"multi-line 520 reply longer than {limits.MaxReplyLines} lines", first);
            }

            if (!AgiLine.TryRead(ref reader, limits.MaxLineBytes, out var next))
            {
                reply = null;
                return false;
            }

            var decoded = AgiLine.Decode(next);
            text.Append('\n').Append(decoded);
            if (next.FirstSpan.StartsWith(AgiWire.UsageEnd) || (!next.IsSingleSegment && next.ToArray().AsSpan().StartsWith(AgiWire.UsageEnd)))
            {
                reply = new AgiReply(520, 0, null, text.ToString());
                return true;
            }
        }
    }

    /// <summary>The reply to nearly every <c>SET VARIABLE</c>: shared, so the common case allocates nothing.</summary>
    private static readonly AgiReply Success = new(200, 1, null, "200 result=1");

    private static AgiReply ParseSuccess(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual(AgiWire.SuccessReply))
        {
            return Success;
        }

        var rest = line.Length > 4 ? line[4..] : [];
        if (!rest.StartsWith(AgiWire.ResultPrefix))
        {
            AgiProtocolException.Throw("200 reply without result=", line);
        }

        rest = rest[AgiWire.ResultPrefix.Length..];
        var end = rest.IndexOf(AgiWire.Space);
        var number = end < 0 ? rest : rest[..end];
        if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            AgiProtocolException.Throw("200 reply with a non-numeric result", line);
        }

        string? data = null;
        if (end >= 0)
        {
            var tail = rest[(end + 1)..];
            var close = tail.LastIndexOf((byte)')');
            if (tail.Length > 0 && tail[0] == (byte)'(' && close > 0)
            {
                data = AgiLine.Lenient.GetString(tail[1..close]);
            }
        }

        return new AgiReply(200, result, data, AgiLine.Lenient.GetString(line));
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
