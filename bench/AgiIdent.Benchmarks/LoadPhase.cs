using System.Diagnostics;
using System.Net;

namespace AgiIdent.Benchmarks;

/// <summary>
/// Runs sessions on <c>N</c> dedicated client threads (blocking sockets: no async machinery in the client, and in the
/// in-process case the client stays off the thread pool the server runs on) until a number of sessions or a deadline.
/// </summary>
internal sealed class LoadPhase(IPEndPoint server, LoadOptions options, CancellationToken stop)
{
    private long _sequence;
    private long _claimed;
    private long _completed;

    /// <summary>Sessions finished so far in the running phase; read by the memory monitor.</summary>
    public long Completed => Volatile.Read(ref _completed);

    /// <summary>
    /// Runs <paramref name="sessions"/> sessions, or as many as fit in <paramref name="duration"/> when it is set,
    /// or until the phase's stop token fires.
    /// <paramref name="poll"/> runs on the calling thread about every 20 ms while the clients work.
    /// </summary>
    public PhaseResult Run(long sessions, TimeSpan? duration, Action? poll = null)
    {
        _claimed = 0;
        _completed = 0;
        var tallies = new SessionTally[options.Concurrency];
        using var done = new CountdownEvent(options.Concurrency);
        var started = Stopwatch.GetTimestamp();
        var deadline = duration is { } d ? started + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        for (var client = 0; client < options.Concurrency; client++)
        {
            var tally = tallies[client] = new SessionTally();
            var asterisk = new AsteriskLoadClient(server, options.CallerNumber, client, options.TimeoutMs, options.Callers?.ForClient(client));
            var thread = new Thread(() =>
            {
                try
                {
                    RunClient(asterisk, tally, duration is null ? sessions : long.MaxValue, deadline);
                }
                finally
                {
                    done.Signal();
                }
            })
            {
                IsBackground = true,
                Name = $"fake-asterisk-{client}",
            };
            thread.Start();
        }

        while (!done.Wait(20))
        {
            poll?.Invoke();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var total = new SessionTally();
        foreach (var tally in tallies)
        {
            total.Add(tally);
        }

        return new PhaseResult(elapsed, total);
    }

    private void RunClient(AsteriskLoadClient asterisk, SessionTally tally, long sessions, long deadline)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            RunSessions(asterisk, tally, sessions, deadline);
        }
        finally
        {
            tally.ClientBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
    }

    private void RunSessions(AsteriskLoadClient asterisk, SessionTally tally, long sessions, long deadline)
    {
        while (!stop.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref _claimed) <= sessions)
        {
            var outcome = asterisk.Run(Interlocked.Increment(ref _sequence), out var elapsed, out var commands);
            tally.Record(outcome, elapsed, commands);
            Interlocked.Increment(ref _completed);
        }
    }
}
