using System.Buffers;
using System.Text;

namespace AgiIdent.Agi;

/// <summary>Splits bytes into LF-terminated lines, never buffering past the line limit.</summary>
internal static class AgiLine
{
    /// <summary>Decoder that turns invalid UTF-8 into U+FFFD instead of failing: trunks deliver names cut mid-character.</summary>
    public static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Reads one line without its <c>\n</c> (a trailing <c>\r</c> is dropped too).
    /// Returns false, leaving the reader where it was, when no complete line is buffered.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, int maxBytes, out ReadOnlySequence<byte> line)
    {
        if (!reader.TryReadTo(out line, AgiWire.LineFeed, advancePastDelimiter: true))
        {
            if (reader.Remaining > maxBytes)
            {
                AgiProtocolException.Throw($"line longer than {maxBytes} bytes", FirstBytes(reader.UnreadSequence));
            }

            return false;
        }

        if (line.Length > maxBytes)
        {
            AgiProtocolException.Throw($"line longer than {maxBytes} bytes", FirstBytes(line));
        }

        if (!line.IsEmpty && EndsWithCarriageReturn(line))
        {
            line = line.Slice(0, line.Length - 1);
        }

        return true;
    }

    public static string Decode(in ReadOnlySequence<byte> bytes) => Lenient.GetString(bytes);

    public static ReadOnlySpan<byte> FirstBytes(in ReadOnlySequence<byte> bytes)
    {
        var length = (int)Math.Min(bytes.Length, AgiProtocolException.MaxQuotedBytes + 1);
        return bytes.Slice(0, length).ToArray();
    }

    public static bool IsHangup(in ReadOnlySequence<byte> line) =>
        line.IsSingleSegment ? line.FirstSpan.SequenceEqual(AgiWire.Hangup) : line.ToArray().AsSpan().SequenceEqual(AgiWire.Hangup);

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> line) =>
        line.Slice(line.Length - 1).FirstSpan[0] == AgiWire.CarriageReturn;
}
