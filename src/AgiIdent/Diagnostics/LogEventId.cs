namespace AgiIdent.Diagnostics;

/// <summary>
/// The event id of every log message of the daemon and its commands, by area: 1xx startup, 2xx calls, 3xx the FastAGI
/// protocol, 40x the directory database, 41x import, 5xx sync from 1C, 9xx the systemd watchdog. Each constant is
/// named as its <see cref="Microsoft.Extensions.Logging.LoggerMessageAttribute"/> method (the watchdog's with the
/// prefix <c>Watchdog</c>, as their methods are <c>Started</c>, <c>CheckFailed</c> and <c>Recovered</c>; the method's
/// name is the event's name in the log, kept as it was).
/// </summary>
/// <remarks>
/// The numbers are part of what users see: log filters and alerts match on them, so an id is never changed or
/// reused for another message. A new message takes the next free number of its area. <see cref="OutageLasts"/> and
/// <see cref="ImportProgress"/> share 410 from before this table (one is the daemon's, the other the import
/// command's); both are kept as released.
/// </remarks>
internal static class LogEventId
{
    // Startup and shutdown (1xx).

    /// <summary><see cref="Log.Started"/>.</summary>
    public const int Started = 100;

    /// <summary><see cref="Log.DemoDirectory"/>.</summary>
    public const int DemoDirectory = 101;

    /// <summary><see cref="Log.DirectoryReject"/>.</summary>
    public const int DirectoryReject = 102;

    /// <summary><see cref="Log.Stopped"/>.</summary>
    public const int Stopped = 103;

    /// <summary><see cref="Log.Monitoring"/>.</summary>
    public const int Monitoring = 104;

    // Calls (2xx).

    /// <summary><see cref="Log.CallSummary"/>.</summary>
    public const int CallSummary = 200;

    /// <summary><see cref="Log.ClientRefused"/>.</summary>
    public const int ClientRefused = 201;

    /// <summary><see cref="Log.Busy"/>.</summary>
    public const int Busy = 202;

    /// <summary><see cref="Log.UnknownScript"/>.</summary>
    public const int UnknownScript = 203;

    /// <summary><see cref="Log.LookupFailed"/>.</summary>
    public const int LookupFailed = 204;

    /// <summary><see cref="Log.LookupTimedOut"/>.</summary>
    public const int LookupTimedOut = 205;

    /// <summary><see cref="Log.LookupUnavailable"/>.</summary>
    public const int LookupUnavailable = 206;

    // The FastAGI protocol (3xx).

    /// <summary><see cref="Log.ProtocolError"/>.</summary>
    public const int ProtocolError = 300;

    /// <summary><see cref="Log.NoCall"/>.</summary>
    public const int NoCall = 301;

    // The directory database (40x, and 410).

    /// <summary><see cref="Log.SnapshotLoaded"/>.</summary>
    public const int SnapshotLoaded = 400;

    /// <summary><see cref="Log.SnapshotRefreshed"/>.</summary>
    public const int SnapshotRefreshed = 401;

    /// <summary><see cref="Log.OutageBegan"/>.</summary>
    public const int OutageBegan = 402;

    /// <summary><see cref="Log.OutageEnded"/>.</summary>
    public const int OutageEnded = 403;

    /// <summary><see cref="Log.ServingCache"/>.</summary>
    public const int ServingCache = 404;

    /// <summary><see cref="Log.NoDirectory"/>.</summary>
    public const int NoDirectory = 405;

    /// <summary><see cref="Log.CacheWriteFailed"/>.</summary>
    public const int CacheWriteFailed = 406;

    /// <summary><see cref="Log.CustomSqlUnchecked"/>.</summary>
    public const int CustomSqlUnchecked = 408;

    /// <summary><see cref="Log.RefreshFailed"/>.</summary>
    public const int RefreshFailed = 409;

    /// <summary><see cref="Log.OutageLasts"/>; the same number as <see cref="ImportProgress"/>.</summary>
    public const int OutageLasts = 410;

    // Import into PostgreSQL (41x).

    /// <summary><see cref="Log.ImportProgress"/>; the same number as <see cref="OutageLasts"/>.</summary>
    public const int ImportProgress = 410;

    /// <summary><see cref="Log.ImportDone"/>.</summary>
    public const int ImportDone = 411;

    /// <summary><see cref="Log.ImportReject"/>.</summary>
    public const int ImportReject = 412;

    /// <summary><see cref="Log.ImportReading"/>.</summary>
    public const int ImportReading = 413;

    /// <summary><see cref="Log.ImportCommitting"/>.</summary>
    public const int ImportCommitting = 414;

    // Sync from 1C (5xx).

    /// <summary><see cref="Log.SyncDone"/>.</summary>
    public const int SyncDone = 500;

    /// <summary><see cref="Log.SyncReject"/>.</summary>
    public const int SyncReject = 501;

    /// <summary><see cref="Log.SyncFailed"/>.</summary>
    public const int SyncFailed = 502;

    /// <summary><see cref="Log.SyncScheduled"/>.</summary>
    public const int SyncScheduled = 503;

    /// <summary><see cref="Log.SyncCrashed"/>.</summary>
    public const int SyncCrashed = 504;

    /// <summary><see cref="Log.SyncSkipped"/>.</summary>
    public const int SyncSkipped = 505;

    /// <summary><see cref="Log.SyncProgress"/>.</summary>
    public const int SyncProgress = 506;

    // The systemd watchdog (9xx).

    /// <summary>The watchdog's settings, logged when it starts.</summary>
    public const int WatchdogStarted = 901;

    /// <summary>The watchdog's self-check call was not answered.</summary>
    public const int WatchdogCheckFailed = 902;

    /// <summary>The watchdog's self-check call is answered again.</summary>
    public const int WatchdogRecovered = 903;
}
