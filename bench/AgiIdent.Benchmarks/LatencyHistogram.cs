using System.Diagnostics;
using System.Numerics;

namespace AgiIdent.Benchmarks;

/// <summary>
/// Session times in <see cref="Stopwatch"/> ticks, in log-linear buckets (HdrHistogram's layout): exact below 256 ticks,
/// then 128 buckets per power of two, so a percentile is at most 1/128 (0.8 %) above the true value. Fixed size, so a
/// million-session run keeps the client's memory flat; one histogram per client thread, merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 8;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int HalfCount = SubBucketCount / 2;

    private readonly long[] _counts = new long[SubBucketCount + ((63 - SubBucketBits) * HalfCount)];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Largest value recorded, exact.</summary>
    public long Max { get; private set; }

    /// <summary>Sum of the values, for the mean.</summary>
    public long Sum { get; private set; }

    /// <summary>Records one session time in ticks.</summary>
    public void Record(long ticks)
    {
        var value = Math.Max(ticks, 0);
        _counts[IndexOf(value)]++;
        Count++;
        Sum += value;
        Max = Math.Max(Max, value);
    }

    /// <summary>Adds every value of <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at or below which <paramref name="fraction"/> of the values lie (upper edge of its bucket, capped at the max).</summary>
    public long Percentile(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Converts ticks to milliseconds.</summary>
    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static int IndexOf(long value)
    {
        if (value < SubBucketCount)
        {
            return (int)value;
        }

        var shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - (SubBucketBits - 1);
        var top = (int)(value >> shift);
        return SubBucketCount + ((shift - 1) * HalfCount) + (top - HalfCount);
    }

    private static long UpperEdge(int index)
    {
        if (index < SubBucketCount)
        {
            return index;
        }

        var shift = ((index - SubBucketCount) / HalfCount) + 1;
        var top = HalfCount + ((index - SubBucketCount) % HalfCount);
        return ((long)(top + 1) << shift) - 1;
    }
}
