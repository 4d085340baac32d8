using Microsoft.Extensions.Logging;

namespace AgiIdent.Diagnostics;

/// <summary>Every log message of the daemon, source-generated; their event ids are <see cref="LogEventId"/>'s.</summary>
internal static partial class Log
{
    [LoggerMessage(LogEventId.Started, LogLevel.Information, "AgiIdent listening for FastAGI on {Endpoint}; directory: {Directory} ({Parties} parties, {Numbers} numbers); allowed clients: {AllowedClients}")]
    public static partial void Started(ILogger logger, string endpoint, string directory, int parties, int numbers, string allowedClients);

    [LoggerMessage(LogEventId.DemoDirectory, LogLevel.Warning, "The embedded DEMO directory is in use: these are invented parties, not your customers. Set AgiIdent:Directory:File to your directory file.")]
    public static partial void DemoDirectory(ILogger logger);

    [LoggerMessage(LogEventId.DirectoryReject, LogLevel.Warning, "Directory row left out: {Reject}")]
    public static partial void DirectoryReject(ILogger logger, string reject);

    [LoggerMessage(LogEventId.Monitoring, LogLevel.Information, "Monitoring on {Url}/health/live, /health/ready and /metrics")]
    public static partial void Monitoring(ILogger logger, string url);

    [LoggerMessage(LogEventId.Stopped, LogLevel.Information, "AgiIdent stopped; {Sessions} sessions were in flight when stopping began")]
    public static partial void Stopped(ILogger logger, int sessions);

    [LoggerMessage(LogEventId.CallSummary, LogLevel.Information, "Call {UniqueId} from {Caller} /{Script}: {Status} [{Screen}] {Outcome}, {Commands} commands, {ElapsedMs:0.000} ms")]
    public static partial void CallSummary(ILogger logger, string uniqueId, string caller, string script, string status, string screen, string outcome, int commands, double elapsedMs);

    [LoggerMessage(LogEventId.ClientRefused, LogLevel.Warning, "Refused FastAGI connection from {Remote}: not in AgiIdent:AllowedClients")]
    public static partial void ClientRefused(ILogger logger, string remote);

    [LoggerMessage(LogEventId.Busy, LogLevel.Warning, "Busy: {Sessions} sessions in flight (AgiIdent:MaxSessions); call {UniqueId} answered ERROR at once")]
    public static partial void Busy(ILogger logger, int sessions, string uniqueId);

    [LoggerMessage(LogEventId.UnknownScript, LogLevel.Warning, "Call {UniqueId}: unknown script '{Script}'; answered ERROR. The dialplan should call agi://host:port/ident")]
    public static partial void UnknownScript(ILogger logger, string uniqueId, string script);

    [LoggerMessage(LogEventId.LookupFailed, LogLevel.Warning, "Call {UniqueId}: directory lookup failed; answered ERROR")]
    public static partial void LookupFailed(ILogger logger, Exception exception, string uniqueId);

    [LoggerMessage(LogEventId.LookupUnavailable, LogLevel.Debug, "Call {UniqueId}: no directory to answer from ({Reason}); answered ERROR")]
    public static partial void LookupUnavailable(ILogger logger, string uniqueId, string reason);

    [LoggerMessage(LogEventId.LookupTimedOut, LogLevel.Warning, "Call {UniqueId}: directory did not answer within {LimitMs} ms; answered ERROR")]
    public static partial void LookupTimedOut(ILogger logger, string uniqueId, int limitMs);

    [LoggerMessage(LogEventId.ProtocolError, LogLevel.Warning, "FastAGI protocol error from {Remote} (connection {ConnectionId}): {Reason}; connection closed")]
    public static partial void ProtocolError(ILogger logger, string remote, string connectionId, string reason);

    [LoggerMessage(LogEventId.NoCall, LogLevel.Information, "Connection {ConnectionId} from {Remote} ended before a call: {Reason}")]
    public static partial void NoCall(ILogger logger, string connectionId, string remote, string reason);

    [LoggerMessage(LogEventId.SnapshotLoaded, LogLevel.Information, "Directory loaded from PostgreSQL {Database}: {Parties} parties, {Numbers} numbers in {ElapsedMs:0} ms")]
    public static partial void SnapshotLoaded(ILogger logger, string database, int parties, int numbers, double elapsedMs);

    [LoggerMessage(LogEventId.SnapshotRefreshed, LogLevel.Information, "Directory refreshed: {Changed} parties changed, {Removed} removed, in {ElapsedMs:0.0} ms")]
    public static partial void SnapshotRefreshed(ILogger logger, int changed, int removed, double elapsedMs);

    [LoggerMessage(LogEventId.OutageBegan, LogLevel.Warning, "PostgreSQL {Database} is unreachable ({Reason}); calls are answered from {Fallback} until it is back")]
    public static partial void OutageBegan(ILogger logger, string database, string reason, string fallback);

    [LoggerMessage(LogEventId.OutageEnded, LogLevel.Information, "PostgreSQL {Database} is back after {Duration}; during the outage {Stale} calls were answered stale and {Errors} got ERROR; the directory is fresh again")]
    public static partial void OutageEnded(ILogger logger, string database, string duration, long stale, long errors);

