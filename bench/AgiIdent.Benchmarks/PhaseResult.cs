namespace AgiIdent.Benchmarks;

/// <summary>What a phase measured: its wall time and the merged tally.</summary>
internal sealed record PhaseResult(TimeSpan Elapsed, SessionTally Tally)
{
    public double SessionsPerSecond => Tally.Sessions / Elapsed.TotalSeconds;
}
