using System.Net;
using System.Text.Json;
using AgiIdent.Tests.Postgres;

namespace AgiIdent.Tests.Server;

/// <summary>The HTTP monitoring port: liveness, readiness and Prometheus metrics after real calls.</summary>
public sealed class MonitoringTests
{
    [Fact]
    public async Task Metrics_CountRealCalls_ByStatusAndSource_WithASessionTimeHistogram()
    {
        await using var server = await TestServer.StartAsync(new() { ["AgiIdent:Http"] = "127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Host.HttpEndPoint}") };
        var before = await PrometheusText.ScrapeAsync(http);
        Assert.Equal(0, before.Value("agiident_sessions_total", ("status", "FOUND")));

        await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        await FakeAsterisk.CallAsync(server.EndPoint, "0449998877");
        await FakeAsterisk.CallAsync(server.EndPoint, "anonymous");

        var response = await http.GetAsync("/metrics");
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        var after = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("counter", after.Types["agiident_sessions_total"]);
        Assert.Equal(2, after.Value("agiident_sessions_total", ("status", "FOUND")));
        Assert.Equal(1, after.Value("agiident_sessions_total", ("status", "NOTFOUND")));
        Assert.Equal(1, after.Value("agiident_sessions_total", ("status", "ANONYMOUS")));
        Assert.Equal(3, after.Value("agiident_lookups_total", ("source", "snapshot")));
        Assert.Equal("histogram", after.Types["agiident_session_duration_seconds"]);
        Assert.Equal(4, after.Value("agiident_session_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(4, after.Value("agiident_session_duration_seconds_count"));
        // Our buckets, not the exporter's defaults.
        Assert.NotNull(after.Value("agiident_session_duration_seconds_bucket", ("le", "0.0005")));
        Assert.NotNull(after.Value("agiident_session_duration_seconds_bucket", ("le", "2.5")));
        Assert.Equal(9, after.Value("agiident_directory_parties"));
        Assert.Equal("alive\n", await http.GetStringAsync("/health/live"));
    }

    /// <summary>
    /// Regression: every host's metrics listener is handed the meters of every host of the process, so a second daemon
    /// counted the first one's calls, and stopping one emptied the other's /metrics.
    /// </summary>
    [Fact]
    public async Task TwoDaemonsInOneProcess_EachCountsOnlyItsOwnCalls_AndOutlivesTheOther()
    {
        await using var first = await TestServer.StartAsync(new() { ["AgiIdent:Http"] = "127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://{first.Host.HttpEndPoint}") };
        await using (var second = await TestServer.StartAsync(new() { ["AgiIdent:Http"] = "127.0.0.1:0" }))
        {
            await FakeAsterisk.CallAsync(second.EndPoint, "0445550101");
            await FakeAsterisk.CallAsync(second.EndPoint, "0445550101");
            await FakeAsterisk.CallAsync(first.EndPoint, "0445550101");
            using var secondHttp = new HttpClient { BaseAddress = new Uri($"http://{second.Host.HttpEndPoint}") };
            Assert.Equal(2, (await PrometheusText.ScrapeAsync(secondHttp)).Value("agiident_sessions_total", ("status", "FOUND")));
            Assert.Equal(1, (await PrometheusText.ScrapeAsync(http)).Value("agiident_sessions_total", ("status", "FOUND")));
        }

        await FakeAsterisk.CallAsync(first.EndPoint, "0445550101");
        var after = await PrometheusText.ScrapeAsync(http);
        Assert.Equal(2, after.Value("agiident_sessions_total", ("status", "FOUND")));
        Assert.Equal(2, after.Value("agiident_session_duration_seconds_count"));
        Assert.Equal(1, after.Value("agiident_directory_ready"));
    }

    [PostgresFact]
    public async Task Ready_IsUnavailableWithoutData_ThenReportsStaleness()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var settings = PostgresDirectoryTests.Postgres(connection, refreshSeconds: 1);
        settings["AgiIdent:Http"] = "127.0.0.1:0";

        await postgres.StopImmediateAsync();
        await using (var empty = await TestServer.StartAsync(settings))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://{empty.Host.HttpEndPoint}") };
            var response = await http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("unavailable", Json(await response.Content.ReadAsStringAsync()).GetProperty("status").GetString());
            Assert.Equal(0, (await PrometheusText.ScrapeAsync(http)).Value("agiident_directory_ready"));
        }

        await postgres.StartServerAsync();
        await using var daemon = await TestServer.StartAsync(settings);
        using var client = new HttpClient { BaseAddress = new Uri($"http://{daemon.Host.HttpEndPoint}") };
        var ready = Json(await client.GetStringAsync("/health/ready"));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(9, ready.GetProperty("parties").GetInt32());

        await postgres.StopImmediateAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement stale;
        do
        {
            await Task.Delay(200);
            var response = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            stale = Json(await response.Content.ReadAsStringAsync());
        }
        while (stale.GetProperty("status").GetString() != "stale" && DateTime.UtcNow < deadline);

        Assert.Equal("stale", stale.GetProperty("status").GetString());
        Assert.True(stale.GetProperty("secondsSinceLastRead").GetDouble() >= 0);
        var metrics = await PrometheusText.ScrapeAsync(client);
        Assert.Equal(1, metrics.Value("agiident_directory_stale"));
        Assert.True(metrics.Value("agiident_directory_age_seconds") >= 0);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
