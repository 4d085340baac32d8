using System.Diagnostics;
using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using AgiIdent.Tests.Cli;
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
    public Task DaemonRestartedDuringAnOutage_IdentifiesFromTheCacheFile_AndRecoversByItself()
        => WithOwnPostgresAndCacheFileAsync(async (postgres, connection, settings, cache) =>
        {
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
        });

    [PostgresFact]
    public Task Regression_LatestChangeInsideTheCacheThrottle_IsWhatARestartDuringAnOutageAnswers()
        => WithOwnPostgresAndCacheFileAsync(async (postgres, connection, settings, cache) =>
        {
            await using (var first = await TestServer.StartAsync(settings))
            {
                await WaitUntil(() => File.Exists(cache));
                // Within the 30 s write throttle of the startup write: the cache file does not have it yet.
                await using (var database = NpgsqlDataSource.Create(connection))
                {
                    await PostgresDirectoryTests.Execute(database, "UPDATE agiident.party SET short_name = 'Changed Late' WHERE code = 'T-001'");
                }

                await PostgresDirectoryTests.WaitForScreen(first, "0445550101", "$* Changed Late");
                await postgres.StopImmediateAsync();
                await WaitForSource(first, "stale");
            }

            await using var second = await TestServer.StartAsync(settings);
            var stale = await FakeAsterisk.CallAsync(second.EndPoint, "0445550101");
            Assert.Equal("stale", stale["AGIIDENT_SOURCE"]);
            Assert.Equal("$* Changed Late", stale["CALLERID(name)"]);
        });

    [PostgresFact]
    public async Task TwoDaemonsOnTwoDatabases_KeepTwoCacheFiles_AndEachRestartsDuringAnOutageWithItsOwn()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var kyiv = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(kyiv);
        var lviv = await postgres.CreateDatabaseAsync();
        await using (var database = NpgsqlDataSource.Create(lviv))
        {
            await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
            var content = DirectoryCsv.Read(new StringReader("id,name,phone\nl-1,Львівська Філія,0445550101\n"), new NumberParser(NumberingPlan.Ukraine));
            await DirectoryImporter.ImportAsync(database, content, merge: false, ImportGuard.Default, CancellationToken.None);
        }

        // No CacheFile set: the default path under STATE_DIRECTORY, as systemd's StateDirectory= gives it.
        var state = System.IO.Directory.CreateTempSubdirectory("agiident-state-").FullName;
        try
        {
            Dictionary<string, string> Daemon(string connection) => new()
            {
                ["ConnectionStrings__Directory"] = connection,
                ["AgiIdent__Directory__Source"] = "Postgres",
                ["AgiIdent__Directory__RefreshSeconds"] = "1",
                ["AgiIdent__Listen"] = "127.0.0.1:0",
                ["STATE_DIRECTORY"] = state,
            };

            var (kyivDaemon, kyivPort) = await ServeAsync(Daemon(kyiv));
            var (lvivDaemon, lvivPort) = await ServeAsync(Daemon(lviv));
            using (kyivDaemon)
            using (lvivDaemon)
            {
                Assert.Equal("Львівська Філія", (await CallCli(lvivPort))["CALLERID(name)"]);
                await using (var database = NpgsqlDataSource.Create(kyiv))
                {
                    await PostgresDirectoryTests.Execute(database, "UPDATE agiident.party SET short_name = 'Київ Змінено' WHERE code = 'T-001'");
                }

                var deadline = Stopwatch.StartNew();
                while ((await CallCli(kyivPort)).GetValueOrDefault("CALLERID(name)") != "$* Київ Змінено")
                {
                    Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the daemon never saw the change");
                    await Task.Delay(200);
                }

                await postgres.StopImmediateAsync();
                foreach (var daemon in new[] { kyivDaemon, lvivDaemon })
                {
                    daemon.Terminate();
                    await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));
                    Assert.True(daemon.ExitCode == 0, daemon.Error);
                }
            }

            var files = System.IO.Directory.GetFiles(state).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(
                [SnapshotCacheFile.DefaultName(kyiv), SnapshotCacheFile.DefaultName(lviv)],
                files);

            var (kyivAgain, kyivPortAgain) = await ServeAsync(Daemon(kyiv));
            var (lvivAgain, lvivPortAgain) = await ServeAsync(Daemon(lviv));
            using (kyivAgain)
            using (lvivAgain)
            {
                Assert.Contains("serving the snapshot cache", kyivAgain.Output, StringComparison.Ordinal);
                var fromKyiv = await CallCli(kyivPortAgain);
                Assert.Equal("stale", fromKyiv["AGIIDENT_SOURCE"]);
                Assert.Equal("$* Київ Змінено", fromKyiv["CALLERID(name)"]);
                var fromLviv = await CallCli(lvivPortAgain);
                Assert.Equal("stale", fromLviv["AGIIDENT_SOURCE"]);
                Assert.Equal("Львівська Філія", fromLviv["CALLERID(name)"]);
            }
        }
        finally
        {
            System.IO.Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<(AgiIdentProcess Daemon, string Port)> ServeAsync(Dictionary<string, string> environment)
    {
        var daemon = AgiIdentProcess.Start(["serve"], environment);
        var output = await daemon.WaitForOutputAsync("listening for FastAGI on", TimeSpan.FromSeconds(60));
        return (daemon, System.Text.RegularExpressions.Regex.Match(output, @"listening for FastAGI on 127\.0\.0\.1:(\d+)").Groups[1].Value);
    }

    /// <summary>A call through <c>agiident call</c>, as an admin checks a daemon; the variables it got.</summary>
    private static async Task<Dictionary<string, string>> CallCli(string port)
    {
        var call = await AgiIdentProcess.RunAsync("call", "0445550101", "--server", "127.0.0.1:" + port);
        return call.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("AGIIDENT_", StringComparison.Ordinal) || line.StartsWith("CALLERID(", StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
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

    /// <summary>
    /// Runs <paramref name="test"/> with a PostgreSQL of its own (the test stops and starts it) holding the fixture
    /// directory, and a daemon's settings on it refreshing every second with a cache file, removed afterwards.
    /// </summary>
    private static async Task WithOwnPostgresAndCacheFileAsync(Func<PostgresServer, string, Dictionary<string, string?>, string, Task> test)
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connection = await postgres.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var cache = Path.Combine(Path.GetTempPath(), "agiident-outage-" + Guid.NewGuid().ToString("N") + ".cache");
        try
        {
            await test(postgres, connection, PostgresDirectoryTests.Postgres(connection, refreshSeconds: 1, cacheFile: cache), cache);
        }
        finally
        {
            File.Delete(cache);
        }
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
