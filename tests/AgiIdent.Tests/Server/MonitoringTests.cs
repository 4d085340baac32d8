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
        var before = await http.GetStringAsync("/metrics");
        Assert.Contains("agiident_sessions_total{status=\"FOUND\"} 0\n", before, StringComparison.Ordinal);

        await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        await FakeAsterisk.CallAsync(server.EndPoint, "0449998877");
        await FakeAsterisk.CallAsync(server.EndPoint, "anonymous");

        var response = await http.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var after = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE agiident_sessions_total counter\n", after, StringComparison.Ordinal);
        Assert.Contains("agiident_sessions_total{status=\"FOUND\"} 2\n", after, StringComparison.Ordinal);
        Assert.Contains("agiident_sessions_total{status=\"NOTFOUND\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("agiident_sessions_total{status=\"ANONYMOUS\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("agiident_lookups_total{source=\"snapshot\"} 3\n", after, StringComparison.Ordinal);
        Assert.Contains("agiident_session_duration_seconds_bucket{le=\"+Inf\"} 4\n", after, StringComparison.Ordinal);
        Assert.Contains("agiident_session_duration_seconds_count 4\n", after, StringComparison.Ordinal);
        Assert.Contains("agiident_directory_parties 9\n", after, StringComparison.Ordinal);
        Assert.Equal("alive\n", await http.GetStringAsync("/health/live"));
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
            Assert.Contains("agiident_directory_ready 0\n", await http.GetStringAsync("/metrics"), StringComparison.Ordinal);
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
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("agiident_directory_stale 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("agiident_directory_age_seconds ", metrics, StringComparison.Ordinal);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
