using AgiIdent.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Log = AgiIdent.Diagnostics.Log;

namespace AgiIdent.Sync;

/// <summary>
/// The daemon's background sync (<c>AgiIdent:Sync:IntervalSeconds</c> &gt; 0): one run at start, then one per
/// interval. It has its own database connections and runs beside the calls, which keep reading the last committed
/// directory; a failed run is logged and the next one starts over.
/// </summary>
internal sealed class SyncService : BackgroundService
{
    private readonly AgiIdentOptions _options;
    private readonly SyncStatus _status;
    private readonly ILogger _logger;

    public SyncService(AgiIdentOptions options, SyncStatus status, ILoggerFactory loggers)
    {
        _options = options;
        _status = status;
        _logger = loggers.CreateLogger("AgiIdent.Sync");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Startup (and the port opening) must not wait for the first run.
        await Task.Yield();
        Log.SyncScheduled(_logger, _options.Sync.Preset.ToString()!, _options.Sync.IntervalSeconds, _options.Sync.OData.Url!);
        await using var database = NpgsqlDataSource.Create(_options.ConnectionString!);
        // One client for the daemon's life: its connections and resilience pipeline serve every run.
        using var client = new ODataClient(_options.Sync.OData);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.Sync.IntervalSeconds));
        do
        {
            await SyncRun.RunAsync(_options, database, client, forceFull: false, _logger, _status, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

/// <summary>One sync with its log lines: shared by <c>agiident sync</c> and the background sync.</summary>
internal static class SyncRun
{
    /// <summary>Logged rejects per run; the count covers them all.</summary>
    private const int LoggedRejects = 20;

    /// <summary>
    /// Runs one sync and logs it; returns null when it failed (logged, recorded in <paramref name="status"/>) or was
    /// skipped because another run held the database (<paramref name="skipped"/>; logged, not a failure).
    /// </summary>
    public static async Task<SyncResult?> RunAsync(AgiIdentOptions options, NpgsqlDataSource database, ODataClient client, bool forceFull, ILogger logger, SyncStatus? status, CancellationToken cancellationToken, Action? skipped = null)
    {
        try
        {
            var result = await new ODataReplicator(options.Sync, options.Numbering, database, client).RunAsync(forceFull, cancellationToken).ConfigureAwait(false);
            foreach (var reject in result.RejectSamples.Take(LoggedRejects))
            {
                Log.SyncReject(logger, reject);
            }

            Log.SyncDone(logger, options.Sync.Preset.ToString()!, result.Full ? "full" : "incremental", result.Elapsed.TotalSeconds, result.Parties, result.Phones, result.Changed, result.Removed, result.Rejected, result.Requests);
            status?.Succeeded(result);
            return result;
        }
        catch (SyncSkippedException e)
        {
            Log.SyncSkipped(logger, e.Message);
            skipped?.Invoke();
            if (status is not null)
            {
                DateTimeOffset? committed = null;
                try
                {
                    committed = await SyncStaging.LastSuccessAsync(database, cancellationToken).ConfigureAwait(false);
                }
                catch (NpgsqlException)
                {
                    // Counted as skipped all the same; the next run reads it again.
                }

                status.Skipped(committed);
            }

            return null;
        }
        catch (Exception e) when (e is SyncException or NpgsqlException or TimeoutException)
        {
            var reason = e is NpgsqlException npgsql ? $"PostgreSQL: {AgiIdent.Directory.Postgres.DatabaseName.Reason(npgsql)}" : e.Message;
            Log.SyncFailed(logger, reason);
            status?.Failed(reason);
            return null;
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Unforeseen: logged whole and the run counted failed, but the daemon and its calls go on.
            Log.SyncCrashed(logger, e);
            status?.Failed(e.Message);
            return null;
        }
    }
}
