namespace AgiIdent.Diagnostics;

/// <summary>What the daemon's background sync reports to <c>/health/ready</c> and <c>/metrics</c>.</summary>
public interface ISyncHealth
{
    /// <summary>Runs that committed, runs that failed, and runs skipped because another instance's run held the database, so far.</summary>
    (long Successes, long Failures, long Skips) Runs { get; }

    /// <summary>When the last run that committed ended; null before any.</summary>
    DateTimeOffset? LastSuccess { get; }

    /// <summary>The error of the last run when it failed; null after a success.</summary>
    string? LastError { get; }

    /// <summary>Behind: the last run failed, or nothing has committed for three intervals.</summary>
    bool Behind { get; }

    /// <summary>The figures of the last successful run; null before any.</summary>
    SyncRunFigures? LastRun { get; }
}
