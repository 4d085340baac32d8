using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgiIdent.Diagnostics;
using AgiIdent.Fake1C;
using AgiIdent.Tests.Postgres;
using AgiIdent.Tests.Sync;
using YamlDotNet.RepresentationModel;

namespace AgiIdent.Tests.Server;

/// <summary>
/// <c>/metrics</c> of running daemons over real HTTP (snapshot mode with the background sync from a fake 1C, and direct
/// mode, both on a real PostgreSQL): every metric of the contract under its name, type and labels, the runtime,
/// Kestrel and Npgsql meters beside ours, <c>promtool check metrics</c> clean, and every metric the shipped Zabbix
/// template and Grafana dashboard read.
/// </summary>
[Collection("postgres")]
public sealed partial class MetricsExportTests(PostgresFixture fixture)
{
    /// <summary>
    /// The metrics dashboards depend on, as the daemon exported them before the exporter changed (its Prometheus
    /// writer, CallMetrics.WriteTo and SyncStatus.WriteTo): name, type and label names. Renaming one breaks users.
    /// </summary>
    private static readonly (string Name, string Type, string[] Labels)[] Contract =
    [
        ("agiident_sessions_total", "counter", ["status"]),
        ("agiident_lookups_total", "counter", ["source"]),
        ("agiident_session_duration_seconds", "histogram", []),
        ("agiident_sessions_in_flight", "gauge", []),
        ("agiident_connections_refused_total", "counter", []),
        ("agiident_sessions_busy_total", "counter", []),
        ("agiident_protocol_errors_total", "counter", []),
        ("agiident_sessions_cut_total", "counter", []),
        ("agiident_directory_ready", "gauge", []),
        ("agiident_directory_stale", "gauge", []),
        ("agiident_directory_parties", "gauge", []),
        ("agiident_directory_numbers", "gauge", []),
        ("agiident_directory_age_seconds", "gauge", []),
        ("agiident_database_errors_total", "counter", []),
        ("agiident_database_circuit_open", "gauge", []),
        ("agiident_sync_runs_total", "counter", ["result"]),
        ("agiident_sync_last_success_timestamp_seconds", "gauge", []),
        ("agiident_sync_age_seconds", "gauge", []),
        ("agiident_sync_last_duration_seconds", "gauge", []),
        ("agiident_sync_last_changed_parties", "gauge", []),
        ("agiident_sync_last_rejected", "gauge", []),
        ("agiident_sync_behind", "gauge", []),
    ];

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Scrapes? _scrapes;

    [PostgresFact]
    public async Task EveryMetricOfTheContract_IsExported_UnderItsName_Type_AndLabels()
    {
        var scrapes = await ScrapeAsync();
        foreach (var (name, type, labels) in Contract)
        {
            // Direct mode has the circuit breaker; the snapshot daemon has the sync.
            var text = name == "agiident_database_circuit_open" ? scrapes.Direct : scrapes.Snapshot;
            Assert.True(text.Types.TryGetValue(name, out var exported), $"{name} is not exported; /metrics said:\n{text.Text}");
            Assert.Equal(type, exported);
            var series = type == "histogram" ? name + "_count" : name;
            var labelNames = text.LabelNames(series);
            Assert.True(labelNames.Count > 0, $"{series} has no sample");
            Assert.All(labelNames, set => Assert.Equal(labels, set.Order(StringComparer.Ordinal)));
        }

        // One call of each kind between the two scrapes.
        foreach (var status in new[] { "FOUND", "NOTFOUND", "ANONYMOUS" })
        {
            Assert.Equal(1, scrapes.Snapshot.Value("agiident_sessions_total", ("status", status)) - scrapes.Before.Value("agiident_sessions_total", ("status", status)));
        }

        Assert.Equal(3, scrapes.Snapshot.Value("agiident_session_duration_seconds_count") - scrapes.Before.Value("agiident_session_duration_seconds_count"));
        Assert.Equal(1, scrapes.Snapshot.Value("agiident_sync_runs_total", ("result", "success")));
        Assert.Equal(0, scrapes.Direct.Value("agiident_database_circuit_open"));
        Assert.Equal(1, scrapes.Direct.Value("agiident_lookups_total", ("source", "live")));
    }

