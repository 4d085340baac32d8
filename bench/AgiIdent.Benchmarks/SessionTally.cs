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
