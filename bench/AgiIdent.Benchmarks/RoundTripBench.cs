using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace AgiIdent.Benchmarks;

/// <summary>
/// <c>agiident-load round-trip</c>: a found caller against the floor (<see cref="FloorServer"/>), the daemon with
/// <c>AgiIdent:Protocol:Commands=Array</c> and with <c>Single</c>, one client at a time and several, all in one run.
/// </summary>
internal static class RoundTripBench
{
    /// <summary>Runs every pairing and prints one table row each; returns 0 when every session got FOUND.</summary>
    public static async Task<int> RunAsync(long sessions, long warmup, int concurrency, TextWriter output, CancellationToken cancellationToken)
    {
        await using var floor = FloorServer.Start();
        await using var array = await InProcessServer.StartAsync("Warning", "Array").ConfigureAwait(false);
        await using var single = await InProcessServer.StartAsync("Warning", "Single").ConfigureAwait(false);
        (string Name, IPEndPoint EndPoint)[] servers = [("floor", floor.EndPoint), ("Array", array.EndPoint), ("Single", single.EndPoint)];
        output.WriteLine(Invariant($"runtime  {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores; servers and clients in this process, loopback"));
        output.WriteLine(Invariant($"load     a found caller (demo party), {sessions} sessions per row after {warmup} not counted"));
        output.WriteLine("| server | clients | p50 ms | p99 ms | p99.9 ms | sessions/s | commands/session | failed | server bytes/session | gen0 per 10,000 sessions |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var failures = 0L;
        foreach (var clients in new[] { 1, concurrency })
        {
            foreach (var (name, endPoint) in servers)
            {
                var options = new LoadOptions { Concurrency = clients, Sessions = sessions, Warmup = warmup };
                var phase = new LoadPhase(endPoint, options, cancellationToken);
                phase.Run(warmup, duration: null);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var gen0 = GC.CollectionCount(0);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var result = phase.Run(sessions, duration: null);
                var tally = result.Tally;
                // Everything this process allocated but the client threads' own bytes: the server's, Kestrel's and the runtime's.
                var serverBytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated - tally.ClientBytes) / (double)Math.Max(1, tally.Sessions);
                var gen0Per10k = (GC.CollectionCount(0) - gen0) * 10_000.0 / Math.Max(1, tally.Sessions);
                var latency = tally.Latency;
                failures += tally.Failures;
                output.WriteLine(Invariant(
                    $"| {name} | {clients} | {Ms(latency.Percentile(0.50))} | {Ms(latency.Percentile(0.99))} | {Ms(latency.Percentile(0.999))} | {result.SessionsPerSecond:0} | {(double)tally.Commands / Math.Max(1, tally.Sessions):0.##} | {tally.Failures} | {serverBytes:0} | {gen0Per10k:0.#} |"));
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static string Ms(long ticks) => Invariant($"{LatencyHistogram.Milliseconds(ticks):0.000}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
