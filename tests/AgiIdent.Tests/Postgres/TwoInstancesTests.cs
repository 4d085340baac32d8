using System.Diagnostics;
using AgiIdent.Fake1C;
using AgiIdent.Sync;
using AgiIdent.Tests.Server;
using AgiIdent.Tests.Sync;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace AgiIdent.Tests.Postgres;

/// <summary>
/// The scale-out README describes: two daemons on one PostgreSQL behind <c>hagi://</c>. Both identify, a change reaches
/// both, their background syncs take turns on the database, and Asterisk's failover finds the second when the first
/// refuses connections.
/// </summary>
[Collection("postgres")]
public sealed class TwoInstancesTests(PostgresFixture fixture, ITestOutputHelper output)
{
    [PostgresFact]
    public async Task TwoDaemonsOnOneDatabase_SyncOneAtATime_BothIdentify_AndAChangeReachesBoth()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        // A slow 1C: each run holds the sync lock for seconds, so the two daemons' first runs, started together, overlap.
        sync.OneC.Fault = _ => Fake1CFault.Delay(TimeSpan.FromMilliseconds(250));
        var starting = new[] { TestServer.StartAsync(DaemonSettings(sync, "A")), TestServer.StartAsync(DaemonSettings(sync, "B")) };
        await using var first = await starting[0];
        await using var second = await starting[1];
        var daemons = new[] { first, second };

        foreach (var daemon in daemons)
        {
            await PostgresDirectoryTests.WaitForStatus(daemon, Ut11Facts.RomashkaCaller, "FOUND");
        }

        var statuses = daemons.Select(d => d.Host.Services.GetRequiredService<SyncStatus>()).ToArray();
        await WaitUntil(() => statuses.Count(s => s.Last is not null) + statuses.Sum(s => s.Skips) == 2);
        // One run wrote, the other found the lock taken and stood aside; never two runs reading 1C at once.
        Assert.Equal(1, statuses.Count(s => s.Last is not null));
        Assert.Equal(1, statuses.Sum(s => s.Skips));
        Assert.Equal(1, sync.OneC.MostConcurrentRequests);
        Assert.All(statuses, s => Assert.Null(s.LastError));
        Assert.All(statuses, s => Assert.False(s.Behind));

        // A change in the database reaches both through NOTIFY, with no refresh due (RefreshSeconds 3600).
        await using (var database = NpgsqlDataSource.Create(sync.Connection))
        {
            await PostgresDirectoryTests.Execute(database, $"UPDATE agiident.party SET short_name = 'Both See This' WHERE id = '{Ut11Facts.RomashkaRef}'");
        }

        var clock = Stopwatch.StartNew();
        await PostgresDirectoryTests.WaitForScreen(first, Ut11Facts.RomashkaCaller, "A Both See This");
        await PostgresDirectoryTests.WaitForScreen(second, Ut11Facts.RomashkaCaller, "B Both See This");
        output.WriteLine($"the change reached both daemons after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [PostgresFact]
    public async Task SkippedRun_TakesTheOtherInstancesCommit_AsItsLastSuccess()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        var committed = await sync.ScalarAsync<DateTime>("SELECT last_success FROM agiident.sync_state");

        // Regression: a daemon whose every run lost the lock to another instance reported the sync behind (its own
        // last success never came) although the other instance kept the directory current.
        var status = new SyncStatus(intervalSeconds: 10);
        await using var holder = new NpgsqlConnection(sync.Connection);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4573002)", holder, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        var options = sync.Options();
        using var client = new ODataClient(options.Sync.OData);
        Assert.Null(await SyncRun.RunAsync(options.Sync, options.Numbering, sync.Database, client, forceFull: false, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, status, CancellationToken.None));

        Assert.Equal(1, status.Skips);
        Assert.Null(status.LastError);
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(committed, DateTimeKind.Utc)), status.LastSuccess);
        // Exported as agiident_sync_runs_total{result="skipped"} beside success and failure.
        Assert.Equal((0L, 0L, 1L), status.Runs);
        Assert.False(status.Behind);
    }

    [PostgresFact]
    public async Task Failover_AnAsteriskWithBothServers_ReachesTheSecond_WhenTheFirstRefusesConnections()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var firstSettings = PostgresDirectoryTests.Postgres(connection);
        firstSettings["AgiIdent:Display:Template"] = "A {name}";
        var secondSettings = PostgresDirectoryTests.Postgres(connection);
        secondSettings["AgiIdent:Display:Template"] = "B {name}";
        var first = await TestServer.StartAsync(firstSettings);
        var second = await TestServer.StartAsync(secondSettings);
        IReadOnlyList<System.Net.IPEndPoint> targets = [first.EndPoint, second.EndPoint];
        try
        {
            var whileBothRun = await FakeAsterisk.CallWithFailoverAsync(targets, "0445550101");
            Assert.NotNull(whileBothRun);
            Assert.Equal(0, whileBothRun.Value.Target);
            Assert.StartsWith("A ", whileBothRun.Value.Variables["CALLERID(name)"], StringComparison.Ordinal);

            await first.DisposeAsync();
            var clock = Stopwatch.StartNew();
            var afterTheFirstStopped = await FakeAsterisk.CallWithFailoverAsync(targets, "0445550101");
            output.WriteLine($"a call with the first server down took {clock.Elapsed.TotalMilliseconds:0} ms");

            Assert.NotNull(afterTheFirstStopped);
            Assert.Equal(1, afterTheFirstStopped.Value.Target);
            Assert.Equal("FOUND", afterTheFirstStopped.Value.Variables["AGIIDENT_STATUS"]);
            Assert.StartsWith("B ", afterTheFirstStopped.Value.Variables["CALLERID(name)"], StringComparison.Ordinal);

            await second.DisposeAsync();
            Assert.Null(await FakeAsterisk.CallWithFailoverAsync(targets, "0445550101"));
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> DaemonSettings(SyncSetup sync, string mark)
    {
        var settings = sync.DaemonSettings();
        settings["AgiIdent:Display:Template"] = mark + " {name}";
        return settings;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "condition not reached in time");
            await Task.Delay(50);
        }
    }
}
