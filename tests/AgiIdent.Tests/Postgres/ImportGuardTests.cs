using System.Globalization;
using System.Text;
using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using AgiIdent.Tests.Cli;
using Npgsql;

namespace AgiIdent.Tests.Postgres;

/// <summary>
/// <c>agiident import</c> as an admin runs it, against a real PostgreSQL: a bad file (too few parties, none, a broken
/// quote) changes nothing and says why in one line; <c>--force</c> goes on.
/// </summary>
[Collection("postgres")]
public sealed class ImportGuardTests(PostgresFixture fixture) : IDisposable
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("agiident-import-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    [PostgresFact]
    public async Task ImportThatWouldRemoveMostOfTheDirectory_ChangesNothing_SaysWhyInOneLine_UnlessForced()
    {
        var (environment, database) = await MigratedAsync();
        await using var _ = database;
        Assert.Equal(0, (await Import(environment, Csv("all", 40))).ExitCode);

        var refused = await Import(environment, Csv("few", 5));
        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("The file would remove 35 of the 40 parties of the directory (88%), more than AgiIdent:Import:MaxRemovedPercent (50%) allows, so nothing was changed.", line, StringComparison.Ordinal);
        Assert.Contains("--force", line, StringComparison.Ordinal);
        Assert.Equal(40L, await Count(database));
        Assert.Equal("Сторона 40", await Name(database, "p-40"));

        // The key is read: 30 % lets through less than the default does.
        var strict = new Dictionary<string, string>(environment) { ["AgiIdent__Import__MaxRemovedPercent"] = "30" };
        Assert.Equal(1, (await Import(strict, Csv("most", 25))).ExitCode);
        Assert.Equal(40L, await Count(database));
        Assert.Equal(0, (await Import(environment, Csv("most", 25))).ExitCode);
        Assert.Equal(25L, await Count(database));

        // A merge removes nothing, however small the file.
        var merged = await Import(environment, Csv("one", 1), "--merge");
        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Equal(25L, await Count(database));

        var forced = await Import(environment, Csv("few", 5), "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Contains("Imported 5 parties", forced.Output, StringComparison.Ordinal);
        Assert.Equal(5L, await Count(database));
    }

    [PostgresFact]
    public async Task ImportOfAFileWithNoParty_ChangesNothing_UnlessForced()
    {
        var (environment, database) = await MigratedAsync();
        await using var _ = database;
        Assert.Equal(0, (await Import(environment, Csv("three", 3))).ExitCode);

        // Fewer parties than the guard's floor would pass it: an empty file is stopped all the same.
        var headerOnly = await Import(environment, Write("empty.csv", "id,name,phone\n"));
        Assert.Equal(1, headerOnly.ExitCode);
        Assert.Contains("The file holds no party, so nothing was changed: importing it would remove all 3 parties of the directory", headerOnly.Error, StringComparison.Ordinal);
        var rejected = await Import(environment, Write("rejected.json", """{ "parties": [ { "id": "x" } ] }"""));
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("party #1 (x): \"name\" is missing or empty", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("The file holds no party (1 rows or phones left out)", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(3L, await Count(database));

        var forced = await Import(environment, Write("empty.json", """{ "parties": [] }"""), "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(0L, await Count(database));
    }

    [PostgresFact]
    public async Task CsvWithAnUnclosedQuote_NamesTheLineItOpened_AndChangesNothing()
    {
        var (environment, database) = await MigratedAsync();
        await using var _ = database;
        Assert.Equal(0, (await Import(environment, Csv("three", 3))).ExitCode);

        var broken = await Import(environment, Write("broken.csv", "id,name,phone\np-1,\"Сторона 1,0447000001\np-2,\"Сторона 2\",0447000002\n"));
        Assert.Equal(2, broken.ExitCode);
        Assert.StartsWith("line 2: the quote that opens field 2 (\"name\") is never closed", broken.Error, StringComparison.Ordinal);
        Assert.Equal(3L, await Count(database));
    }

    [Fact]
    public async Task MaxRemovedPercentOutOfRange_NamesTheKey_Exit2()
    {
        var import = await AgiIdentProcess.RunAsync(["import", Csv("one", 1)], new Dictionary<string, string> { ["AgiIdent__Import__MaxRemovedPercent"] = "0" });
        Assert.Equal(2, import.ExitCode);
        Assert.Contains("AgiIdent:Import:MaxRemovedPercent: 0 is out of range; allowed 1..100", import.Error, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Regression_DuplicateAfterASkippedParty_IsNamedByItsPositionInTheFile_InFileOrder()
    {
        var (_, database) = await MigratedAsync();
        await using var __ = database;
        const string json = """
            { "parties": [
              { "id": "a", "name": "Перший" },
              { "id": "b" },
              { "id": "c", "name": "Третій" },
              { "id": "a", "name": "Знову перший" },
              { "name": "Без id" }
            ] }
            """;
        var content = DirectoryJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Numbers);
        var imported = await DirectoryImporter.ImportAsync(database, content, merge: false, ImportGuard.Default, CancellationToken.None);
        Assert.Equal(2, imported.Parties);
        Assert.Equal(
            ["party #2 (b): \"name\" is missing or empty", "party #4 (a): the id appears again (first as party #1); this one is left out", "party #5: \"id\" is missing or empty"],
            imported.Rejects.Select(r => r.ToString()));
    }

    private async Task<(Dictionary<string, string> Environment, NpgsqlDataSource Database)> MigratedAsync()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        var database = NpgsqlDataSource.Create(connection);
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        return (new Dictionary<string, string> { ["ConnectionStrings__Directory"] = connection }, database);
    }

    private static Task<(int ExitCode, string Output, string Error)> Import(Dictionary<string, string> environment, string file, params string[] options) =>
        AgiIdentProcess.RunAsync(["import", file, .. options], environment);

    /// <summary>A CSV of parties p-1 to p-<paramref name="count"/>, one phone each.</summary>
    private string Csv(string name, int count)
    {
        var csv = new StringBuilder("id,name,phone\n");
        for (var i = 1; i <= count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"p-{i},Сторона {i},04470{i:00000}\n");
        }

        return Write(name + ".csv", csv.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<long> Count(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM agiident.party");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string?> Name(NpgsqlDataSource database, string id)
    {
        await using var command = database.CreateCommand("SELECT name FROM agiident.party WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return (string?)await command.ExecuteScalarAsync();
    }
}
