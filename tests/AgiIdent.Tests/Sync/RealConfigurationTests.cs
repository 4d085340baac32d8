using System.Globalization;
using System.Text;
using AgiIdent.Fake1C;
using AgiIdent.Sync;
using AgiIdent.Tests.Postgres;
using AgiIdent.Tests.Server;

namespace AgiIdent.Tests.Sync;

/// <summary>
/// The sync against fakes built from the metadata of real configurations (tests/AgiIdent.Fake1C/Metadata, each
/// fixture read from a public configuration dump): every preset and version README names syncs end to end, the
/// infobase is checked before a run, and what is missing is said all at once.
/// </summary>
[Collection("postgres")]
public sealed class RealConfigurationTests(PostgresFixture fixture)
{
    /// <summary>Each fixture with the preset that is for it.</summary>
    public static TheoryData<string, string> Versions => new()
    {
        { "UT11", Fake1CSchema.Ut115 },
        { "UT11", Fake1CSchema.Ut11520 },
        { "UT11", Fake1CSchema.Ut114 },
        { "UT11", Fake1CSchema.Erp25 },
        { "UT11", Fake1CSchema.Ka25 },
        { "BP30", Fake1CSchema.Bp30 },
        { "BP30", Fake1CSchema.BpKz },
        { "UNF3", Fake1CSchema.Unf30 },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void EveryFieldEveryPresetReads_IsInTheFixtureOfEveryVersionItIsFor(string preset, string version)
    {
        var schema = Fake1CSchema.Load(version);
        var metadata = new ODataMetadata(schema.Sets.Keys.Select(ODataMetadata.PublishedName).Distinct(StringComparer.Ordinal), schema.Sets);
        var editions = SyncMapping.Editions(new SyncOptions { Preset = Enum.Parse<SyncPreset>(preset) });
        var (mapping, check) = ODataReplicator.Choose(editions, metadata, "http://1c/", flags: true);
        Assert.True(check.Fits, check.Summary());
        // An optional set (the additional-information register, hierarchical property values) is read where the
        // version has it: then its fields must be there too.
        foreach (var need in mapping.Needs(flags: true).Where(n => n.Required || schema.Sets.ContainsKey(n.Set)))
        {
            var select = check.Select(need.Set);
            Assert.True(select is not null, $"{version}: {need.Set} is not read");
            Assert.All(need.Fields, field => Assert.Contains(field, select!));
            Assert.All(select!, field => Assert.True(schema.Has(need.Set, field), $"{version}: {need.Set}.{field}"));
        }

        // The Kazakh edition is chosen only where its objects are.
        Assert.Equal(version == Fake1CSchema.BpKz, mapping.PhoneRegister is not null);
    }

    [Fact]
    public void AFieldTheVersionLacks_IsNamed_WithThePresetAndTheVersionsItIsFor()
    {
        var schema = Fake1CSchema.Load(Fake1CSchema.Ut114);
        var sets = schema.Sets.ToDictionary(static s => s.Key, static s => s.Value, StringComparer.Ordinal);
        sets[Ut11Facts.CustomersSet] = [.. sets[Ut11Facts.CustomersSet].Where(static f => f != "ОсновнойМенеджер_Key")];
        var metadata = new ODataMetadata(sets.Keys.Select(ODataMetadata.PublishedName).Distinct(StringComparer.Ordinal), sets);
        var (_, check) = ODataReplicator.Choose(SyncMapping.Editions(new SyncOptions { Preset = SyncPreset.UT11 }), metadata, "http://1c/", flags: false);
        Assert.False(check.Fits);
        var summary = check.Summary();
        Assert.Contains($"{Ut11Facts.CustomersSet}.ОсновнойМенеджер_Key (customers)", summary, StringComparison.Ordinal);
        Assert.Contains("preset UT11", summary, StringComparison.Ordinal);
        Assert.Contains("(Управление торговлей 11.4/11.5, Комплексная автоматизация 2, ERP 2)", summary, StringComparison.Ordinal);
        Assert.Contains("agiident sync --detect", summary, StringComparison.Ordinal);
        var report = check.Report();
        Assert.Contains("Fields preset UT11 reads that this infobase lacks (Управление торговлей 11.4/11.5, Комплексная автоматизация 2, ERP 2 have them", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UT11")]
    [InlineData("BP30")]
    [InlineData("UNF3")]
    public void ReadmeAndSyncMd_NameEveryObjectThePresetReads(string preset)
    {
        var readme = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "README.md"));
        var sync = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "docs", "SYNC.md"));
        foreach (var edition in SyncMapping.Editions(new SyncOptions { Preset = Enum.Parse<SyncPreset>(preset) }))
        {
            foreach (var need in edition.Needs(flags: true))
            {
                // Tabular sections are described once for all (`X_КонтактнаяИнформация`): their catalog is named.
                var documented = need.Set.EndsWith(SyncMapping.ContactInformationSuffix, StringComparison.Ordinal) ? need.Set[..^SyncMapping.ContactInformationSuffix.Length]
                    : need.Set.EndsWith(SyncMapping.AttributesSuffix, StringComparison.Ordinal) ? need.Set[..^SyncMapping.AttributesSuffix.Length]
                    : need.Set;
                Assert.Contains($"`{documented}", sync, StringComparison.Ordinal);
                // README's table names the object to tick by its 1C name (Catalog_Партнеры: `Партнеры`).
                var published = ODataMetadata.PublishedName(need.Set);
                var name = published[(published.IndexOf('_', StringComparison.Ordinal) + 1)..].Split('_')[0];
                Assert.Contains($"`{name}`", readme, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AllEightFixtures_AreCarried_WithTheirSource_AndRunByTheTests()
    {
        Assert.Equal(8, Fake1CSchema.All.Count);
        Assert.Equal(Fake1CSchema.All.Order(StringComparer.Ordinal), Versions.Select(static v => (string)v[1]).Order(StringComparer.Ordinal));
        Assert.Equal("КомплекснаяАвтоматизация", Fake1CSchema.Load(Fake1CSchema.Ka25).Configuration);
        // docs/SYNC.md names every version the presets were checked against.
        var sync = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "docs", "SYNC.md"));
        Assert.All(Fake1CSchema.All, id => Assert.Contains(id[(id.IndexOf('-', StringComparison.Ordinal) + 1)..], sync, StringComparison.Ordinal));
        Assert.All(Fake1CSchema.All, id => Assert.StartsWith("github:", Fake1CSchema.Load(id).Source, StringComparison.Ordinal));
        Assert.StartsWith("2.4", Fake1CSchema.Load(Fake1CSchema.Ut114).Bsp, StringComparison.Ordinal);
        Assert.False(Fake1CSchema.Load(Fake1CSchema.Ut114).Has("Catalog_Партнеры_КонтактнаяИнформация", "Значение"));
        Assert.False(Fake1CSchema.Load(Fake1CSchema.Ut115).Has("AccumulationRegister_РасчетыСКлиентами/Balance", "Партнер_Key"));
    }

    [Fact]
    public void TheFake_RefusesAFieldOrSetTheRealConfigurationLacks()
    {
        var infobase = new Fake1CInfobase(Fake1CSchema.Load(Fake1CSchema.Ut115));
        Assert.Contains("has no field Партнер_Key", Assert.Throws<ArgumentException>(() => infobase.AddSet(Ut11Facts.DebtSet, "Партнер_Key")).Message, StringComparison.Ordinal);
        Assert.Contains("has no set", Assert.Throws<ArgumentException>(() => infobase.AddSet("Catalog_КонтактныеЛица")).Message, StringComparison.Ordinal);
        infobase.AddSet(Ut11Facts.CustomersSet);
        Assert.Throws<ArgumentException>(() => infobase.AddRow(Ut11Facts.CustomersSet, new Dictionary<string, object?> { ["IsFolder"] = true }));
    }

    [Theory]
    [InlineData("AccumulationRegister_РасчетыСКлиентами/Balance?$format=json&$select=Партнер_Key,СуммаBalance", "Партнер_Key")]
    [InlineData("Catalog_Партнеры?$format=json&$select=Ref_Key&$filter=IsFolder eq false", "IsFolder")]
    [InlineData("Catalog_Партнеры?$format=json&$select=Ref_Key&$orderby=Owner_Key", "Owner_Key")]
    public async Task TheFake_Answers400_ForAFieldTheRealConfigurationLacks_InSelectFilterOrOrderby(string request, string field)
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11());
        using var client = new HttpClient { BaseAddress = server.Url };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Fake1CServer.DefaultUser + ":" + Fake1CServer.DefaultPassword)));
        var response = await client.GetAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("odata.error", body, StringComparison.Ordinal);
        Assert.Contains(field, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFakesMetadata_ReadsBackAsItsFixture_VirtualTablesIncluded()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut114));
        using var client = new ODataClient(Options(server));
        var published = await client.ReadServiceDocumentAsync(CancellationToken.None);
        Assert.Contains("AccumulationRegister_РасчетыСКлиентами", published);
        Assert.DoesNotContain(published, static s => s.Contains('/', StringComparison.Ordinal));
        var wanted = new HashSet<string>(server.Infobase.SetNames, StringComparer.Ordinal);
        var fields = await client.ReadMetadataAsync(wanted, CancellationToken.None);
        var schema = Fake1CSchema.Load(Fake1CSchema.Ut114);
        Assert.Equal(wanted.Order(StringComparer.Ordinal), fields.Keys.Order(StringComparer.Ordinal));
        Assert.All(wanted, set => Assert.Equal(schema.Sets[set], fields[set]));
    }

    [PostgresTheory]
    [InlineData(Fake1CSchema.Ut115)]
    [InlineData(Fake1CSchema.Ut11520)]
    [InlineData(Fake1CSchema.Ut114)]
    [InlineData(Fake1CSchema.Erp25)]
    [InlineData(Fake1CSchema.Ka25)]
    public async Task Ut11_EveryVersion_SyncsEndToEnd(string version)
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(version), "UT11");
        var result = await sync.RunAsync();
        Assert.True(result.Parties > 20, $"{result.Parties} parties");
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(sync.Connection));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCaller);
        Assert.Equal("$* ТОВ \"Ромашка\"", romashka["CALLERID(name)"]);
        Assert.Equal(Ut11Facts.RomashkaManagerExtension, romashka["AGIIDENT_MANAGER_EXT"]);
        // БСП 2.4 names the properties "title (set)": the flags are found by their title in every version.
        Assert.Equal("Prepayment,VIP", romashka["AGIIDENT_FLAGS"]);
        // Through the analytics keys: the register names no partner.
        Assert.Equal(SyncSetup.Money(Ut11Facts.RomashkaDebtUah), romashka["AGIIDENT_DEBT"]);
        // Current БСП keeps phones as JSON, БСП 2.4 as XML in ЗначенияПолей: both identify.
        Assert.Equal(Ut11Facts.ContactPersonName, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ContactPersonCaller))["AGIIDENT_CONTACT"]);
        Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.OtherCaller))["AGIIDENT_STATUS"]);
        // Under Другое a JSON Значение with an empty value falls through to Представление, which holds the number.
        Assert.Equal(Ut11Facts.OtherRef, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.OtherEmptyValueCaller)).GetValueOrDefault("AGIIDENT_ID"));
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.PredefinedCaller))["AGIIDENT_STATUS"]);
        Assert.False((await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.LeftManagerCustomerCaller)).ContainsKey("AGIIDENT_MANAGER_EXT"));
        // A stored number that cannot be read is reported with the customer's code and name, which an admin can find in 1C.
        var junkCode = (string)sync.OneC.Infobase[Ut11Facts.CustomersSet].Rows().Single(static r => Equals(r["Ref_Key"], Ut11Facts.JunkRef))["Code"]!;
        Assert.Contains(result.RejectSamples, r => r.Contains($"customer {junkCode} «{Ut11Facts.JunkName}»", StringComparison.Ordinal) && r.Contains("тел. 067...", StringComparison.Ordinal));
        Assert.Equal(0, sync.OneC.EncodedSlashes);
    }

    /// <summary>
    /// Every version of every preset, sync → PostgreSQL → daemon → a call: the screen text, the manager's extension
    /// where the edition has managers, the flags (one of them a value of a hierarchical list) and the debt.
    /// </summary>
    [PostgresTheory]
    [MemberData(nameof(Versions))]
    public async Task EveryVersion_ShowsTheCustomerOnTheScreen_WithManagerFlagsAndDebt(string preset, string version)
    {
        var expected = Expected(preset, version);
        await using var sync = await SyncSetup.StartAsync(
            fixture, expected.Data, preset,
            ("AgiIdent:Numbering:Country", expected.Country),
            ("AgiIdent:Sync:Flags:" + Fake1CProperties.Industry + "=" + Fake1CProperties.Wholesale, "Wholesale"));
        await sync.RunAsync();
        var settings = PostgresDirectoryTests.Postgres(sync.Connection);
        settings["AgiIdent:Numbering:Country"] = expected.Country;
        await using var daemon = await TestServer.StartAsync(settings);

        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, expected.Caller);
        Assert.Equal("FOUND", romashka["AGIIDENT_STATUS"]);
        Assert.Equal(expected.Screen, romashka["CALLERID(name)"]);
        Assert.Equal(expected.ManagerExtension, romashka.GetValueOrDefault("AGIIDENT_MANAGER_EXT"));
        // Wholesale is a value of Отрасль, a hierarchical list (Catalog_ЗначенияСвойствОбъектовИерархия).
        Assert.Equal("Prepayment,VIP,Wholesale", romashka["AGIIDENT_FLAGS"]);
        Assert.Equal(SyncSetup.Money(expected.Debt), romashka["AGIIDENT_DEBT"]);

        // Blocked comes from the additional-information register, which Бухгалтерия для Казахстана does not have.
        var blocked = await FakeAsterisk.CallAsync(daemon.EndPoint, expected.BlockedCaller);
        var register = Fake1CSchema.Load(version).Sets.ContainsKey(Fake1CProperties.InformationSet);
        Assert.Equal((register ? "X " : string.Empty) + expected.BlockedScreen, blocked["CALLERID(name)"]);
    }

    private sealed record ScreenCase(Fake1CInfobase Data, string Country, string Caller, string Screen, string? ManagerExtension, decimal Debt, string BlockedCaller, string BlockedScreen);

    private static ScreenCase Expected(string preset, string version) => preset switch
    {
        "UT11" => new(Fake1CDatasets.Ut11(version), "UA", Ut11Facts.RomashkaCaller, "$* ТОВ \"Ромашка\"", Ut11Facts.RomashkaManagerExtension, Ut11Facts.RomashkaDebtUah, Ut11Facts.BlockedCaller, "ТОВ \"Борг-Плюс\""),
        // The Kazakh edition has no responsible user: no manager.
        "BP30" => new(Fake1CDatasets.Bp30(version), "RU", Bp30Facts.RomashkaCaller, "$* ООО \"Ромашка\"", version == Fake1CSchema.BpKz ? null : Bp30Facts.ResponsibleExtension, Bp30Facts.RomashkaDebt, Bp30Facts.BlockedCaller, "ООО \"Долг-Плюс\""),
        "UNF3" => new(Fake1CDatasets.Unf3(version), "RU", Unf3Facts.RomashkaCaller, "$* ООО \"Ромашка\"", Unf3Facts.RomashkaManagerExtension, Unf3Facts.RomashkaDebt, Unf3Facts.BlockedCaller, "ООО \"Должник\""),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };

    [PostgresFact]
    public async Task Bp30_ResponsibleUserIsTheManager_AndUsersOwnContactsAreNobodys()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Bp30(), "BP30", ("AgiIdent:Numbering:Country", "RU"));
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(SyncSetup.Ru(PostgresDirectoryTests.Postgres(sync.Connection)));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.RomashkaCaller);
        Assert.Equal(Bp30Facts.ResponsibleName, romashka["AGIIDENT_MANAGER"]);
        Assert.Equal(Bp30Facts.ResponsibleExtension, romashka["AGIIDENT_MANAGER_EXT"]);
        Assert.Equal(SyncSetup.Money(Bp30Facts.RomashkaDebt), romashka["AGIIDENT_DEBT"]);
        // Зоря's responsible user left (Недействителен): no calls go to him.
        Assert.False((await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.ZaryaCaller)).ContainsKey("AGIIDENT_MANAGER_EXT"));
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.PersonalContactCaller))["AGIIDENT_STATUS"]);
        Assert.Equal(Bp30Facts.ContactPersonName, (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.ContactPersonCaller))["AGIIDENT_CONTACT"]);
        // The account condition keeps its slash: Apache in front of 1C would refuse %2F.
        Assert.Equal(0, sync.OneC.EncodedSlashes);
        Assert.Contains(sync.OneC.RequestLog, static r => r.StartsWith(Bp30Facts.DebtSet + "(AccountCondition='Account/Code eq ''62.01''", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task BpKazakhstan_PhonesFromTheRegister_Debt1210And3510_SyncsEndToEnd()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.BpKz(), "BP30", ("AgiIdent:Numbering:Country", "RU"));
        var result = await sync.RunAsync();
        Assert.True(result.Parties > 10, $"{result.Parties} parties");
        await using var daemon = await TestServer.StartAsync(SyncSetup.Ru(PostgresDirectoryTests.Postgres(sync.Connection, refreshSeconds: 1)));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.RomashkaCaller);
        Assert.Equal("FOUND", romashka["AGIIDENT_STATUS"]);
        Assert.Equal(Bp30Facts.RomashkaFullName, romashka["AGIIDENT_NAME"]);
        Assert.Equal("Prepayment,VIP", romashka["AGIIDENT_FLAGS"]);
        Assert.Equal(SyncSetup.Money(Bp30Facts.RomashkaDebt), romashka["AGIIDENT_DEBT"]);
        Assert.False(romashka.ContainsKey("AGIIDENT_MANAGER"));
        Assert.Equal(Bp30Facts.ContactPersonName, (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.ContactPersonCaller))["AGIIDENT_CONTACT"]);
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.PersonalContactCaller))["AGIIDENT_STATUS"]);
        Assert.Equal("person", await sync.ScalarAsync<string>($"SELECT kind FROM agiident.party WHERE id = '{Bp30Facts.PersonRef}'"));
        Assert.Contains(sync.OneC.RequestLog, static r => r.StartsWith("AccountingRegister_Типовой/Balance(AccountCondition='Account/Code eq ''1210'' or Account/Code eq ''3510''')", StringComparison.Ordinal));

        // A phone changed in the register (no versions there) reaches a call at the next incremental run, alone.
        Assert.Equal(1, sync.OneC.Infobase.UpdateWhere(Bp30Facts.KazakhPhonesSet, "Объект", Bp30Facts.BlockedRef, "Представление", "+7 (727) 300-20-10"));
        var next = await sync.RunAsync();
        Assert.False(next.Full);
        Assert.Equal(1, next.Changed);
        Assert.Equal(Bp30Facts.BlockedRef, (await WaitForAsync(daemon, "77273002010", static v => v.ContainsKey("AGIIDENT_ID")))["AGIIDENT_ID"]);
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.BlockedCaller))["AGIIDENT_STATUS"]);
    }

    [PostgresFact]
    public async Task Unf3_ContactsBelongThroughTheLinkRegister_TheLatestRecordCounts()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Unf3(), "UNF3", ("AgiIdent:Numbering:Country", "RU"));
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(SyncSetup.Ru(PostgresDirectoryTests.Postgres(sync.Connection, refreshSeconds: 1)));
        var contact = await FakeAsterisk.CallAsync(daemon.EndPoint, Unf3Facts.ContactPersonCaller);
        Assert.Equal(Unf3Facts.VoskhodRef, contact["AGIIDENT_ID"]);
        Assert.Equal(Unf3Facts.ContactPersonName, contact["AGIIDENT_CONTACT"]);
        // Linked in 2022, the link marked invalid in 2024: no longer Voskhod's.
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Unf3Facts.FormerContactCaller))["AGIIDENT_STATUS"]);

        // Re-linked to Romashka in 1C: only the register changed, the contact's DataVersion did not.
        var builder = sync.OneC.Infobase;
        builder.AddRow(Unf3Facts.LinksSet, new Dictionary<string, object?>
        {
            ["Period"] = "2025-05-01T00:00:00",
            ["Контрагент_Key"] = Unf3Facts.RomashkaRef,
            ["Контакт_Key"] = Unf3Facts.FormerContactRef,
            ["Должность"] = "Снабженец",
            ["СвязьНедействительна"] = false,
            ["Порядок"] = 1,
        });
        Assert.False((await sync.RunAsync()).Full);
        var relinked = await WaitForAsync(daemon, Unf3Facts.FormerContactCaller, static v => v.GetValueOrDefault("AGIIDENT_ID") == Unf3Facts.RomashkaRef);
        Assert.Equal(Unf3Facts.RomashkaRef, relinked["AGIIDENT_ID"]);
    }

    [PostgresFact]
    public async Task TheMetadata_IsReadOnFullRuns_NotOnIncrementalOnes()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        Assert.Contains("$metadata?", sync.OneC.RequestLog);
        sync.OneC.ResetLog();
        Assert.False((await sync.RunAsync()).Full);
        Assert.DoesNotContain("$metadata?", sync.OneC.RequestLog);
        // The service document still comes first on every run.
        Assert.Equal("?$format=json", sync.OneC.RequestLog[0]);
        sync.OneC.ResetLog();
        Assert.True((await sync.RunAsync(forceFull: true)).Full);
        Assert.Contains("$metadata?", sync.OneC.RequestLog);
    }

    [PostgresFact]
    public async Task Regression_SettingsThatNeedOtherSets_ReadTheMetadataAgain_NotTheCachedOne()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var flags = sync.Settings.Where(static s => s.Key.StartsWith("AgiIdent:Sync:Flags:", StringComparison.Ordinal)).ToList();
        foreach (var flag in flags)
        {
            sync.Settings.Remove(flag.Key);
        }

        await sync.RunAsync();
        // Flags need the property sets, which the cached metadata (read for a run without flags) does not describe.
        sync.With([.. flags.Select(static f => (f.Key, f.Value!))]);
        sync.OneC.ResetLog();
        await sync.RunAsync();
        Assert.Contains("$metadata?", sync.OneC.RequestLog);
        Assert.Contains("Prepayment", await sync.ScalarAsync<string>($"SELECT flags::text FROM agiident.party WHERE id = '{Ut11Facts.RomashkaRef}'"), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AFailedRun_IsRecorded_AndTheNextReadsTheMetadataAgain()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11", ("AgiIdent:Sync:OData:Retries", "0"));
        await sync.RunAsync();
        sync.OneC.Fault = static request => request.EntitySet == Ut11Facts.CustomersSet ? Fake1CFault.Error(500, "Ошибка СУБД") : null;
        await Assert.ThrowsAsync<SyncException>(() => sync.RunAsync());
        Assert.Contains("Ошибка СУБД", await sync.ScalarAsync<string>("SELECT last_error FROM agiident.sync_state"), StringComparison.Ordinal);
        Assert.True(await sync.ScalarAsync<bool>("SELECT metadata IS NULL FROM agiident.sync_state"));

        sync.OneC.Fault = null;
        sync.OneC.ResetLog();
        Assert.False((await sync.RunAsync()).Full);
        Assert.Contains("$metadata?", sync.OneC.RequestLog);
        Assert.True(await sync.ScalarAsync<bool>("SELECT last_error IS NULL AND metadata IS NOT NULL FROM agiident.sync_state"));
    }

    [PostgresFact]
    public async Task Ut11_ADebtUnderANewAnalyticsKey_ReachesItsPartner_OnAnIncrementalRun()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        Assert.Equal(0m, await sync.ScalarAsync<decimal>($"SELECT coalesce(debt, 0) FROM agiident.party WHERE id = '{Ut11Facts.NoManagerRef}'"));
        // A first sale to this partner from the second organization: 1C makes a new key and a register row.
        var key = Fake1CRef.Of("ut11/key/new");
        sync.OneC.Infobase.AddRow(Ut11Facts.KeysSet, new Dictionary<string, object?>
        {
            ["Ref_Key"] = key,
            ["DeletionMark"] = false,
            ["Predefined"] = false,
            ["Description"] = "Ключ аналитики",
            ["Партнер_Key"] = Ut11Facts.NoManagerRef,
            ["Организация_Key"] = Ut11Facts.SecondOrganizationRef,
        });
        sync.OneC.Infobase.AddRow(Ut11Facts.DebtSet, new Dictionary<string, object?>
        {
            [Ut11Facts.DebtKeyField] = key,
            ["ОбъектРасчетов_Key"] = Fake1CRef.Empty,
            ["Валюта_Key"] = Ut11Facts.UahRef,
            ["СуммаBalance"] = 321.5m,
        });
        sync.OneC.ResetLog();
        var result = await sync.RunAsync();
        Assert.False(result.Full);
        Assert.Equal(1, result.Changed);
        Assert.Equal(321.5m, await sync.ScalarAsync<decimal>($"SELECT debt FROM agiident.party WHERE id = '{Ut11Facts.NoManagerRef}'"));
        // Only the unknown key was asked for.
        Assert.Contains(sync.OneC.RequestLog, r => r.StartsWith(Ut11Facts.KeysSet + "?", StringComparison.Ordinal) && r.Contains($"Ref_Key eq guid'{key}'", StringComparison.Ordinal));
        Assert.DoesNotContain(sync.OneC.RequestLog, r => r.StartsWith(Ut11Facts.KeysSet + "?", StringComparison.Ordinal) && !r.Contains("$filter=", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task UnpublishedSetsAndMissingFields_AreReportedAllAtOnce_AndNothingIsWritten()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        var before = await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party");
        Assert.True(sync.OneC.Infobase.Unpublish(Ut11Facts.KeysSet));
        Assert.True(sync.OneC.Infobase.Unpublish("AccumulationRegister_РасчетыСКлиентами"));
        sync.OneC.ResetLog();
        var error = await Assert.ThrowsAsync<SyncException>(() => sync.RunAsync());
        Assert.Contains("Справочник «Ключи аналитики учета по партнерам» (Catalog_КлючиАналитикиУчетаПоПартнерам)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Регистр накопления «Расчеты с клиентами» (AccumulationRegister_РасчетыСКлиентами)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Настройка стандартного интерфейса OData", error.Message, StringComparison.Ordinal);
        // Nothing but the service document and the metadata was asked for.
        Assert.All(sync.OneC.RequestLog, static r => Assert.True(r.StartsWith('?') || r.StartsWith("$metadata", StringComparison.Ordinal), r));
        Assert.Equal(before, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party"));

        // A field the configuration lacks (a Custom mapping's typo) and a set it lacks, in one message.
        await using var custom = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "Custom",
            ("AgiIdent:Sync:Custom:Customers", Ut11Facts.CustomersSet),
            ("AgiIdent:Sync:Custom:Manager", "Менеджер_Key"),
            ("AgiIdent:Sync:Custom:Managers", Ut11Facts.UsersSet),
            ("AgiIdent:Sync:Custom:Contacts", "Catalog_КонтактныеЛица"));
        var both = await Assert.ThrowsAsync<SyncException>(() => custom.RunAsync());
        Assert.Contains("Catalog_Партнеры.Менеджер_Key", both.Message, StringComparison.Ordinal);
        Assert.Contains("(Catalog_КонтактныеЛица)", both.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AWrongBaseUrl_IsReportedAsAWrongUrl_NotAsAnUnpublishedSet()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        sync.Settings["AgiIdent:Sync:OData:Url"] = new Uri(sync.OneC.Url, "/trade/odata/").ToString();
        var error = await Assert.ThrowsAsync<SyncException>(() => sync.RunAsync());
        Assert.Contains("is not the OData root of a 1C infobase", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Add it to the OData composition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEncodedSlash_IsRefusedByTheFake_AsApacheRefusesIt()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Bp30());
        using var client = new HttpClient { BaseAddress = server.Url };
        var response = await client.GetAsync("AccountingRegister_%D0%A5%D0%BE%D0%B7%D1%80%D0%B0%D1%81%D1%87%D0%B5%D1%82%D0%BD%D1%8B%D0%B9/Balance(AccountCondition='Account%2FCode%20eq%20''62.01''')?$format=json");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, server.EncodedSlashes);
    }

    [PostgresFact]
    public async Task CheckAndDetect_RealExecutable_SayWhatFitsAndWhatIsMissing()
    {
        await using var ut114 = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut114));
        var detected = await RunAsync(ut114, ["sync", "--detect"], preset: null);
        Assert.True(detected.ExitCode == 0, detected.Output + detected.Error);
        Assert.Contains("Preset UT11 fits", detected.Output, StringComparison.Ordinal);
        Assert.Contains("БСП 2.4", detected.Output, StringComparison.Ordinal);
        Assert.Contains("AgiIdent__Sync__Preset=UT11", detected.Output, StringComparison.Ordinal);

        await using var kz = await Fake1CServer.StartAsync(Fake1CDatasets.BpKz());
        var kazakh = await RunAsync(kz, ["sync", "--detect"], preset: null);
        Assert.Contains("Preset BP30 fits: Бухгалтерия для Казахстана 3.0", kazakh.Output, StringComparison.Ordinal);

        await using var unf = await Fake1CServer.StartAsync(Fake1CDatasets.Unf3());
        Assert.Contains("Preset UNF3 fits", (await RunAsync(unf, ["sync", "--detect"], preset: null)).Output, StringComparison.Ordinal);

        var fits = await RunAsync(ut114, ["sync", "--check"], "UT11");
        Assert.True(fits.ExitCode == 0, fits.Output + fits.Error);
        Assert.Contains("OK: 1C at", fits.Output, StringComparison.Ordinal);
        Assert.Contains("Not in this version, not read: Catalog_Партнеры_КонтактнаяИнформация.Значение.", fits.Output, StringComparison.Ordinal);

        ut114.Infobase.Unpublish(Ut11Facts.KeysSet);
        ut114.Infobase.Unpublish(Ut11Facts.UsersSet);
        var missing = await RunAsync(ut114, ["sync", "--check"], "UT11");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Справочник «Ключи аналитики учета по партнерам» (Catalog_КлючиАналитикиУчетаПоПартнерам)", missing.Output, StringComparison.Ordinal);
        Assert.Contains("Справочник «Пользователи» (Catalog_Пользователи)", missing.Output, StringComparison.Ordinal);

        // The wrong preset for the infobase: every missing set of it, and the way to find the right one.
        var wrong = await RunAsync(unf, ["sync", "--check"], "UT11");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("(Catalog_Партнеры)", wrong.Output, StringComparison.Ordinal);
        Assert.Contains("(AccumulationRegister_РасчетыСКлиентами)", wrong.Output, StringComparison.Ordinal);

        var usage = await RunAsync(unf, ["sync", "--check", "--detect"], "UNF3");
        Assert.NotEqual(0, usage.ExitCode);
        Assert.Contains("one at a time", usage.Error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Fake1CServer server, string[] arguments, string? preset)
    {
        var environment = new Dictionary<string, string>
        {
            ["AgiIdent__Sync__OData__Url"] = server.Url.ToString(),
            ["AgiIdent__Sync__OData__User"] = Fake1CServer.DefaultUser,
            ["AgiIdent__Sync__OData__Password"] = Fake1CServer.DefaultPassword,
        };
        if (preset is not null)
        {
            environment["AgiIdent__Sync__Preset"] = preset;
        }

        return await AgiIdent.Tests.Cli.AgiIdentProcess.RunAsync(arguments, environment);
    }

    private static ODataOptions Options(Fake1CServer server) => new()
    {
        Url = server.Url.ToString(),
        User = Fake1CServer.DefaultUser,
        Password = Fake1CServer.DefaultPassword,
    };

    private static async Task<Dictionary<string, string>> WaitForAsync(TestServer daemon, string caller, Func<Dictionary<string, string>, bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var variables = await FakeAsterisk.CallAsync(daemon.EndPoint, caller);
            if (condition(variables) || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                return variables;
            }

            await Task.Delay(100);
        }
    }

}
