using System.Text;
using System.Text.Json;
using AgiIdent.Directory;
using AgiIdent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgiIdent.Diagnostics;

/// <summary>
/// The HTTP port for monitoring (<c>AgiIdent:Http</c>): <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>
/// in the Prometheus text format.
/// </summary>
internal static class HealthEndpoints
{
    private const string PrometheusText = "text/plain; version=0.0.4; charset=utf-8";

    /// <remarks>The FastAGI port runs its own connection handler, so these routes answer on the HTTP port only.</remarks>
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", static () => Results.Text("alive\n"));
        routes.MapGet("/health/ready", static (IServiceProvider services) => Ready(services));
        routes.MapGet("/metrics", static (IServiceProvider services) => Results.Text(Metrics(services), PrometheusText));
    }

    /// <summary>Ready when there is a directory to answer from; the body says how fresh it is.</summary>
    private static IResult Ready(IServiceProvider services)
    {
        var health = Health(services);
        var sync = services.GetService<AgiIdent.Sync.SyncStatus>();
        var age = health.LastSuccess is { } last ? (DateTimeOffset.UtcNow - last).TotalSeconds : (double?)null;
        var body = JsonSerializer.Serialize(new
        {
            status = !health.Ready ? "unavailable" : health.Source == "stale" || sync is { Behind: true } ? "stale" : "ready",
            source = health.Source,
            parties = health.Parties,
            numbers = health.Numbers,
            lastRead = health.LastSuccess,
            secondsSinceLastRead = age is { } seconds ? Math.Round(seconds, 1) : (double?)null,
            databaseErrors = health.DatabaseErrors,
            circuit = health.Circuit,
            sync = sync is null ? null : new
            {
                lastSuccess = sync.LastSuccess,
                secondsSinceLastSuccess = sync.LastSuccess is { } synced ? Math.Round((DateTimeOffset.UtcNow - synced).TotalSeconds, 1) : (double?)null,
                lastError = sync.LastError,
                behind = sync.Behind,
            },
        });
        return Results.Text(body + "\n", "application/json", Encoding.UTF8, health.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string Metrics(IServiceProvider services)
    {
        var text = new StringBuilder(4096);
        services.GetRequiredService<CallMetrics>().WriteTo(text, services.GetRequiredService<SessionGate>().InFlight);
        var health = Health(services);
        CallMetrics.Gauge(text, "agiident_directory_ready", "1 when there is a directory to answer calls from", health.Ready ? 1 : 0);
        CallMetrics.Gauge(text, "agiident_directory_stale", "1 while answers come from the last good data because the database is unreachable", health.Source == "stale" ? 1 : 0);
        CallMetrics.Gauge(text, "agiident_directory_parties", "Parties held in memory", health.Parties);
        CallMetrics.Gauge(text, "agiident_directory_numbers", "Numbers held in memory", health.Numbers);
        if (health.LastSuccess is { } last)
        {
            CallMetrics.Gauge(text, "agiident_directory_age_seconds", "Seconds since the directory was last read successfully", Math.Round((DateTimeOffset.UtcNow - last).TotalSeconds, 3));
        }

        CallMetrics.Counter(text, "agiident_database_errors_total", "Failed reads of the directory database", health.DatabaseErrors);
        if (health.Circuit is { } circuit)
        {
            CallMetrics.Gauge(text, "agiident_database_circuit_open", "1 while the circuit breaker keeps calls off the database", circuit == "closed" ? 0 : 1);
        }

        services.GetService<AgiIdent.Sync.SyncStatus>()?.WriteTo(text);
        return text.ToString();
    }

    private static DirectoryHealth Health(IServiceProvider services) =>
        services.GetRequiredService<IPartyDirectory>() is IDirectoryHealth directory
            ? directory.Health
            : new DirectoryHealth(true, string.Empty, 0, 0, null, 0, null);
}
