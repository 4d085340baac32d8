using System.Diagnostics;
using System.Net;

namespace AgiIdent.Benchmarks;

/// <summary>What the sessions of one client (or, merged, of all clients) came to.</summary>
internal sealed class SessionTally
{
    private readonly long[] _outcomes = new long[Enum.GetValues<SessionOutcome>().Length];

    /// <summary>Connect-to-close times of every session, failed ones included.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Sessions run.</summary>
    public long Sessions => Latency.Count;

    /// <summary>Commands answered, over all sessions.</summary>
    public long Commands { get; private set; }

    /// <summary>Fewest commands in a session that reached the server.</summary>
    public int MinCommands { get; private set; } = int.MaxValue;

    /// <summary>Most commands in one session.</summary>
    public int MaxCommands { get; private set; }

    /// <summary>Sessions that did not end as expected: FOUND and a clean close (without FOUND for a caller in no party).</summary>
    public long Failures => Sessions - this[SessionOutcome.Found] - this[SessionOutcome.NotFoundAsExpected];

    /// <summary>Bytes the client threads allocated themselves (their own threads' counters), to tell the server's bytes in-process.</summary>
    public long ClientBytes { get; set; }

    /// <summary>Sessions that ended with <paramref name="outcome"/>.</summary>
    public long this[SessionOutcome outcome] => _outcomes[(int)outcome];

    public void Record(SessionOutcome outcome, long elapsedTicks, int commands)
    {
        _outcomes[(int)outcome]++;
        Latency.Record(elapsedTicks);
        if (outcome != SessionOutcome.ConnectFailed)
        {
            Commands += commands;
            MinCommands = Math.Min(MinCommands, commands);
            MaxCommands = Math.Max(MaxCommands, commands);
        }
    }

    public void Add(SessionTally other)
    {
        for (var i = 0; i < _outcomes.Length; i++)
        {
            _outcomes[i] += other._outcomes[i];
        }

        Latency.Add(other.Latency);
        Commands += other.Commands;
        ClientBytes += other.ClientBytes;
        MinCommands = Math.Min(MinCommands, other.MinCommands);
        MaxCommands = Math.Max(MaxCommands, other.MaxCommands);
    }
}

/// <summary>What a phase measured: its wall time and the merged tally.</summary>
internal sealed record PhaseResult(TimeSpan Elapsed, SessionTally Tally)
{
    public double SessionsPerSecond => Tally.Sessions / Elapsed.TotalSeconds;
}

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
