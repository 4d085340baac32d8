using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using AgiIdent.Contract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace AgiIdent.Diagnostics;

/// <summary>
/// The daemon's state as metrics (sessions in flight, the directory, the database, the background sync, the build and
/// the process start), observed at scrape time on the meter <see cref="CallMetrics.MeterName"/>, and the exporter
/// that serves every meter on <c>/metrics</c>. What it observes it defines itself (<see cref="ISessionsInFlight"/>,
/// <see cref="IDirectoryHealth"/>, <see cref="ISyncHealth"/>); the features implement those and the host registers them.
/// </summary>
/// <remarks>
/// The exporter is OpenTelemetry's (<c>OpenTelemetry.Exporter.Prometheus.AspNetCore</c>) rather than prometheus-net's
/// <c>MeterAdapter</c>: the adapter publishes every .NET counter as a Prometheus gauge and drops a series after five
/// minutes without a change (its source, Prometheus/MeterAdapter.cs and MeterAdapterOptions.MetricsExpireAfter), so
/// <c>agiident_sessions_total{status="ERROR"}</c> would stop being a counter and vanish on a quiet night. OpenTelemetry's
/// exporter keeps counters as counters, takes the histogram's buckets from the instrument's advice, and with scope
/// labels off leaves our names and labels exactly as they were (it appends <c>_total</c> to a counter and a unit
/// suffix only where the name lacks them; MetricsExportTests checks every name). It is a beta package; it is the
/// exporter the OpenTelemetry project ships for ASP.NET Core, and nothing of ours depends on its API beyond the
/// three calls here. What comes with it at no cost: the runtime's own meter <c>System.Runtime</c> (GC, memory, CPU,
/// thread pool, built into .NET 9 and later), Kestrel's (<c>Microsoft.AspNetCore.Server.Kestrel</c>: connections of
/// both ports) and Npgsql's (<c>Npgsql</c>: the connection pool and command times).
/// </remarks>
public sealed class DaemonMetrics
{
    /// <summary>Meters exported besides ours: the .NET runtime, Kestrel and Npgsql.</summary>
    public static readonly IReadOnlyList<string> ForeignMeters = ["System.Runtime", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql"];

    /// <summary>
    /// Foreign gauges renamed, by meter and instrument, as <c>promtool check metrics</c> reserves a <c>_count</c> suffix
    /// for histograms and summaries: it flags <c>dotnet_assembly_count</c>, <c>dotnet_process_cpu_count</c>,
    /// <c>dotnet_timer_count</c> and Npgsql's <c>db_client_connection_count</c> (which takes back the name the
    /// OpenTelemetry conventions gave it before 1.26, <c>db.client.connections.usage</c>).
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Meter, string Instrument), string> Renamed = new Dictionary<(string, string), string>
    {
        [("System.Runtime", "dotnet.assembly.count")] = "dotnet.assemblies.loaded",
        [("System.Runtime", "dotnet.process.cpu.count")] = "dotnet.process.cpus",
        [("System.Runtime", "dotnet.timer.count")] = "dotnet.timers.active",
        [("Npgsql", "db.client.connection.count")] = "db.client.connections.usage",
    };

    /// <summary>Creates the instruments on the meter <see cref="CallMetrics.MeterName"/> of <paramref name="meters"/>.</summary>
    public DaemonMetrics(IMeterFactory meters, ISessionsInFlight sessions, IDirectoryHealth directory, ISyncHealth? sync = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(directory);
        var meter = meters.Create(CallMetrics.MeterName);
        var (version, commit) = Build(typeof(DaemonMetrics).Assembly);
        meter.CreateObservableGauge(
            "agiident_build_info",
            () => new Measurement<int>(1, new("version", version), new("commit", commit)),
            null,
            "Always 1; the labels name the version and the commit it was built from (empty when unknown)");
        // The name Prometheus' client libraries give the process start (prometheus.io, "Writing client libraries",
        // standard and runtime collectors): a restart shows as a change of this value.
        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        meter.CreateObservableGauge("process_start_time_seconds", () => started, "s", "Start time of the process since the Unix epoch");
        meter.CreateObservableGauge("agiident_sessions_in_flight", () => sessions.InFlight, null, "Sessions being served now");

        meter.CreateObservableGauge("agiident_directory_ready", () => directory.Health.Ready ? 1 : 0, null, "1 when there is a directory to answer calls from");
        meter.CreateObservableGauge("agiident_directory_stale", () => directory.Health.Source == ContractText.Stale ? 1 : 0, null, "1 while answers come from the last good data because the database is unreachable");
        meter.CreateObservableGauge("agiident_directory_parties", () => directory.Health.Parties, null, "Parties held in memory");
        meter.CreateObservableGauge("agiident_directory_numbers", () => directory.Health.Numbers, null, "Numbers held in memory");
        meter.CreateObservableGauge(
            "agiident_directory_age_seconds",
            () => directory.Health.LastSuccess is { } last ? [new Measurement<double>(Math.Round((DateTimeOffset.UtcNow - last).TotalSeconds, 3))] : Array.Empty<Measurement<double>>(),
            "s",
            "Seconds since the directory was last read successfully");
        meter.CreateObservableCounter("agiident_database_errors_total", () => directory.Health.DatabaseErrors, null, "Failed reads of the directory database");
        // Only a directory with a circuit breaker (direct mode) has the gauge; it reports the breaker's state from the start.
        if (directory.Health.Circuit is not null)
        {
            meter.CreateObservableGauge("agiident_database_circuit_open", () => directory.Health.Circuit == DirectoryHealth.ClosedCircuit ? 0 : 1, null, "1 while the circuit breaker keeps calls off the database");
        }

        if (sync is not null)
        {
            AddSync(meter, sync);
        }
    }