    [LoggerMessage(LogEventId.OutageLasts, LogLevel.Warning, "PostgreSQL {Database} still unreachable for {Minutes} min: {Stale} calls answered stale, {Errors} got ERROR")]
    public static partial void OutageLasts(ILogger logger, string database, long minutes, long stale, long errors);

    [LoggerMessage(LogEventId.ServingCache, LogLevel.Warning, "PostgreSQL {Database} is unreachable at startup ({Reason}); serving the snapshot cache {CacheFile} written {Written:u} (AGIIDENT_SOURCE=stale)")]
    public static partial void ServingCache(ILogger logger, string database, string reason, string cacheFile, DateTimeOffset written);

    [LoggerMessage(LogEventId.NoDirectory, LogLevel.Error, "PostgreSQL {Database} is unreachable at startup ({Reason}) and there is no usable snapshot cache ({CacheFile}); calls get AGIIDENT_STATUS=ERROR until it is back")]
    public static partial void NoDirectory(ILogger logger, string database, string reason, string cacheFile);

    [LoggerMessage(LogEventId.CacheWriteFailed, LogLevel.Warning, "Could not write the snapshot cache {CacheFile}: {Reason}")]
    public static partial void CacheWriteFailed(ILogger logger, string cacheFile, string reason);

    [LoggerMessage(LogEventId.RefreshFailed, LogLevel.Error, "Reading the directory from PostgreSQL {Database} failed; calls are answered from the last good snapshot (AGIIDENT_SOURCE=stale) and it is tried again")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string database);

    [LoggerMessage(LogEventId.CustomSqlUnchecked, LogLevel.Warning, "The custom SQL (AgiIdent:Directory:CustomSql) could not be checked at startup: {Reason}")]
    public static partial void CustomSqlUnchecked(ILogger logger, string reason);

    [LoggerMessage(LogEventId.ImportProgress, LogLevel.Information, "Import into PostgreSQL: {Parties} of {TotalParties} parties and {Numbers} of {TotalNumbers} numbers written, {Rate:0} rows/s")]
    public static partial void ImportProgress(ILogger logger, int parties, int totalParties, int numbers, int totalNumbers, double rate);

    [LoggerMessage(LogEventId.ImportCommitting, LogLevel.Information, "Import into PostgreSQL: all {Parties} parties and {Numbers} numbers written; committing")]
    public static partial void ImportCommitting(ILogger logger, int parties, int numbers);

    [LoggerMessage(LogEventId.ImportReading, LogLevel.Information, "Import: reading {File}")]
    public static partial void ImportReading(ILogger logger, string file);

    [LoggerMessage(LogEventId.ImportDone, LogLevel.Information, "{Verb} {Parties} parties with {Numbers} numbers in {Seconds:0.00} s; {Rejected} rows or phones left out")]
    public static partial void ImportDone(ILogger logger, string verb, int parties, int numbers, double seconds, int rejected);

    [LoggerMessage(LogEventId.ImportReject, LogLevel.Warning, "Import left out: {Reject}")]
    public static partial void ImportReject(ILogger logger, string reject);

    [LoggerMessage(LogEventId.SyncProgress, LogLevel.Information, "Sync from 1C: reading {Set}; {Rows} rows in {Requests} requests so far, {Rate:0} rows/s")]
    public static partial void SyncProgress(ILogger logger, string set, long rows, int requests, double rate);

    [LoggerMessage(LogEventId.SyncDone, LogLevel.Information, "Sync from 1C ({Preset}, {Kind} run) done in {Seconds:0.00} s: {Parties} parties, {Phones} numbers; {Changed} parties changed, {Removed} removed; {Rejected} rows or phones rejected; {Requests} requests")]
    public static partial void SyncDone(ILogger logger, string preset, string kind, double seconds, int parties, int phones, int changed, int removed, int rejected, int requests);

    [LoggerMessage(LogEventId.SyncReject, LogLevel.Warning, "Sync from 1C left out: {Reason}")]
    public static partial void SyncReject(ILogger logger, string reason);

    [LoggerMessage(LogEventId.SyncFailed, LogLevel.Error, "Sync from 1C failed: {Reason}; the directory keeps its previous content and the next run starts over")]
    public static partial void SyncFailed(ILogger logger, string reason);

    [LoggerMessage(LogEventId.SyncScheduled, LogLevel.Information, "Background sync from 1C ({Preset}) every {IntervalSeconds} s from {Url}")]
    public static partial void SyncScheduled(ILogger logger, string preset, int intervalSeconds, string url);

    [LoggerMessage(LogEventId.SyncCrashed, LogLevel.Error, "Sync from 1C failed unexpectedly; the directory keeps its previous content and the next run starts over")]
    public static partial void SyncCrashed(ILogger logger, Exception exception);

    [LoggerMessage(LogEventId.SyncSkipped, LogLevel.Information, "Sync from 1C skipped: {Reason}")]
    public static partial void SyncSkipped(ILogger logger, string reason);
}
