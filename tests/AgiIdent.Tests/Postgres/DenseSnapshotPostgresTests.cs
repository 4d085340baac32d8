using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Npgsql;

namespace AgiIdent.Tests.Postgres;

/// <summary>The full load streamed into the dense store: phones joined to their parties in PostgreSQL's id order.</summary>
[Collection("postgres")]
public sealed class DenseSnapshotPostgresTests(PostgresFixture fixture)
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [PostgresFact]
    public async Task FullLoad_JoinsEveryPhoneToItsParty_WhateverTheIdsAndWithPartiesWithoutPhonesBetween()
    {
        // Ids that sort differently in UTF-16 and in UTF-8 bytes (a surrogate pair against U+E000), GUIDs in both
        // cases, digits, and parties without phones before, between and after the others.
        string[] ids = ["0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E", "000123", "a", "B", "é", "z", "𝔸x", "\uE000y", "ё", "zz"];
        var parties = ids.Select((id, i) => new Party(id, "C" + i, PartyKind.Company, "Назва " + id, null, [], null, null, null, null, new Dictionary<string, string>(), false,
            i % 3 == 1 ? [] : [new PartyPhone($"044 700 {i:00} 00", null, null, Numbers.ParseStored($"044700{i:00}00").Numbers)])).ToArray();
        await using var database = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await DirectoryImporter.ImportAsync(database, new DirectoryFileContent(parties, []), merge: false, ImportGuard.Default, CancellationToken.None);

        var load = await new DirectoryLoader(database, Numbers).LoadAllAsync(CancellationToken.None);

        Assert.Equal(ids.Length, load.Snapshot.PartyCount);
        Assert.Equal(ids.Order(StringComparer.Ordinal), load.Snapshot.Parties.Select(p => p.Id).Order(StringComparer.Ordinal));
        for (var i = 0; i < ids.Length; i++)
        {
            var found = load.Snapshot.Find($"38044700{i:00}00");
            if (i % 3 == 1)
            {
                Assert.Empty(found);
            }
            else
            {
                Assert.Equal("Назва " + ids[i], Assert.Single(found).Party.Name);
            }
        }
    }

    [PostgresFact]
    public async Task Regression_ADatabaseNotInUtf8_LosesNoPhone()
    {
        // WIN1251 sorts ё (0xB8) before а (0xE0) under COLLATE "C"; UTF-8 sorts а (D0 B0) before ё (D1 91). The walk
        // that joins phones to parties in UTF-8 order passed а behind ё, which has no phone, and dropped а's phone.
        string[] ids = ["ё", "а", "я", "b"];
        var parties = ids.Select((id, i) => new Party(id, "C" + i, PartyKind.Company, "Назва " + id, null, [], null, null, null, null, new Dictionary<string, string>(), false,
            id == "ё" ? [] : [new PartyPhone($"044 701 {i:00} 00", null, null, Numbers.ParseStored($"044701{i:00}00").Numbers)])).ToArray();
        await using var database = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync("ENCODING 'WIN1251' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"));
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await DirectoryImporter.ImportAsync(database, new DirectoryFileContent(parties, []), merge: false, ImportGuard.Default, CancellationToken.None);

        var load = await new DirectoryLoader(database, Numbers).LoadAllAsync(CancellationToken.None);

        Assert.Equal(ids.Length, load.Snapshot.PartyCount);
        for (var i = 1; i < ids.Length; i++)
        {
            Assert.Equal(ids[i], Assert.Single(load.Snapshot.Find($"38044701{i:00}00")).Party.Id);
        }
    }
}
