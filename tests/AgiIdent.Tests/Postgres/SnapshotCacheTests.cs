using System.Diagnostics;
using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AgiIdent.Tests.Postgres;

/// <summary>The snapshot cache file follows the snapshot: a change inside the write throttle is written later, not dropped.</summary>
[Collection("postgres")]
public sealed class SnapshotCacheTests(PostgresFixture fixture)
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [PostgresFact]
    public async Task Regression_ChangesInsideTheWriteThrottle_ReachTheFileWhenTheThrottleAllows()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var cache = Path.Combine(Path.GetTempPath(), "agiident-throttle-" + Guid.NewGuid().ToString("N") + ".cache");
        await using var database = NpgsqlDataSource.Create(connection);
        var settings = new SnapshotSettings(TimeSpan.FromHours(1), cache) { CacheWriteInterval = TimeSpan.FromSeconds(10) };
        using var directory = new SnapshotDirectory(database, Numbers, settings, NullLogger<SnapshotDirectory>.Instance);
        var service = new SnapshotDirectoryService(directory);
        try
        {
            await service.StartAsync(CancellationToken.None);
            await WaitFor(() => ShortNameInCache(cache, connection) == "ТОВ «Тест-Сервіс»", "the startup write");

            // Two changes right after the startup write: both inside the 10 s throttle. The first used to be
            // dropped, and so was the second, leaving the file at the startup snapshot until some later change.
            foreach (var name in new[] { "First Change", "Second Change" })
            {
                await PostgresDirectoryTests.Execute(database, $"UPDATE agiident.party SET short_name = '{name}' WHERE code = 'T-001'");
                await WaitFor(async () => (await directory.FindAsync("380445550101", CancellationToken.None)).Matches.Single().Party.ShortName == name, $"the snapshot to see '{name}'");
            }

            await WaitFor(() => ShortNameInCache(cache, connection) == "Second Change", "the cache file to get the second change once the throttle allows", TimeSpan.FromSeconds(40));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            await service.DisposeAsync();
            File.Delete(cache);
        }
    }

    /// <summary>The short name of the party with 0445550101 in the cache file; null while there is no readable file.</summary>
    internal static string? ShortNameInCache(string cache, string connection)
    {
        try
        {
            return SnapshotCacheFile.Read(cache, Numbers, DatabaseName.Of(connection)).Snapshot.Find("380445550101").Single().Party.ShortName;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return null;
        }
    }

    private static Task WaitFor(Func<bool> condition, string what, TimeSpan? timeout = null) => WaitFor(() => Task.FromResult(condition()), what, timeout);

    private static async Task WaitFor(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)), $"waited in vain for {what}");
            await Task.Delay(100);
        }
    }
}
