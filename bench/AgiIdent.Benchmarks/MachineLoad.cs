using System.Diagnostics;
using System.Globalization;

namespace AgiIdent.Benchmarks;

/// <summary>
/// The whole machine's CPU time from <c>/proc/stat</c>: how many cores were busy over an interval (2.00 on two
/// fully busy cores), and how much the hypervisor took (steal). On a shared machine this says whether a number was
/// taken alone or beside other work.
/// </summary>
internal readonly record struct MachineLoad(long Busy, long Steal, long Timestamp)
{
    /// <summary>Clock ticks per second of <c>/proc/stat</c> (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Now; zeros when <c>/proc/stat</c> cannot be read.</summary>
    public static MachineLoad Read()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal ...
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
            return new MachineLoad(busy, fields.Length > 7 ? fields[7] : 0, Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return new MachineLoad(0, 0, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Cores busy on average since <paramref name="start"/>.</summary>
    public double CoresBusySince(MachineLoad start) => (Busy - start.Busy) / TicksPerSecond / Math.Max(1e-9, Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds);

    /// <summary>Seconds of steal time since <paramref name="start"/>.</summary>
    public double StealSecondsSince(MachineLoad start) => (Steal - start.Steal) / TicksPerSecond;

    /// <summary>
    /// Waits until the machine has been nearly idle (under a quarter of a core busy) for two seconds, at most
    /// <paramref name="limit"/>; returns how long it waited and whether it got there.
    /// </summary>
    public static async Task<(TimeSpan Waited, bool Quiet)> WaitForQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var window = Read();
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            var now = Read();
            var span = Stopwatch.GetElapsedTime(window.Timestamp, now.Timestamp);
            if (now.CoresBusySince(window) >= 0.25)
            {
                window = now;
            }
            else if (span >= TimeSpan.FromSeconds(2))
            {
                return (Stopwatch.GetElapsedTime(started), true);
            }
        }

        return (Stopwatch.GetElapsedTime(started), false);
    }
}
