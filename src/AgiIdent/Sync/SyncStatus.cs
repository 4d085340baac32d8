using System.Globalization;
using System.Text;
using AgiIdent.Diagnostics;

namespace AgiIdent.Sync;

/// <summary>What the daemon's background sync has done, for <c>/metrics</c> and <c>/health/ready</c>.</summary>
public sealed class SyncStatus
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

    /// <summary>Appends the sync metrics in the Prometheus text format.</summary>
    public void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            text.Append("# HELP agiident_sync_runs_total Syncs from 1C, by result\n# TYPE agiident_sync_runs_total counter\n")
                .Append(CultureInfo.InvariantCulture, $"agiident_sync_runs_total{{result=\"success\"}} {_successes}\n")
                .Append(CultureInfo.InvariantCulture, $"agiident_sync_runs_total{{result=\"failure\"}} {_failures}\n")
                .Append(CultureInfo.InvariantCulture, $"agiident_sync_runs_total{{result=\"skipped\"}} {_skips}\n");
            if (LastSuccess is { } last)
            {
                CallMetrics.Gauge(text, "agiident_sync_last_success_timestamp_seconds", "Unix time of the last sync from 1C that committed", last.ToUnixTimeMilliseconds() / 1000.0);
                CallMetrics.Gauge(text, "agiident_sync_age_seconds", "Seconds since the last sync from 1C that committed", Math.Round((DateTimeOffset.UtcNow - last).TotalSeconds, 3));
            }

            if (Last is { } result)
            {
                CallMetrics.Gauge(text, "agiident_sync_last_duration_seconds", "Duration of the last successful sync", Math.Round(result.Elapsed.TotalSeconds, 3));
                CallMetrics.Gauge(text, "agiident_sync_last_changed_parties", "Parties the last successful sync changed", result.Changed);
                CallMetrics.Gauge(text, "agiident_sync_last_rejected", "Rows or phones the last successful sync left out", result.Rejected);
            }

            CallMetrics.Gauge(text, "agiident_sync_behind", "1 when the last sync failed or none committed for three intervals", Behind ? 1 : 0);
        }
    }
}
