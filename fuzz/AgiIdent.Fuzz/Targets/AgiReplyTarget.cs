using System.Buffers;
using System.Text;
using AgiIdent.Agi;
using AgiIdent.TestSupport;

namespace AgiIdent.Fuzz.Targets;

/// <summary>
/// Asterisk's replies, read frame after frame as a session reads them. Expected rejection:
/// <see cref="AgiProtocolException"/>. Besides not failing otherwise, every frame read must take bytes (a frame of
/// none would loop forever), and the same bytes must give the same frames whole, one byte per segment, and arriving
/// chunk by chunk.
/// </summary>
internal static class AgiReplyTarget
{
    private static readonly AgiLimits Small = new() { MaxLineBytes = 64, MaxReplyLines = 4 };

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var limits in (AgiLimits[])[AgiLimits.Default, Small])
        {
            var whole = Outcome.Of(() => Frames(new ReadOnlySequence<byte>(data), limits), Expected);
            var bytewise = Outcome.Of(() => Frames(SegmentedSequence.Bytewise(data.AsSpan(0, Math.Min(data.Length, 4096))), limits), Expected);
            if (data.Length <= 4096)
            {
                FuzzFailure.Check(
                    whole.Value == bytewise.Value && whole.ErrorType == bytewise.ErrorType && whole.Error?.Message == bytewise.Error?.Message,
                    $"whole {whole} but one byte per segment: {bytewise}");
            }

            foreach (var chunk in (int[])[1, 5, 64])
            {
                var chunked = Outcome.Of(() => Chunked(data, chunk, limits), Expected);
                FuzzFailure.Check(whole.Value == chunked.Value && whole.ErrorType == chunked.ErrorType, $"whole {whole} but in chunks of {chunk}: {chunked}");
            }
        }
    }

    private static bool Expected(Exception e) => e is AgiProtocolException;

    /// <summary>Every frame at the start of the buffer, in order, and where the next would start.</summary>
    private static string Frames(ReadOnlySequence<byte> buffer, AgiLimits limits)
    {
        var text = new StringBuilder();
        long offset = 0;
        while (Next(buffer, limits, text, out var used))
        {
            buffer = buffer.Slice(used);
            offset += used;
        }

        return text.Append("rest at ").Append(offset).ToString();
    }

    /// <summary>As a session reads: what arrived so far is parsed, frames taken off the front, the rest kept for the next read.</summary>
    private static string Chunked(byte[] data, int chunk, AgiLimits limits)
    {
        var text = new StringBuilder();
        var pending = Array.Empty<byte>();
        long offset = 0;
        for (var start = 0; start < data.Length; start += chunk)
        {
            pending = [.. pending, .. data.AsSpan(start, Math.Min(chunk, data.Length - start))];
            while (Next(new ReadOnlySequence<byte>(pending), limits, text, out var used))
            {
                pending = pending[(int)used..];
                offset += used;
            }
        }

        return text.Append("rest at ").Append(offset).ToString();
    }

    private static bool Next(ReadOnlySequence<byte> buffer, AgiLimits limits, StringBuilder text, out long used)
    {
        if (!AgiReplyParser.TryParse(buffer, limits, out var consumed, out var kind, out var reply))
        {
            FuzzFailure.Check(consumed.Equals(buffer.Start), "an incomplete frame consumed bytes");
            used = 0;
            return false;
        }

        used = buffer.Slice(0, consumed).Length;
        FuzzFailure.Check(used > 0, "a frame of no bytes: a session would read it forever");
        FuzzFailure.Check((kind == AgiFrameKind.Hangup) == (reply is null), $"{kind} frame with reply {reply}");
        text.Append(kind).Append(' ').Append(used);
        if (reply is not null)
        {
            FuzzFailure.Check(reply.Code is 100 or 200 or 510 or 511 or 520, $"reply code {reply.Code}");
            text.Append(' ').Append(reply.Code).Append(' ').Append(reply.Result).Append(" (").Append(reply.Data).Append(") ").Append(reply.Text);
        }

        text.Append('\n');
        return true;
    }
}