    /// <summary>Registers the meters and the Prometheus exporter; <see cref="MapEndpoint"/> serves it.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<DaemonMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => ((IDeferredMeterProviderBuilder)metrics
            .AddMeter(CallMetrics.MeterName)
            .AddMeter([.. ForeignMeters]))
            .Configure((provider, builder) => builder.AddView(View(provider.GetRequiredService<IMeterFactory>())))
            .ConfigureResource(resource => resource.AddService("agiident", serviceVersion: Build(typeof(DaemonMetrics).Assembly).Version))
            .AddPrometheusExporter(exporter =>
            {
                // A scrape sees the calls made before it (the default caches the answer for 300 ms).
                exporter.ScrapeResponseCacheDurationMilliseconds = 0;
                // No otel_scope_* labels on every series: the label names stay those dashboards know.
                exporter.ScopeInfoEnabled = false;
            }));
    }

    /// <summary>
    /// Keeps the meters of this daemon and the process-wide ones (the runtime's, Npgsql's), and renames
    /// <see cref="Renamed"/>. The host's listener is handed every meter that any <see cref="IMeterFactory"/> of the
    /// process made (Microsoft.Extensions.Diagnostics' ListenerSubscription.RuleMatches takes any scoped meter as
    /// "local"), so two daemons in one process, as in the tests, would count each other's calls; and a stopped one would
    /// take the other's metrics with it.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> View(IMeterFactory own) => instrument =>
        instrument.Meter.Scope is not null && !ReferenceEquals(instrument.Meter.Scope, own)
            ? MetricStreamConfiguration.Drop
            : Renamed.TryGetValue((instrument.Meter.Name, instrument.Name), out var name) ? new MetricStreamConfiguration { Name = name } : null;

    /// <summary>Serves <c>/metrics</c> and creates the observed instruments.</summary>
    public static void MapEndpoint(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<DaemonMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    /// <summary>The version and commit of an assembly, from the informational version the SDK writes (<c>1.0.0+sha</c>).</summary>
    internal static (string Version, string Commit) Build(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, string.Empty) : (informational[..plus], informational[(plus + 1)..]);
    }

    private static void AddSync(Meter meter, ISyncHealth sync)
    {
        meter.CreateObservableCounter(
            "agiident_sync_runs_total",
            () =>
            {
                var (successes, failures, skips) = sync.Runs;
                return new[]
                {
                    new Measurement<long>(successes, new KeyValuePair<string, object?>("result", "success")),
                    new Measurement<long>(failures, new KeyValuePair<string, object?>("result", "failure")),
                    new Measurement<long>(skips, new KeyValuePair<string, object?>("result", "skipped")),
                };
            },
            null,
            "Syncs from 1C, by result");
        meter.CreateObservableGauge(
            "agiident_sync_last_success_timestamp_seconds",
            () => sync.LastSuccess is { } last ? [new Measurement<double>(last.ToUnixTimeMilliseconds() / 1000.0)] : Array.Empty<Measurement<double>>(),
            "s",
            "Unix time of the last sync from 1C that committed");
        meter.CreateObservableGauge(
            "agiident_sync_age_seconds",
            () => sync.LastSuccess is { } last ? [new Measurement<double>(Math.Round((DateTimeOffset.UtcNow - last).TotalSeconds, 3))] : Array.Empty<Measurement<double>>(),
            "s",
            "Seconds since the last sync from 1C that committed");
        meter.CreateObservableGauge(
            "agiident_sync_last_duration_seconds",
            () => sync.LastRun is { } result ? [new Measurement<double>(Math.Round(result.Elapsed.TotalSeconds, 3))] : Array.Empty<Measurement<double>>(),
            "s",
            "Duration of the last successful sync");
        meter.CreateObservableGauge(
            "agiident_sync_last_changed_parties",
            () => sync.LastRun is { } result ? [new Measurement<long>(result.Changed)] : Array.Empty<Measurement<long>>(),
            null,
            "Parties the last successful sync changed");
        meter.CreateObservableGauge(
            "agiident_sync_last_rejected",
            () => sync.LastRun is { } result ? [new Measurement<long>(result.Rejected)] : Array.Empty<Measurement<long>>(),
            null,
            "Rows or phones the last successful sync left out");
        meter.CreateObservableGauge("agiident_sync_behind", () => sync.Behind ? 1 : 0, null, "1 when the last sync failed or none committed for three intervals");
    }
}
