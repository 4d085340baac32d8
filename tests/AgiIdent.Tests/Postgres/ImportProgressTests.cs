using System.Text;
using System.Text.RegularExpressions;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using AgiIdent.Tests.Cli;
using AgiIdent.Tests.Server;
using Npgsql;

namespace AgiIdent.Tests.Postgres;

/// <summary>What <c>agiident import</c> says while and after it writes: counts through its progress hook, and a summary in the daemon's log format.</summary>
[Collection("postgres")]
public sealed partial class ImportProgressTests(PostgresFixture fixture)
{
    /// <summary>Receives every report on the writer's own thread, in order (<see cref="Progress{T}"/> would post them).</summary>
    private sealed class Recorder : IProgress<ImportProgress>
    {
        public List<ImportProgress> Reports { get; } = [];

        public void Report(ImportProgress value) => Reports.Add(value);
    }

    [PostgresFact]
    public async Task Import_ReportsPartiesThenNumbers_UpToWhatItWrote()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connection);
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        var file = Path.Combine(Path.GetTempPath(), $"agiident-progress-{Guid.NewGuid():N}.json");
        var parties = Enumerable.Range(1, 1300).Select(i =>
            $$"""{ "id": "P-{{i}}", "code": "{{i}}", "kind": "company", "name": "Фірма {{i}}", "flags": [], "phones": [ { "number": "+38044{{i + 1_000_000}}" } ] }""");
        await File.WriteAllTextAsync(file, $$"""{ "parties": [ {{string.Join(",\n", parties)}} ] }""", Encoding.UTF8);
        try
        {
            var content = DirectoryImporter.ReadFile(file, new NumberParser(NumberingPlan.For("UA"), null, null));
            var recorder = new Recorder();

            var result = await DirectoryImporter.ImportAsync(database, content, merge: false, ImportGuard.Forced, recorder, CancellationToken.None);

            var reports = recorder.Reports;
            Assert.Equal(new ImportProgress(0, 1300, 0, 1300), reports[0]);
            Assert.Equal(new ImportProgress(1300, 1300, result.Numbers, 1300), reports[^1]);
            Assert.Equal(1300, result.Numbers);
            // Every few hundred rows, never backwards, parties before numbers.
            Assert.InRange(reports.Count, 4, 10);
            Assert.All(reports.Zip(reports.Skip(1)), pair =>
                Assert.True(pair.Second.Parties >= pair.First.Parties && pair.Second.Numbers >= pair.First.Numbers && (pair.Second.Numbers == 0 || pair.Second.Parties == 1300), pair.ToString()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [PostgresFact]
    public async Task ImportVerb_WithoutATerminal_SummarisesInTheDaemonsLogFormat()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Directory"] = connection };
        Assert.Equal(0, (await AgiIdentProcess.RunAsync(["db", "migrate"], environment)).ExitCode);

        var import = await AgiIdentProcess.RunAsync(["import", TestServer.FixtureDirectory], environment);

        Assert.True(import.ExitCode == 0, import.Error);
        var lines = import.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.Matches(LogLine(), line));
        Assert.Contains(lines, l => l.Contains("[WRN] Import left out: party #6: \"id\" is missing or empty", StringComparison.Ordinal));
        Assert.Matches(@"\[INF\] Imported 9 parties with 10 numbers in \d+\.\d\d s; 2 rows or phones left out$", lines[^1]);
    }

    /// <summary>The daemon's line: <c>2026-12-01 23:11:49.494 [WRN] message</c>.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[(INF|WRN|ERR)\] \S")]
    internal static partial Regex LogLine();
}