    [PostgresFact]
    public async Task BuildInfo_ProcessStart_Runtime_Kestrel_AndNpgsqlMetrics_ComeWithOurs()
    {
        var snapshot = (await ScrapeAsync()).Snapshot;
        var informational = typeof(CallMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var version = informational.Split('+')[0];
        var commit = informational.Contains('+', StringComparison.Ordinal) ? informational.Split('+')[1] : string.Empty;
        Assert.Equal(1, snapshot.Value("agiident_build_info", ("commit", commit), ("version", version)));

        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        Assert.Equal(started, snapshot.Value("process_start_time_seconds")!.Value, 1.0);
        Assert.True(snapshot.Value("dotnet_process_memory_working_set_bytes") > 0);
        Assert.Contains("dotnet_gc_collections_total", snapshot.Names);
        Assert.Contains(snapshot.Names, n => n.StartsWith("kestrel_", StringComparison.Ordinal));
        Assert.Contains(snapshot.Names, n => n.StartsWith("db_client_", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task Promtool_FindsNoProblem_InTheMetricsOfEitherMode()
    {
        var promtool = FindPromtool();
        if (promtool is null)
        {
            // CI installs it (.ci/run); elsewhere the test says what is missing instead of failing.
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), PromtoolHint);
            Console.WriteLine("SKIPPED: " + PromtoolHint);
            return;
        }

        var scrapes = await ScrapeAsync();
        foreach (var (mode, text) in new[] { ("snapshot", scrapes.Snapshot), ("direct", scrapes.Direct) })
        {
            var start = new ProcessStartInfo(promtool, ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(text.Text);
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"promtool check metrics ({mode} mode) exited {process.ExitCode}: {await output}{await error}");
        }
    }

    [PostgresFact]
    public async Task ZabbixTemplate_IsA60Export_WhoseItemsReadExportedMetrics_AndTriggersKnownKeys()
    {
        var scrapes = await ScrapeAsync();
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "monitoring", "zabbix", "agiident.yaml"))));
        var export = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["zabbix_export"];
        // Zabbix 6.0's export format: "version: '6.0'", host groups under "groups" (6.2 renamed them template_groups),
        // and a Prometheus pattern step with three parameters, pattern, value|label|function and its output
        // (zabbix/zabbix, ui/include/classes/import/converters/C54ImportConverter.php turns 5.4's two into three).
        Assert.Equal("6.0", Scalar(export, "version"));
        Assert.NotEmpty(Sequence(export, "groups"));
        var template = (YamlMappingNode)Assert.Single(Sequence(export, "templates"));
        var name = Scalar(template, "template");
        Assert.Equal(name, Scalar(template, "name"));
        Assert.NotEmpty(Sequence(template, "groups"));

        var uuids = new List<string> { Scalar(template, "uuid") };
        var items = Sequence(template, "items").Cast<YamlMappingNode>().ToList();
        var keys = items.Select(i => Scalar(i, "key")).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var masters = items.Where(i => Scalar(i, "type") == "HTTP_AGENT").ToDictionary(i => Scalar(i, "key"), i => Scalar(i, "url"), StringComparer.Ordinal);
        Assert.Contains(masters.Values, url => url.EndsWith("/metrics", StringComparison.Ordinal));
        Assert.Contains(masters.Values, url => url.EndsWith("/health/ready", StringComparison.Ordinal));
        var patterns = 0;
        foreach (var item in items)
        {
            uuids.Add(Scalar(item, "uuid"));
            var key = Scalar(item, "key");
            if (Scalar(item, "type") == "HTTP_AGENT")
            {
                continue;
            }

            Assert.Equal("DEPENDENT", Scalar(item, "type"));
            var master = Scalar((YamlMappingNode)item["master_item"], "key");
            Assert.True(masters.ContainsKey(master), $"{key}: master item {master} is not an HTTP agent item of the template");
            var first = (YamlMappingNode)Sequence(item, "preprocessing")[0];
            var parameters = Sequence(first, "parameters").Select(p => p.ToString()).ToList();
            switch (Scalar(first, "type"))
            {
                case "PROMETHEUS_PATTERN":
                    patterns++;
                    Assert.EndsWith("/metrics", masters[master], StringComparison.Ordinal);
                    Assert.Equal(3, parameters.Count);
                    Assert.Contains(parameters[1], new[] { "value", "label", "function" });
                    var metric = parameters[0].Split('{')[0];
                    var text = metric == "agiident_database_circuit_open" ? scrapes.Direct : scrapes.Snapshot;
                    Assert.True(text.Names.Contains(metric), $"{key} reads {metric}, which the daemon does not export");
                    if (parameters[1] == "label")
                    {
                        Assert.Contains(text.LabelNames(metric), set => set.Contains(parameters[2]));
                    }

                    break;
                case "JSONPATH":
                    Assert.EndsWith("/health/ready", masters[master], StringComparison.Ordinal);
                    var property = parameters[0].TrimStart('$', '.');
                    Assert.True(scrapes.Ready.TryGetProperty(property, out _), $"{key} reads {parameters[0]}, which /health/ready does not give");
                    break;
                default:
                    Assert.Fail($"{key}: unexpected first preprocessing step {Scalar(first, "type")}");
                    break;
            }

            if (item.Children.ContainsKey("triggers"))
            {
                foreach (YamlMappingNode trigger in Sequence(item, "triggers"))
                {
                    uuids.Add(Scalar(trigger, "uuid"));
                    foreach (Match reference in TriggerReference().Matches(Scalar(trigger, "expression")))
                    {
                        Assert.Equal(name, reference.Groups["template"].Value);
                        Assert.Contains(reference.Groups["key"].Value, keys);
                    }
                }
            }
        }

        Assert.True(patterns >= 20, $"only {patterns} items read /metrics");
        var triggers = items.Where(i => i.Children.ContainsKey("triggers")).SelectMany(i => Sequence(i, "triggers").Cast<YamlMappingNode>()).Select(t => Scalar(t, "expression")).ToList();
        // The triggers the template promises: a stale directory, a failing sync, ERROR answers and a restart.
        Assert.Contains(triggers, t => t.Contains("agiident.directory.stale", StringComparison.Ordinal));
        Assert.Contains(triggers, t => t.Contains("agiident.sync.behind", StringComparison.Ordinal));
        Assert.Contains(triggers, t => t.Contains("agiident.sessions.errors", StringComparison.Ordinal));
        Assert.Contains(triggers, t => t.Contains("agiident.process.start", StringComparison.Ordinal));
        Assert.All(uuids, u => Assert.Matches("^[0-9a-f]{32}$", u));
        Assert.Equal(uuids.Count, uuids.Distinct(StringComparer.Ordinal).Count());
    }

    [PostgresFact]
    public async Task GrafanaDashboard_IsJson_OnAPrometheusInput_AndEveryQueryNamesExportedMetrics()
    {
        var scrapes = await ScrapeAsync();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "monitoring", "grafana", "agiident.json")));
        var root = dashboard.RootElement;
        var input = Assert.Single(root.GetProperty("__inputs").EnumerateArray());
        Assert.Equal("datasource", input.GetProperty("type").GetString());
        Assert.Equal("prometheus", input.GetProperty("pluginId").GetString());
        var datasource = "${" + input.GetProperty("name").GetString() + "}";
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));

        var exported = scrapes.Snapshot.Names.Union(scrapes.Direct.Names).ToHashSet(StringComparer.Ordinal);
        var queries = 0;
        foreach (var panel in Panels(root))
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            Assert.Equal(datasource, panel.GetProperty("datasource").GetProperty("uid").GetString());
            foreach (var target in targets.EnumerateArray())
            {
                queries++;
                var expression = target.GetProperty("expr").GetString()!;
                var metrics = MetricNames(expression);
                Assert.True(metrics.Count > 0, $"panel {panel.GetProperty("title")}: no metric in {expression}");
                foreach (var metric in metrics)
                {
                    Assert.True(exported.Contains(metric), $"panel {panel.GetProperty("title")}: {metric} is not exported ({expression})");
                }
            }
        }

        Assert.True(queries >= 10, $"only {queries} queries");
    }

    /// <summary>The metric names of a PromQL expression: identifiers that are not functions, keywords, labels or strings.</summary>
    internal static HashSet<string> MetricNames(string expression)
    {
        var bare = Strings().Replace(expression, " ");
        bare = Grouping().Replace(bare, " ");
        bare = Braces().Replace(bare, " ");
        bare = Ranges().Replace(bare, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match token in Identifier().Matches(bare))
        {
            if (!token.Groups["call"].Success && !PromQlKeywords.Contains(token.Groups["name"].Value))
            {
                names.Add(token.Groups["name"].Value);
            }
        }

        return names;
    }

    private static readonly HashSet<string> PromQlKeywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless" };

    private const string PromtoolHint = "promtool not found: install Debian's 'prometheus' package (apt-get install prometheus), which has it";

    private static string? FindPromtool() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "promtool"))
            .FirstOrDefault(File.Exists);

    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var inner in Panels(panel))
            {
                yield return inner;
            }
        }
    }

    private async Task<Scrapes> ScrapeAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _scrapes ??= await StartAndScrapeAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>Both daemons after real calls, scraped once for all the tests here.</summary>
    private async Task<Scrapes> StartAndScrapeAsync()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var settings = sync.DaemonSettings();
        settings["AgiIdent:Http"] = "127.0.0.1:0";
        PrometheusText before, snapshot;
        JsonElement ready;
        await using (var daemon = await TestServer.StartAsync(settings))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://{daemon.Host.HttpEndPoint}") };
            await PostgresDirectoryTests.WaitForScreen(daemon, Ut11Facts.RomashkaCaller, "$* ТОВ \"Ромашка\"");
            await WaitUntil(async () => (await PrometheusText.ScrapeAsync(http)).Value("agiident_sync_runs_total", ("result", "success")) == 1);
            before = await PrometheusText.ScrapeAsync(http);
            await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCaller);
            await FakeAsterisk.CallAsync(daemon.EndPoint, "0449998877");
            await FakeAsterisk.CallAsync(daemon.EndPoint, "anonymous");
            snapshot = await PrometheusText.ScrapeAsync(http);
            using var body = JsonDocument.Parse(await http.GetStringAsync("/health/ready"));
            ready = body.RootElement.Clone();
        }

        var direct = PostgresDirectoryTests.Postgres(sync.Connection, mode: "Direct");
        direct["AgiIdent:Http"] = "127.0.0.1:0";
        await using var directDaemon = await TestServer.StartAsync(direct);
        using var directHttp = new HttpClient { BaseAddress = new Uri($"http://{directDaemon.Host.HttpEndPoint}") };
        Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(directDaemon.EndPoint, Ut11Facts.RomashkaCaller))["AGIIDENT_STATUS"]);
        return new Scrapes(before, snapshot, await PrometheusText.ScrapeAsync(directHttp), ready);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the condition never came true");
            await Task.Delay(50);
        }
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value ?? string.Empty : throw new Xunit.Sdk.XunitException($"no '{key}' in {node.Start}");

    private static List<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? [.. ((YamlSequenceNode)value).Children] : throw new Xunit.Sdk.XunitException($"no '{key}' in {node.Start}");

    [GeneratedRegex("""/(?<template>[^/]+)/(?<key>[a-z0-9_.]+(\[[^\]]*\])?)""")]
    private static partial Regex TriggerReference();

    [GeneratedRegex("\"(\\\\.|[^\"\\\\])*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"(?<![\w$.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();

    private sealed record Scrapes(PrometheusText Before, PrometheusText Snapshot, PrometheusText Direct, JsonElement Ready);
}
