using AgiIdent.Diagnostics;

namespace AgiIdent.Sync;

/// <summary>What the daemon's background sync has done, for <c>/metrics</c> (<see cref="DaemonMetrics"/>) and <c>/health/ready</c>.</summary>
public sealed class SyncStatus : ISyncHealth
{
    private readonly object _gate = new();
    private long _successes;
    private long _failures;
    private long _skips;

    /// <summary>The status of a daemon that syncs every <paramref name="intervalSeconds"/>.</summary>
    public SyncStatus(int intervalSeconds)
    {
        IntervalSeconds = intervalSeconds;
    }

    /// <summary>Seconds between runs.</summary>
    public int IntervalSeconds { get; }

    /// <summary>When the last run that committed ended: this daemon's, or another instance's seen at a skipped run.</summary>
    public DateTimeOffset? LastSuccess { get; private set; }

    /// <summary>The error of the last run when it failed; null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>The last successful run.</summary>
    public SyncResult? Last { get; private set; }

    /// <inheritdoc />
    SyncRunFigures? ISyncHealth.LastRun => Last is { } last ? new SyncRunFigures(last.Elapsed, last.Changed, last.Rejected) : null;

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

    /// <summary>
    /// Records a run skipped because another instance's run held the database. <paramref name="committedElsewhere"/> is
    /// when the last run of any instance committed (<c>agiident.sync_state.last_success</c>): with two daemons on one
    /// database the one that keeps losing the lock is not behind while the other keeps the directory current.
    /// </summary>
    public void Skipped(DateTimeOffset? committedElsewhere)
    {
        lock (_gate)
        {
            _skips++;
            if (committedElsewhere is { } other && (LastSuccess is null || other > LastSuccess))
            {
                LastSuccess = other;
            }
        }
    }

    /// <summary>Runs skipped because another instance's run held the database.</summary>
    public long Skips
    {
        get
        {
            lock (_gate)
            {
                return _skips;
            }
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

    /// <summary>Runs that committed, runs that failed, and runs skipped because another instance's run held the database, so far.</summary>
    public (long Successes, long Failures, long Skips) Runs
    {
        get
        {
            lock (_gate)
            {
                return (_successes, _failures, _skips);
            }
        }
    }
}
