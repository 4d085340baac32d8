using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>One load run: start or reach the server, warm up, measure, report.</summary>
internal static class LoadRunner
{
    /// <summary>
    /// Runs the load and prints the report; returns 0 when every measured session got FOUND, else 1.
    /// Cancelling (Ctrl+C) stops starting sessions and reports what was measured so far.
    /// </summary>
    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var server = options.Server is { } endPoint
            ? new ExternalServer(endPoint, options.ServerPid)
            : (ServerUnderTest)await InProcessServer.StartAsync(options.CallsLogLevel).ConfigureAwait(false);
        PrintHeader(options, server, output);
        var phase = new LoadPhase(server.EndPoint, options, cancellationToken);
        var idle = server.SampleMemory(fullCollection: false);
        if (options.Warmup > 0)
        {
            var warmup = phase.Run(options.Warmup, duration: null);
            output.WriteLine(Invariant($"warmup     {warmup.Tally.Sessions} sessions in {warmup.Elapsed.TotalSeconds:0.000} s, {warmup.Tally.Failures} failed"));
            if (warmup.Tally.Failures == warmup.Tally.Sessions)
            {
                PrintFailures(warmup.Tally, output);
                output.WriteLine("every warmup session failed: is the server running and serving /ident?");
                return 1;
            }
        }

        var before = server.SampleMemory(fullCollection: false);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var result = options.MemoryCheck
            ? RunMemoryCheck(options, server, phase, output)
            : phase.Run(options.Sessions, options.Duration);
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        var after = server.SampleMemory(fullCollection: false);
        PrintResult(options, result, output);
        var whose = server is InProcessServer ? "server and client" : "client only";
        output.WriteLine(Invariant($"allocated  {allocated / (double)Math.Max(1, result.Tally.Sessions):0} bytes per session in this process ({whose}); GCs gen0 {GC.CollectionCount(0) - collections[0]}, gen1 {GC.CollectionCount(1) - collections[1]}, gen2 {GC.CollectionCount(2) - collections[2]}"));
        output.WriteLine($"memory     idle         {idle}");
        output.WriteLine($"           after warmup {before}");
        output.WriteLine($"           end          {after}");
        if (server is InProcessServer)
        {
            output.WriteLine($"           end, full GC {server.SampleMemory(fullCollection: true)}");
        }

        return result.Tally.Failures == 0 ? 0 : 1;
    }

    private static PhaseResult RunMemoryCheck(LoadOptions options, ServerUnderTest server, LoadPhase phase, TextWriter output)
    {
        // In-process, each checkpoint forces a full GC first: the live heap is the leak signal, not the gen0 sawtooth.
        var collect = server is InProcessServer;
        output.WriteLine(collect
            ? "checkpoint (a full GC is forced at each one; GC heap is then the live heap)"
            : "checkpoint (external server: RSS, threads and fds read from /proc)");
        var started = Stopwatch.GetTimestamp();
        var next = options.MemoryEvery;
        long lastSessions = 0;
        var lastTime = started;
        void Checkpoint(long sessions)
        {
            var now = Stopwatch.GetTimestamp();
            var rate = (sessions - lastSessions) / Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds;
            output.WriteLine(Invariant($"  {sessions,9} sessions {Stopwatch.GetElapsedTime(started, now).TotalSeconds,7:0.0} s {rate,8:0}/s  {server.SampleMemory(collect)}"));
            output.Flush();
            lastSessions = sessions;
            lastTime = now;
        }

        Checkpoint(0);
        var result = phase.Run(options.Sessions, duration: null, poll: () =>
        {
            var completed = phase.Completed;
            if (completed >= next)
            {
                Checkpoint(completed);
                next = ((completed / options.MemoryEvery) + 1) * options.MemoryEvery;
            }
        });
        if (lastSessions != result.Tally.Sessions)
        {
            Checkpoint(result.Tally.Sessions);
        }

        return result;
    }

    private static void PrintHeader(LoadOptions options, ServerUnderTest server, TextWriter output)
    {
        output.WriteLine($"server     {server.Description}");
        output.WriteLine(Invariant($"runtime    {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}){BenchText.DebugWarning}"));
        var plan = options.MemoryCheck
            ? Invariant($"memory check: {options.Sessions} sessions, checkpoint every {options.MemoryEvery}")
            : options.Duration is { } d ? Invariant($"{d.TotalSeconds:0.#} s") : Invariant($"{options.Sessions} sessions");
        output.WriteLine(Invariant($"load       {options.Concurrency} client(s) back to back, {plan}, warmup {options.Warmup}; caller {options.CallerNumber}"));
    }

    /// <summary>Prints what a measured phase came to: throughput, session-time percentiles, commands and failures.</summary>
    internal static void PrintResult(LoadOptions options, PhaseResult result, TextWriter output)
    {
        var tally = result.Tally;
        var latency = tally.Latency;
        string Ms(long ticks) => Invariant($"{LatencyHistogram.Milliseconds(ticks):0.000}");
        output.WriteLine(Invariant($"measured   {tally.Sessions} sessions in {result.Elapsed.TotalSeconds:0.000} s by {options.Concurrency} client(s)"));
        output.WriteLine(Invariant($"throughput {result.SessionsPerSecond:0.0} sessions/s, {tally.Commands / result.Elapsed.TotalSeconds:0} commands/s"));
        output.WriteLine($"session ms p50 {Ms(latency.Percentile(0.50))}  p99 {Ms(latency.Percentile(0.99))}  p99.9 {Ms(latency.Percentile(0.999))}  max {Ms(latency.Max)}  mean {Ms(latency.Count == 0 ? 0 : latency.Sum / latency.Count)}");
        if (tally.MaxCommands > 0)
        {
            output.WriteLine(Invariant($"commands   {(double)tally.Commands / (tally.Sessions - tally[SessionOutcome.ConnectFailed]):0.##} per session (min {tally.MinCommands}, max {tally.MaxCommands})"));
        }

        PrintFailures(tally, output);
    }

    private static void PrintFailures(SessionTally tally, TextWriter output)
    {
        var misses = tally[SessionOutcome.NotFoundAsExpected] + tally[SessionOutcome.FoundUnexpectedly];
        if (misses > 0)
        {
            output.WriteLine(Invariant($"callers    {tally.Sessions - misses} in the directory, {misses} in no party ({tally[SessionOutcome.NotFoundAsExpected]} closed without FOUND, as they should)"));
        }

        output.WriteLine(Invariant($"failures   {tally.Failures} (connect {tally[SessionOutcome.ConnectFailed]}, broken/timeout {tally[SessionOutcome.Broken]}, bad line {tally[SessionOutcome.BadLine]}, closed without FOUND {tally[SessionOutcome.NotFound]}{(misses > 0 ? Invariant($", FOUND for a caller in no party {tally[SessionOutcome.FoundUnexpectedly]}") : string.Empty)})"));
    }

}
