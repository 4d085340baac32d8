using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AgiIdent.Tests.Postgres;

/// <summary>One party from the same row of the canonical schema, whichever mode reads it.</summary>
[Collection("postgres")]
public sealed class CanonicalSchemaTests(PostgresFixture fixture)
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    /// <summary>
    /// Direct mode made a manager of two empty texts where the snapshot (and the files) saw no manager: the same row
    /// gave two parties. A manager needs a name or an extension, in every mode.
    /// </summary>
    [PostgresFact]
    public async Task Regression_AManagerOfEmptyTexts_IsNoManager_InSnapshotAndDirectMode_AsInTheFiles()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await using (var insert = database.CreateCommand("""
            INSERT INTO agiident.party (id, code, name, manager_name, manager_ext) VALUES ('empty', 'E', 'Порожній', '', ''), ('ext', 'X', 'Лише номер', NULL, '101');
            INSERT INTO agiident.phone (party_id, position, raw, e164, suffix) VALUES ('empty', 0, '044 555 01 01', '380445550101', '445550101'), ('ext', 0, '044 555 01 02', '380445550102', '445550102');
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var snapshot = (await new DirectoryLoader(database, Numbers).LoadAllAsync(CancellationToken.None)).Snapshot;
        using var direct = new DirectQueryDirectory(database, Numbers, TimeSpan.FromSeconds(5), null, NullLogger<DirectQueryDirectory>.Instance);
        var file = DirectoryCsv.Read(new StringReader("id,name,manager_name,manager_ext,phone\nempty,Порожній,,,0445550101\next,Лише номер,,101,0445550102\n"), Numbers).Parties;

        foreach (var (number, index) in new[] { ("380445550101", 0), ("380445550102", 1) })
        {
            var fromSnapshot = Assert.Single(snapshot.Find(number)).Party.Manager;
            var fromDirect = Assert.Single((await direct.FindAsync(number, CancellationToken.None)).Matches).Party.Manager;
            Assert.Equal(file[index].Manager, fromSnapshot);
            Assert.Equal(file[index].Manager, fromDirect);
        }

        Assert.Null(file[0].Manager);
        Assert.Equal(new Manager(string.Empty, "101"), file[1].Manager);
    }
}
