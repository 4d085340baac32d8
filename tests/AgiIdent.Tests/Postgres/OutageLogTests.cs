using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AgiIdent.Directory.Postgres;
using AgiIdent.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgiIdent.Tests.Postgres;

/// <summary>
/// What an admin reads while a real PostgreSQL is down: readiness that says why, and a log with one line when the
/// outage begins, a count a minute while it lasts and one line when it ends. Each test has its own server, stopped
/// and started; nothing here measures time.
/// </summary>
public sealed class OutageLogTests
{
    [PostgresFact]
    public async Task DirectMode_DatabaseDownAtStart_ReadyIs503WithTheReason_Then200OnceItAnswers()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var settings = PostgresDirectoryTests.Postgres(connection, mode: "Direct");
        settings["AgiIdent:Http"] = "127.0.0.1:0";
        await postgres.StopImmediateAsync();
        var log = new LogCapture();
        var clock = new ShiftedClock();
        await using var daemon = await TestServer.StartAsync(settings, services =>
        {
            log.Services(services);
            services.AddSingleton<TimeProvider>(clock);
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://{daemon.Host.HttpEndPoint}") };

        var response = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = Json(await response.Content.ReadAsStringAsync());
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        Assert.Contains("is unreachable", body.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await PrometheusText.ScrapeAsync(http)).Value("agiident_directory_ready"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ERROR", (await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101"))["AGIIDENT_STATUS"]);
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        await log.WaitForAsync("still unreachable for 1 min");
        Assert.Contains("still unreachable for 1 min: 0 calls answered stale, 3 got ERROR", log.Containing("still unreachable")[0].Message, StringComparison.Ordinal);

        await postgres.StartServerAsync();
        var ready = await WaitForReadyAsync(http);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, ready.GetProperty("problem").ValueKind);
        Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101"))["AGIIDENT_STATUS"]);

        var outage = Directory(log);
        Assert.Single(outage, e => e.Message.Contains("is unreachable", StringComparison.Ordinal));
        Assert.Single(outage, e => e.Message.Contains("is back after", StringComparison.Ordinal) && e.Message.Contains("during the outage 0 calls were answered stale and 3 got ERROR", StringComparison.Ordinal));
        Assert.All(log.Entries, e => Assert.Null(e.Exception));
    }

    [PostgresFact]
    public async Task SnapshotMode_DatabaseStoppedAndStarted_LogsTheBeginning_ACountAMinute_AndTheEnd_WithoutStackTraces()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var log = new LogCapture();
        var clock = new ShiftedClock();
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(connection, refreshSeconds: 1), services =>
        {
            log.Services(services);
            services.AddSingleton<TimeProvider>(clock);
        });
        Assert.Equal("snapshot", (await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101"))["AGIIDENT_SOURCE"]);

        await postgres.StopImmediateAsync();
        await log.WaitForAsync("is unreachable");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("stale", (await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101"))["AGIIDENT_SOURCE"]);
        }

        // A few refresh attempts fail every second meanwhile; none of them logs.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        clock.Advance(TimeSpan.FromSeconds(61));
        await log.WaitForAsync("still unreachable for 1 min");
        Assert.Contains("still unreachable for 1 min: 4 calls answered stale, 0 got ERROR", log.Containing("still unreachable")[0].Message, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(60));
        await log.WaitForAsync("still unreachable for 2 min");

        await postgres.StartServerAsync();
        await log.WaitForAsync("is back after");
        Assert.Equal("snapshot", (await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101"))["AGIIDENT_SOURCE"]);

        // From the first line of the outage on, the directory logs these four and nothing else.
        var all = Directory(log);
        var outage = all.Skip(all.FindIndex(e => e.Message.Contains("is unreachable", StringComparison.Ordinal))).ToList();
        Assert.Single(outage, e => e.Message.Contains("is unreachable", StringComparison.Ordinal) && e.Level == LogLevel.Warning);
        Assert.Equal(2, outage.Count(e => e.Message.Contains("still unreachable", StringComparison.Ordinal)));
        Assert.Single(outage, e => e.Message.Contains("during the outage 4 calls were answered stale and 0 got ERROR", StringComparison.Ordinal));
        Assert.Equal(4, outage.Count);
        Assert.All(log.Entries, e => Assert.Null(e.Exception));
    }

    [PostgresFact]
    public async Task SnapshotMode_NoDirectoryAtStart_CallsGetErrorWithoutAStackTraceEach()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        await postgres.StopImmediateAsync();
        var log = new LogCapture();
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(connection, refreshSeconds: 1), log.Services);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ERROR", (await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101"))["AGIIDENT_STATUS"]);
        }

        Assert.All(log.Entries, e => Assert.Null(e.Exception));
        Assert.Empty(log.Containing("lookup failed"));
        Assert.Single(log.Containing("no usable snapshot cache"));
    }

    private static List<LogCapture.Entry> Directory(LogCapture log) =>
        log.Entries.Where(e => e.Category.StartsWith(typeof(SnapshotDirectory).Namespace!, StringComparison.Ordinal)).ToList();

    private static async Task<JsonElement> WaitForReadyAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return Json(await response.Content.ReadAsStringAsync());
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "/health/ready never became 200 after PostgreSQL started");
            await Task.Delay(100);
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
