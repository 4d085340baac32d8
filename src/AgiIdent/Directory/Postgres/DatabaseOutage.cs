using AgiIdent.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// The log of a PostgreSQL outage as an admin wants to read it: one line when it begins, one a minute while it lasts
/// with how many calls were answered stale and how many got ERROR, and one when it ends. Calls and retries during the
/// outage only count; none logs a line of its own, and no stack trace is written for a database that is down.
/// </summary>
public sealed class DatabaseOutage
{
    /// <summary>How often a lasting outage is reported.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger;
    private readonly string _database;
    private readonly string _fallback;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private volatile string? _reason;
    private DateTimeOffset _began;
    private DateTimeOffset _reported;
    private long _stale;
    private long _errors;

    /// <summary>The outage log of <paramref name="database"/>, whose calls are answered from <paramref name="fallback"/> meanwhile.</summary>
    public DatabaseOutage(ILogger logger, string database, string fallback, TimeProvider? clock = null)
    {
        _logger = logger;
        _database = database;
        _fallback = fallback;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>True from the first failure until the database answers again.</summary>
    public bool IsDown => _reason is not null;

    /// <summary>Why the database is unreachable (the first failure's reason); null while it answers.</summary>
    public string? Reason => _reason;

    /// <summary>
    /// A failure: begins the outage (and logs it) unless one is already going on. <paramref name="logged"/> tells that the
    /// caller has logged the beginning its own way (the startup lines).
    /// </summary>
    /// <returns>True when this failure began the outage.</returns>
    public bool Failed(string reason, bool logged = false)
    {
        lock (_gate)
        {
            if (_reason is not null)
            {
                return false;
            }

            _began = _reported = _clock.GetUtcNow();
            Interlocked.Exchange(ref _stale, 0);
            Interlocked.Exchange(ref _errors, 0);
            _reason = reason;
        }

        if (!logged)
        {
            Log.OutageBegan(_logger, _database, reason, _fallback);
        }

        return true;
    }

    /// <summary>A call answered during the outage: from the last good data (<paramref name="stale"/>) or with ERROR.</summary>
    public void Answered(bool stale)
    {
        if (_reason is null)
        {
            return;
        }

        if (stale)
        {
            Interlocked.Increment(ref _stale);
        }
        else
        {
            Interlocked.Increment(ref _errors);
        }
    }

    /// <summary>Called by each retry: logs the running count once a <see cref="ReportEvery"/>.</summary>
    public void StillDown()
    {
        TimeSpan lasted;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_reason is null || now - _reported < ReportEvery)
            {
                return;
            }

            _reported = now;
            lasted = now - _began;
        }

        Log.OutageLasts(_logger, _database, Minutes(lasted), Interlocked.Read(ref _stale), Interlocked.Read(ref _errors));
    }

    /// <summary>The database answered: ends the outage (and logs how it went) if there was one.</summary>
    /// <returns>True when an outage ended.</returns>
    public bool Answers()
    {
        TimeSpan lasted;
        lock (_gate)
        {
            if (_reason is null)
            {
                return false;
            }

            _reason = null;
            lasted = _clock.GetUtcNow() - _began;
        }

        Log.OutageEnded(_logger, _database, Duration(lasted), Interlocked.Read(ref _stale), Interlocked.Read(ref _errors));
        return true;
    }

    private static long Minutes(TimeSpan lasted) => (long)Math.Round(lasted.TotalMinutes);

    private static string Duration(TimeSpan lasted) =>
        lasted < TimeSpan.FromMinutes(1) ? $"{Math.Max(1, (int)Math.Round(lasted.TotalSeconds))} s" : $"{Minutes(lasted)} min";
}
