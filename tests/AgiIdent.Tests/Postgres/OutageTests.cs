using System.Diagnostics;
using AgiIdent.Tests.Server;
using Npgsql;

namespace AgiIdent.Tests.Postgres;

/// <summary>PostgreSQL dies under load and comes back; the daemon restarts during the outage. Each test has its own server.</summary>
[Collection(TimedBursts.Name)]
public sealed class OutageTests
{
    [PostgresFact]
    public async Task DatabaseKilledDuring200Calls_EveryCallAnsweredWithinBudget_ThenFreshAgainWithoutRestart()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var settings = PostgresDirectoryTests.Postgres(connection, refreshSeconds: 1);
        settings["AgiIdent:SessionBudgetMs"] = "300";
        settings["AgiIdent:Directory:QueryTimeoutMs"] = "150";
        await using var daemon = await TestServer.StartAsync(settings);
        // The calls and the server share this process: let neither wait for the thread pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        for (var i = 0; i < 20; i++)
        {
            await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101");
        }

        var calls = Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Delay(i * 5);
            var started = Stopwatch.StartNew();
            var variables = await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101");
            return (Variables: variables, Elapsed: started.Elapsed);
        }).ToArray();
        var statistics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AgiIdent.Diagnostics.CallMetrics>(daemon.Host.Services);
        await Task.Delay(300);
        statistics.ResetLongest();
        await postgres.StopImmediateAsync();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal("FOUND", r.Variables["AGIIDENT_STATUS"]));
        Assert.All(results, r => Assert.Contains(r.Variables["AGIIDENT_SOURCE"], new[] { "snapshot", "stale" }));
        // The server's own measure, accept to close, is held to the budget; the client's adds connecting and
        // scheduling on a loaded test machine, so it only has to stay clear of any database timeout (3 s here).
        Assert.True(statistics.Longest <= TimeSpan.FromMilliseconds(300), $"the longest session during the outage took {statistics.Longest.TotalMilliseconds:0} ms");
        Assert.All(results, r => Assert.True(r.Elapsed < TimeSpan.FromSeconds(2.5), $"a call took {r.Elapsed.TotalMilliseconds:0} ms"));
        await WaitForSource(daemon, "stale");

        await postgres.StartServerAsync();
        await using (var database = NpgsqlDataSource.Create(connection))
        {
            await PostgresDirectoryTests.Execute(database, "UPDATE agiident.party SET short_name = 'After The Outage' WHERE code = 'T-001'");
        }

        await PostgresDirectoryTests.WaitForScreen(daemon, "0445550101", "$* After The Outage");
        await WaitForSource(daemon, "snapshot");
    }

    [PostgresFact]
    public async Task DaemonRestartedDuringAnOutage_IdentifiesFromTheCacheFile_AndRecoversByItself()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var cache = Path.Combine(Path.GetTempPath(), "agiident-outage-" + Guid.NewGuid().ToString("N") + ".cache");
        try
        {
            var settings = PostgresDirectoryTests.Postgres(connection, refreshSeconds: 1, cacheFile: cache);
            await using (var first = await TestServer.StartAsync(settings))
            {
                Assert.Equal("snapshot", (await FakeAsterisk.CallAsync(first.EndPoint, "0445550101"))["AGIIDENT_SOURCE"]);
                await WaitUntil(() => File.Exists(cache));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache));
                }
            }

            await postgres.StopImmediateAsync();
            await using var second = await TestServer.StartAsync(settings);
            var stale = await FakeAsterisk.CallAsync(second.EndPoint, "0445550101");
            Assert.Equal("FOUND", stale["AGIIDENT_STATUS"]);
            Assert.Equal("stale", stale["AGIIDENT_SOURCE"]);
            Assert.Equal("$* ТОВ \"Тест-Сервіс\"", stale["CALLERID(name)"]);
            Assert.Equal("T-005", (await FakeAsterisk.CallAsync(second.EndPoint, "0445550404"))["AGIIDENT_CODE"]);

            await postgres.StartServerAsync();
            await WaitForSource(second, "snapshot");
        }
        finally
        {
            File.Delete(cache);
        }
    }

    [PostgresFact]
    public async Task DatabaseDownAtStartWithNoCache_CallsGetError_ThenTheDirectoryArrivesByItself()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        await postgres.StopImmediateAsync();
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(connection, refreshSeconds: 1));
        Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "ERROR" }, await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101"));

        await postgres.StartServerAsync();
        await WaitForSource(daemon, "snapshot");
    }

    private static async Task WaitForSource(TestServer daemon, string source)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101")).TryGetValue("AGIIDENT_SOURCE", out var seen) || seen != source)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"AGIIDENT_SOURCE never became {source}");
            await Task.Delay(100);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
