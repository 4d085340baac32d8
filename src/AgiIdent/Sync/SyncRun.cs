using AgiIdent.Numbering;
using Microsoft.Extensions.Logging;
using Npgsql;
using Log = AgiIdent.Diagnostics.Log;

namespace AgiIdent.Sync;

/// <summary>One sync with its log lines: shared by <c>agiident sync</c> and the background sync.</summary>
internal static class SyncRun
{
    /// <summary>Logged rejects per run; the count covers them all.</summary>
    private const int LoggedRejects = 20;

    /// <summary>
    /// Runs one sync and logs it; returns null when it failed (logged, recorded in <paramref name="status"/>) or was
    /// skipped because another run held the database (<paramref name="skipped"/>; logged, not a failure).
    /// </summary>
    public static async Task<SyncResult?> RunAsync(SyncOptions options, NumberingOptions numbering, NpgsqlDataSource database, ODataClient client, bool forceFull, ILogger logger, SyncStatus? status, CancellationToken cancellationToken, Action? skipped = null)
    {
        try
        {
            var result = await new ODataReplicator(options, numbering, database, client).RunAsync(forceFull, cancellationToken).ConfigureAwait(false);
            foreach (var reject in result.RejectSamples.Take(LoggedRejects))
            {
                Log.SyncReject(logger, reject);
            }

            Log.SyncDone(logger, options.Preset.ToString()!, result.Full ? "full" : "incremental", result.Elapsed.TotalSeconds, result.Parties, result.Phones, result.Changed, result.Removed, result.Rejected, result.Requests);
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
