using Microsoft.Extensions.Hosting;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// The probe of a <see cref="DirectQueryDirectory"/>, hosted: from the first failure of an outage until PostgreSQL
/// answers again it tries the database once a second, so readiness and the outage log follow the database even when
/// no call comes; between outages it waits.
/// </summary>
internal sealed class DirectQueryProbe(DirectQueryDirectory directory) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => directory.ProbeLoopAsync(stoppingToken);
}
