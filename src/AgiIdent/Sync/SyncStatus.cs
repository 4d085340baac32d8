namespace AgiIdent.Sync;

/// <summary>What the daemon's background sync has done, for <c>/metrics</c> (<see cref="AgiIdent.Diagnostics.DaemonMetrics"/>) and <c>/health/ready</c>.</summary>
public sealed class SyncStatus
{
    private readonly object _gate = new();
    private long _successes;
    private long _failures;

    /// <summary>The status of a daemon that syncs every <paramref name="intervalSeconds"/>.</summary>
    public SyncStatus(int intervalSeconds)
    {
        IntervalSeconds = intervalSeconds;
    }

    /// <summary>Seconds between runs.</summary>
    public int IntervalSeconds { get; }

    /// <summary>When the last run that committed ended.</summary>
    public DateTimeOffset? LastSuccess { get; private set; }

    /// <summary>The error of the last run when it failed; null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>The last successful run.</summary>
    public SyncResult? Last { get; private set; }

    /// <summary>Started when the daemon started.</summary>
    public DateTimeOffset Since { get; } = DateTimeOffset.UtcNow;

    /// <summary>Behind: the last run failed, or nothing has committed for three intervals.</summary>
    public bool Behind
    {
        get
        {
            lock (_gate)
            {
                var limit = TimeSpan.FromSeconds(IntervalSeconds * 3.0);
                return LastError is not null || DateTimeOffset.UtcNow - (LastSuccess ?? Since) > limit;
            }
        }
    }

    /// <summary>Records a run that committed.</summary>
    public void Succeeded(SyncResult result)
    {
        lock (_gate)
        {
            _successes++;
            LastSuccess = DateTimeOffset.UtcNow;
            LastError = null;
            Last = result;
        }
    }

    /// <summary>Records a run that failed and changed nothing.</summary>
    public void Failed(string reason)
    {
        lock (_gate)
        {
            _failures++;
            LastError = reason;
        }
    }

    /// <summary>Runs that committed and runs that failed, so far.</summary>
    public (long Successes, long Failures) Runs
    {
        get
        {
            lock (_gate)
            {
                return (_successes, _failures);
            }
        }
    }
}
