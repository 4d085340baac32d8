using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Log = AgiIdent.Diagnostics.Log;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// What a daemon in direct mode does before its port opens: checks the columns of the admin's own query, then runs one
/// query so that the first caller does not pay for opening a connection and preparing the statement (measured:
/// 160–290 ms, above the default query timeout). A database that is down is not waited for.
/// </summary>
internal sealed class DirectQueryStartup(DirectQueryDirectory directory, DirectoryOptions settings, ILogger<DirectQueryDirectory> logger) : IHostedService
{
    /// <inheritdoc />
    /// <exception cref="OptionsValidationException">The custom SQL does not return the columns it must, or PostgreSQL refuses it.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.CustomSql))
        {
            await CheckColumnsAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            await directory.WarmUpAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DirectoryUnavailableException or OperationCanceledException or Npgsql.NpgsqlException or TimeoutException)
        {
            // The call path reports database trouble itself; startup goes on.
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CheckColumnsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await directory.CheckColumnsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.PostgresException e)
        {
            throw Refused($"AgiIdent:Directory:CustomSql: PostgreSQL refuses the query: {e.MessageText}");
        }
        catch (InvalidOperationException e)
        {
            throw Refused(e.Message);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            Log.CustomSqlUnchecked(logger, DatabaseName.Reason(e));
        }
    }

    /// <summary>The setting cannot be used: the host reports it as a configuration error naming the key.</summary>
    private static OptionsValidationException Refused(string message) =>
        new(Options.DefaultName, typeof(DirectoryOptions), [message]);
}
