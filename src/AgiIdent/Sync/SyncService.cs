using AgiIdent.Directory;
using AgiIdent.Numbering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
    private readonly SyncOptions _options;
    private readonly NumberingOptions _numbering;
    private readonly string _connectionString;
    private readonly SyncStatus _status;
    private readonly ILogger _logger;

    public SyncService(IOptions<SyncOptions> options, IOptions<NumberingOptions> numbering, IOptions<DirectoryOptions> directory, SyncStatus status, ILoggerFactory loggers)
    {
        _options = options.Value;
        _numbering = numbering.Value;
        // The host runs the sync only with Source=Postgres, which requires the connection string.
        _connectionString = directory.Value.ConnectionString!;
        _status = status;
        _logger = loggers.CreateLogger<SyncService>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Startup (and the port opening) must not wait for the first run.
        await Task.Yield();
        Log.SyncScheduled(_logger, _options.Preset.ToString()!, _options.IntervalSeconds, _options.OData.Url!);
        await using var database = NpgsqlDataSource.Create(_connectionString);
        // One client for the daemon's life: its connections and resilience pipeline serve every run.
        using var client = new ODataClient(_options.OData);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.IntervalSeconds));
        do
        {
            await SyncRun.RunAsync(_options, _numbering, database, client, forceFull: false, _logger, _status, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
