using System.Buffers;

namespace AgiIdent.TestSupport;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, as a socket delivers bytes in arbitrary chunks.</summary>
public static class SegmentedSequence
{
    /// <summary>Cuts <paramref name="bytes"/> at the given ascending offsets; each segment is a separate array.</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlySpan<byte> bytes, params int[] cuts)
    {
        var first = new Segment(bytes[..(cuts.Length == 0 ? bytes.Length : cuts[0])].ToArray(), 0);
        var last = first;
        for (var i = 0; i < cuts.Length; i++)
        {
            var end = i + 1 < cuts.Length ? cuts[i + 1] : bytes.Length;
            last = last.Append(bytes[cuts[i]..end].ToArray());
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>One segment per byte.</summary>
    public static ReadOnlySequence<byte> Bytewise(ReadOnlySpan<byte> bytes) =>
        Split(bytes, [.. Enumerable.Range(1, Math.Max(0, bytes.Length - 1))]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
