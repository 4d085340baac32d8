using Microsoft.Extensions.Hosting;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// Starts a <see cref="SnapshotDirectory"/> with the host: loads it before the services after it start (the FastAGI
/// port among them), then runs its refresh, LISTEN and cache-file loops until the host stops, and last writes a change
/// the cache file does not have yet, so a restart starts from it.
/// </summary>
internal sealed class SnapshotDirectoryService(SnapshotDirectory directory) : BackgroundService, IAsyncDisposable
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The host starts its services one after another, in the order they were added, and the web host's server
        // last (Microsoft.Extensions.Hosting/src/Internal/Host.cs, StartAsync; WebApplicationBuilder.Build in
        // dotnet/aspnetcore adds GenericWebHostService after every other service): the port opens on a loaded directory.
        await directory.LoadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        directory.WriteCache();
    }

    /// <summary>
    /// Stops the loops of a host that is disposed without being stopped (one whose start failed after this service
    /// had started, on a port already in use) and writes what the cache file still lacks, as <see cref="StopAsync"/> does.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        if (ExecuteTask is { } loops)
        {
            try
            {
                await loops.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A loop that failed has already been reported by the host (it awaits this task as well).
            }
        }

        directory.WriteCache();
    }

    /// <summary>
    /// The three loops side by side. Each handles the failures it expects itself; one that ends on another exception
    /// leaves the other two running, and the host logs it when the task completes.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(directory.RefreshLoopAsync(stoppingToken), directory.ListenLoopAsync(stoppingToken), directory.CacheLoopAsync(stoppingToken));
}
