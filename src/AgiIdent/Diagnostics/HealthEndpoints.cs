using System.Text;
using System.Text.Json;
using AgiIdent.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgiIdent.Diagnostics;

/// <summary>
/// The HTTP port for monitoring (<c>AgiIdent:Http</c>): <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>
/// in the Prometheus text format (served by <see cref="DaemonMetrics"/>). They read the <see cref="IDirectoryHealth"/> and
/// the <see cref="ISyncHealth"/> the host registers.
/// </summary>
internal static class HealthEndpoints
{
    /// <remarks>The FastAGI port runs its own connection handler, so these routes answer on the HTTP port only.</remarks>
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", static () => Results.Text("alive\n"));
        routes.MapGet("/health/ready", static (IServiceProvider services) => Ready(services));
    }

    /// <summary>Ready when there is a directory to answer from; the body says how fresh it is.</summary>
    private static IResult Ready(IServiceProvider services)
    {
        var health = services.GetRequiredService<IDirectoryHealth>().Health;
        var sync = services.GetService<ISyncHealth>();
        var age = health.LastSuccess is { } last ? (DateTimeOffset.UtcNow - last).TotalSeconds : (double?)null;
        var body = JsonSerializer.Serialize(new
        {
            status = !health.Ready ? "unavailable" : health.Source == ContractText.Stale || sync is { Behind: true } ? ContractText.Stale : "ready",
            source = health.Source,
            problem = health.Problem,
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
}
