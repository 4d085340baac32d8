using System.Diagnostics;
using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using AgiIdent.Tests.Server;
using Npgsql;
using AgiIdent.Settings;

namespace AgiIdent.Tests.Postgres;

/// <summary>The PostgreSQL directory against a real server: schema, import, snapshot and direct modes through real calls.</summary>
[Collection("postgres")]
public sealed class PostgresDirectoryTests(PostgresFixture fixture)
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [PostgresFact]
    public async Task Migrate_OnAnEmptyDatabase_ThenAgain_ThenRefusesANewerSchema()
    {
        await using var database = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());
        Assert.Equal((0, SchemaMigrator.LatestVersion), await SchemaMigrator.MigrateAsync(database, CancellationToken.None));
        Assert.Equal((SchemaMigrator.LatestVersion, SchemaMigrator.LatestVersion), await SchemaMigrator.MigrateAsync(database, CancellationToken.None));

        await Execute(database, "INSERT INTO agiident.schema_version (version) VALUES (999)");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(database, CancellationToken.None));
        Assert.Contains("version 999, newer than this AgiIdent", refused.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Import_MessyJson_ReportsRejects_ThenMergeAndReplace()
    {
        await using var database = await MigratedDatabaseAsync();
        var imported = await DirectoryImporter.ImportAsync(database, DirectoryImporter.ReadFile(TestServer.FixtureDirectory, Numbers), merge: false, ImportGuard.Default, CancellationToken.None);
        Assert.Equal(9, imported.Parties);
        Assert.Contains(imported.Rejects, r => r.ToString().StartsWith("party #6: \"id\" is missing", StringComparison.Ordinal));
        Assert.Contains(imported.Rejects, r => r.PartyId == "77777777-7777-4777-8777-777777777777" && r.Reason.Contains("letters", StringComparison.Ordinal));
        Assert.Equal(9L, await Scalar<long>(database, "SELECT count(*) FROM agiident.party"));

        var merge = Content(new Party("new-1", "N1", PartyKind.Company, "Merged In", null, [], null, null, null, null, new Dictionary<string, string>(), false,
            [new PartyPhone("0447770001", null, null, Numbers.ParseStored("0447770001").Numbers)]));
        await DirectoryImporter.ImportAsync(database, merge, merge: true, ImportGuard.Default, CancellationToken.None);
        Assert.Equal(10L, await Scalar<long>(database, "SELECT count(*) FROM agiident.party"));
        Assert.Equal("380447770001", await Scalar<string>(database, "SELECT e164 FROM agiident.phone WHERE party_id = 'new-1'"));

        var generation = await Scalar<long>(database, "SELECT generation FROM agiident.meta");
        await DirectoryImporter.ImportAsync(database, merge, merge: false, ImportGuard.Default, CancellationToken.None);
        Assert.Equal(1L, await Scalar<long>(database, "SELECT count(*) FROM agiident.party"));
        Assert.Equal(generation + 1, await Scalar<long>(database, "SELECT generation FROM agiident.meta"));
    }

    [PostgresFact]
    public async Task Import_Csv_WithLineNumbersInRejects()
    {
        const string csv = """"
            id,code,kind,name,flags,debt,manager_name,manager_ext,phone,contact,attr:hint
            c-1,001,company,"ТОВ ""Кома, і лапки""",VIP;Prepayment,100.50,Коваленко О.,101,+38 (044) 700-00-01,,"Дзвонити
            зранку"
            c-1,,,,,,,,067 700 00 02,Мельник Андрій,
            c-2,002,robot,Bad Kind,,,,,0447000003,,
            ,003,company,No Id,,,,,0447000004,,
            c-4,004,company,Junk Phone,,,,,Иван Петрович,,
            c-5,005,company,Wrong Width,,,
            """";
        var content = DirectoryCsv.Read(new StringReader(csv), Numbers);
        var first = Assert.Single(content.Parties, p => p.Id == "c-1");
        Assert.Equal("ТОВ \"Кома, і лапки\"", first.Name);
        Assert.Equal(["VIP", "Prepayment"], first.Flags);
        Assert.Equal("Дзвонити\nзранку", first.Attributes["hint"]);
        Assert.Equal(2, first.Phones.Count);
        Assert.Contains(content.Rejects, r => r.ToString() == "line 5 (c-2): \"kind\" is 'robot'; expected 'company' or 'person'");
        Assert.Contains(content.Rejects, r => r.ToString() == "line 6: \"id\" is empty");
        Assert.Contains(content.Rejects, r => r.ToString().StartsWith("line 7 (c-4): phone left out: letters", StringComparison.Ordinal));
        Assert.Contains(content.Rejects, r => r.ToString() == "line 8 (c-5): 7 fields where the header has 11");

        await using var database = await MigratedDatabaseAsync();
        var imported = await DirectoryImporter.ImportAsync(database, content, merge: false, ImportGuard.Default, CancellationToken.None);
        Assert.Equal(2, imported.Parties);
        Assert.Equal(2L, await Scalar<long>(database, "SELECT count(*) FROM agiident.phone WHERE party_id = 'c-1'"));
    }

    [PostgresFact]
    public async Task SnapshotMode_AnswersCalls_AndSeesAChangeWithinASecondThroughNotify()
    {
        var connection = await ImportedDatabaseAsync();
        await using var server = await TestServer.StartAsync(Postgres(connection, refreshSeconds: 3600));
        var before = await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        Assert.Equal("T-001", before["AGIIDENT_CODE"]);
        Assert.Equal("snapshot", before["AGIIDENT_SOURCE"]);
        Assert.Equal("Сидоренко Ольга", (await FakeAsterisk.CallAsync(server.EndPoint, "0675550202"))["AGIIDENT_CONTACT"]);

        await using var database = NpgsqlDataSource.Create(connection);
        await Execute(database, "UPDATE agiident.party SET short_name = 'Renamed By 1C' WHERE code = 'T-001'");
        var changed = Stopwatch.StartNew();
        await WaitForScreen(server, "0445550101", "$* Renamed By 1C");
        Assert.True(changed.Elapsed < TimeSpan.FromSeconds(3), $"the change took {changed.Elapsed} to reach calls");

        await Execute(database, "DELETE FROM agiident.party WHERE code = 'T-001'");
        await WaitForStatus(server, "0445550101", "NOTFOUND");
    }

    [PostgresFact]
    public async Task SnapshotMode_WithoutNotify_PicksUpChangesByPolling()
    {
        var connection = await ImportedDatabaseAsync();
        await using var server = await TestServer.StartAsync(Postgres(connection, refreshSeconds: 1));
        await using var database = NpgsqlDataSource.Create(connection);
        await Execute(database, "ALTER TABLE agiident.party DISABLE TRIGGER party_notify; ALTER TABLE agiident.phone DISABLE TRIGGER phone_notify");
        await Execute(database, "INSERT INTO agiident.party (id, code, name) VALUES ('polled', 'P-1', 'Found By Polling'); INSERT INTO agiident.phone (party_id, position, raw, e164, suffix) VALUES ('polled', 0, '044 123 00 99', '380441230099', '441230099')");
        await WaitForScreen(server, "0441230099", "Found By Polling");
    }

    [PostgresFact]
    public async Task DirectMode_QueriesPerCall_FallsBackToTheLastAnswer_ThenError()
    {
        var server = await PostgresServer.StartAsync();
        await using (server)
        {
            var connection = await server.CreateDatabaseAsync();
            await ImportFixtureAsync(connection);
            await using var daemon = await TestServer.StartAsync(Postgres(connection, mode: "Direct"));
            var live = await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101");
            Assert.Equal("live", live["AGIIDENT_SOURCE"]);
            Assert.Equal("$* ТОВ \"Тест-Сервіс\"", live["CALLERID(name)"]);
            Assert.Equal("T-008", (await FakeAsterisk.CallAsync(daemon.EndPoint, "+79165550808"))["AGIIDENT_CODE"]);

            await server.StopImmediateAsync();
            var stale = await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550101");
            Assert.Equal("stale", stale["AGIIDENT_SOURCE"]);
            Assert.Equal("T-001", stale["AGIIDENT_CODE"]);
            Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "ERROR" }, await FakeAsterisk.CallAsync(daemon.EndPoint, "0445550404"));
        }
    }

    [PostgresFact]
    public async Task CustomSql_OverTheAdminsOwnView_EndToEnd()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connection);
        await Execute(database, """
            CREATE TABLE crm_clients (ref uuid PRIMARY KEY, title text, tel text, boss text, vip boolean);
            INSERT INTO crm_clients VALUES ('0f8fad5b-d9cb-469f-a165-70867728950e', 'Клієнт З Вюхи', '380441112233', 'Бондар Сергій', true);
            CREATE VIEW crm_phones AS SELECT ref::text AS id, title AS name, tel AS e164, boss AS contact,
                CASE WHEN vip THEN ARRAY['VIP'] ELSE ARRAY[]::text[] END AS flags FROM crm_clients;
            """);
        const string sql = "SELECT id, name, contact, flags FROM crm_phones WHERE e164 = @e164";
        await using var server = await TestServer.StartAsync(Postgres(connection, mode: "Direct", customSql: sql));
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0441112233");
        Assert.Equal("* Клієнт З Вюхи", variables["CALLERID(name)"]);
        Assert.Equal("Бондар Сергій", variables["AGIIDENT_CONTACT"]);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", variables["AGIIDENT_ID"]);
        Assert.Equal("live", variables["AGIIDENT_SOURCE"]);

        var refused = await Assert.ThrowsAsync<AgiIdent.Settings.ConfigurationErrorsException>(() =>
            TestServer.StartAsync(Postgres(connection, mode: "Direct", customSql: "SELECT ref AS id, title FROM crm_clients WHERE tel = @e164")));
        Assert.Contains("AgiIdent:Directory:CustomSql: the query returns no column 'name'", refused.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Regression_Truncate_ReachesTheSnapshot_AsDoStagedRows()
    {
        var connection = await ImportedDatabaseAsync();
        await using var server = await TestServer.StartAsync(Postgres(connection, refreshSeconds: 3600));
        await using var database = NpgsqlDataSource.Create(connection);
        // An ETL that stages rows and copies them in: the copied rows must count as new, whatever their staging transaction.
        await Execute(database, """
            CREATE TABLE staging (LIKE agiident.party INCLUDING DEFAULTS);
            INSERT INTO staging (id, code, name) VALUES ('staged', 'S-9', 'Staged Party');
            """);
        // A refresh after the staging transaction moves the daemon's watermark past it.
        await Execute(database, "UPDATE agiident.party SET short_name = 'Moved On' WHERE code = 'T-005'");
        // T-003 shares the number too, but is marked deleted and a live party answers: +1, not +2.
        await WaitForScreen(server, "0445550404", "Moved On +1");
        await Execute(database, "INSERT INTO agiident.party SELECT * FROM staging; INSERT INTO agiident.phone (party_id, position, raw, e164, suffix) VALUES ('staged', 0, '044 999 00 11', '380449990011', '449990011')");
        await WaitForScreen(server, "0449990011", "Staged Party");

        await Execute(database, "TRUNCATE agiident.party CASCADE");
        await WaitForStatus(server, "0445550101", "NOTFOUND");
    }

    [PostgresFact]
    public async Task Regression_Import_NulInAName_DuplicateIdsNamedByTheirOwnPosition()
    {
        await using var database = await MigratedDatabaseAsync();
        Party Make(string id, string name) => new(id, id, PartyKind.Company, name, null, [], null, null, null, null, new Dictionary<string, string>(), false, []);
        var imported = await DirectoryImporter.ImportAsync(database, Content(Make("A", "ТОВ \u0000Ромашка"), Make("B", "B"), Make("A", "again"), Make("C", "C"), Make("C", "again")), merge: false, ImportGuard.Default, CancellationToken.None);
        Assert.Equal(3, imported.Parties);
        Assert.Equal("ТОВ Ромашка", await Scalar<string>(database, "SELECT name FROM agiident.party WHERE id = 'A'"));
        Assert.Contains(imported.Rejects, r => r.ToString() == "party #3 (A): the id appears again (first as party #1); this one is left out");
        Assert.Contains(imported.Rejects, r => r.ToString() == "party #5 (C): the id appears again (first as party #4); this one is left out");
    }

    [PostgresFact]
    public async Task Regression_DirectMode_PrefersTheContactPersonsPhone()
    {
        var connection = await ImportedDatabaseAsync();
        await using (var database = NpgsqlDataSource.Create(connection))
        {
            await Execute(database, "INSERT INTO agiident.phone (party_id, position, raw, contact, e164, suffix) VALUES ('11111111-1111-4111-8111-111111111111', 9, '044 555 01 01', 'Контакт Особа', '380445550101', '445550101')");
        }

        await using var server = await TestServer.StartAsync(Postgres(connection, mode: "Direct"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("Контакт Особа", (await FakeAsterisk.CallAsync(server.EndPoint, "0445550101"))["AGIIDENT_CONTACT"]);
        }
    }

    internal static Dictionary<string, string?> Postgres(string connection, int refreshSeconds = 30, string mode = "Snapshot", string? customSql = null, string? cacheFile = null) => new()
    {
        ["AgiIdent:Directory:Source"] = "Postgres",
        ["AgiIdent:Directory:Mode"] = mode,
        ["AgiIdent:Directory:RefreshSeconds"] = refreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AgiIdent:Directory:CustomSql"] = customSql,
        ["AgiIdent:Directory:CacheFile"] = cacheFile ?? Path.Combine(Path.GetTempPath(), "agiident-test-" + Guid.NewGuid().ToString("N") + ".cache"),
        ["AgiIdent:Directory:QueryTimeoutMs"] = "1000",
        ["ConnectionStrings:Directory"] = connection,
    };

    internal static async Task ImportFixtureAsync(string connection)
    {
        await using var database = NpgsqlDataSource.Create(connection);
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await DirectoryImporter.ImportAsync(database, DirectoryImporter.ReadFile(TestServer.FixtureDirectory, Numbers), merge: false, ImportGuard.Default, CancellationToken.None);
    }

    internal static async Task WaitForScreen(TestServer server, string caller, string screen)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var variables = await FakeAsterisk.CallAsync(server.EndPoint, caller);
            if (variables.TryGetValue("CALLERID(name)", out var shown) && shown == screen)
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), $"calls from {caller} still show '{shown}', not '{screen}': {string.Join(", ", variables.Select(v => $"{v.Key}={v.Value}"))}");
            await Task.Delay(50);
        }
    }

    internal static async Task WaitForStatus(TestServer server, string caller, string status)
    {
        var deadline = Stopwatch.StartNew();
        while ((await FakeAsterisk.CallAsync(server.EndPoint, caller))["AGIIDENT_STATUS"] != status)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), $"calls from {caller} never got {status}");
            await Task.Delay(50);
        }
    }

    internal static async Task Execute(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> ImportedDatabaseAsync()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        await ImportFixtureAsync(connection);
        return connection;
    }

    private async Task<NpgsqlDataSource> MigratedDatabaseAsync()
    {
        var database = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        return database;
    }

    private static DirectoryFileContent Content(params Party[] parties) => new(parties, []);

    private static async Task<T> Scalar<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
