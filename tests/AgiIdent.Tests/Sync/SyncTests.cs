using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AgiIdent.Directory.Postgres;
using AgiIdent.Fake1C;
using AgiIdent.Hosting;
using AgiIdent.Sync;
using AgiIdent.Tests.Postgres;
using AgiIdent.Tests.Server;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AgiIdent.Tests.Sync;

/// <summary>
/// Sync from the fake 1C OData server into a real PostgreSQL, then real FastAGI calls to a daemon reading what the
/// sync wrote: the whole path an admin sets up in "Connect to 1C".
/// </summary>
[Collection("postgres")]
public sealed class SyncTests(PostgresFixture fixture)
{
    [PostgresFact]
    public async Task Ut11_FullSync_ThenCalls_ShowScreenManagerFlagsAndDebt()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var result = await sync.RunAsync();
        Assert.True(result.Full);
        // Every named partner that is not a folder; the dataset's nameless row is rejected.
        var partners = sync.OneC.Infobase[Ut11Facts.CustomersSet].Rows()
            .Count(r => r["Predefined"] is not true && (!string.IsNullOrWhiteSpace(r["Description"] as string) || !string.IsNullOrWhiteSpace(r["НаименованиеПолное"] as string)));
        Assert.Equal(partners, result.Parties);
        Assert.Equal(partners, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party"));

        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(sync.Connection));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCaller);
        Assert.Equal("FOUND", romashka["AGIIDENT_STATUS"]);
        Assert.Equal(Ut11Facts.RomashkaRef, romashka["AGIIDENT_ID"]);
        Assert.Equal("$* ТОВ \"Ромашка\"", romashka["CALLERID(name)"]);
        Assert.Equal(Ut11Facts.RomashkaFullName, romashka["AGIIDENT_NAME"]);
        Assert.Equal(Ut11Facts.RomashkaManagerName, romashka["AGIIDENT_MANAGER"]);
        Assert.Equal(Ut11Facts.RomashkaManagerExtension, romashka["AGIIDENT_MANAGER_EXT"]);
        Assert.Equal("Prepayment,VIP", romashka["AGIIDENT_FLAGS"]);
        // Debt in the national currency is the sum of its rows (two organizations); dollars are an attribute of their own.
        Assert.Equal(SyncSetup.Money(Ut11Facts.RomashkaDebtUah), romashka["AGIIDENT_DEBT"]);
        Assert.Equal(SyncSetup.Money(Ut11Facts.RomashkaDebtUsd), await sync.ScalarAsync<string>($"SELECT attributes->>'debt_{Ut11Facts.UsdCode}' FROM agiident.party WHERE id = '{Ut11Facts.RomashkaRef}'"));
        // The counterparty's phone belongs to its partner.
        Assert.Equal(Ut11Facts.RomashkaRef, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCounterpartyCaller))["AGIIDENT_ID"]);

        var contact = await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ContactPersonCaller);
        Assert.Equal(Ut11Facts.ContactPersonOwnerRef, contact["AGIIDENT_ID"]);
        Assert.Equal(Ut11Facts.ContactPersonName, contact["AGIIDENT_CONTACT"]);
        Assert.False(contact.ContainsKey("AGIIDENT_FLAGS"), "Без оплаты не отгружать = false is no flag");

        // The manager's extension typed as "вн. 205" in his contact information.
        Assert.Equal(Ut11Facts.ShevchenkoExtension, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ExtensionCaller))["AGIIDENT_MANAGER_EXT"]);
        // A deletion-marked manager routes nowhere.
        var orphan = await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.DeletedManagerCustomerCaller);
        Assert.Equal("FOUND", orphan["AGIIDENT_STATUS"]);
        Assert.False(orphan.ContainsKey("AGIIDENT_MANAGER_EXT"));
        // A flag held in the additional information register, not in the object.
        Assert.Equal("Blocked", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.BlockedCaller))["AGIIDENT_FLAGS"]);
        Assert.DoesNotContain("VIP", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.TwoNumbersCallers[0])).GetValueOrDefault("AGIIDENT_FLAGS") ?? string.Empty, StringComparison.Ordinal);

        Assert.Equal("2", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.SharedCaller))["AGIIDENT_MATCHES"]);
        // The active duplicate wins over the deletion-marked one.
        Assert.Equal(Ut11Facts.DuplicateRef, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.DuplicateCaller))["AGIIDENT_ID"]);
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.DeletedContactCaller))["AGIIDENT_STATUS"]);
        foreach (var caller in new[] { Ut11Facts.XmlCaller, Ut11Facts.PresentationOnlyCaller, Ut11Facts.FaxCaller, Ut11Facts.OtherCaller, Ut11Facts.TwoNumbersCallers[1] })
        {
            Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, caller))["AGIIDENT_STATUS"]);
        }

        Assert.Equal("person", await sync.ScalarAsync<string>($"SELECT kind FROM agiident.party WHERE id = '{Ut11Facts.PersonRef}'"));
        // A predefined partner (РозничныйПокупатель) is no customer: not in the directory, its number identifies nobody.
        Assert.Equal(0L, await sync.ScalarAsync<long>($"SELECT count(*) FROM agiident.party WHERE id = '{Ut11Facts.PredefinedRef}'"));
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.PredefinedCaller))["AGIIDENT_STATUS"]);
        // A manager who left (Недействителен, not deletion-marked) gets no calls.
        var left = await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.LeftManagerCustomerCaller);
        Assert.Equal("FOUND", left["AGIIDENT_STATUS"]);
        Assert.False(left.ContainsKey("AGIIDENT_MANAGER_EXT"), "a user who left is routed to");
        // Junk in a phone field is reported with where it is; the text under "Другое" is no phone and no reject.
        Assert.Contains(result.RejectSamples, r => r.Contains(Ut11Facts.JunkRef, StringComparison.Ordinal) && r.Contains("тел. 067...", StringComparison.Ordinal));
        Assert.DoesNotContain(result.RejectSamples, r => r.Contains("Skype", StringComparison.Ordinal));
        Assert.Equal(Ut11Facts.JunkName, await sync.ScalarAsync<string>($"SELECT name FROM agiident.party WHERE id = '{Ut11Facts.JunkRef}'"));
    }

    [PostgresFact]
    public async Task ChangeIn1C_ReachesACall_AfterTheNextIncrementalSync_WhichReadsOnlyWhatChanged()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(sync.Connection, refreshSeconds: 3600));
        Assert.Equal("$* ТОВ \"Ромашка\"", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCaller))["CALLERID(name)"]);
        var zoryaChanged = await sync.ScalarAsync<DateTime>($"SELECT changed_at FROM agiident.party WHERE id = '{Ut11Facts.ZoryaRef}'");

        var onec = sync.OneC.Infobase;
        onec.Update(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef, "Description", "ТОВ «Ромашка-2»");
        onec.Update(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef, "ОсновнойМенеджер_Key", Ut11Facts.ShevchenkoRef);
        onec.Touch(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef);
        // A payment moves a balance without touching the partner: the register is compared, not versioned.
        Assert.Equal(1, onec.UpdateWhere(Ut11Facts.DebtSet, Ut11Facts.DebtKeyField, Ut11Facts.DebtKey(Ut11Facts.BlockedRef, Ut11Facts.MainOrganizationRef), "СуммаBalance", 1000m));
        sync.OneC.ResetLog();
        var result = await sync.RunAsync();

        Assert.False(result.Full);
        Assert.Equal(2, result.Changed);
        await PostgresDirectoryTests.WaitForScreen(daemon, Ut11Facts.RomashkaCaller, "$* ТОВ \"Ромашка-2\"");
        Assert.Equal(SyncSetup.Money(1000m), (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.BlockedCaller))["AGIIDENT_DEBT"]);
        Assert.Equal(SyncSetup.Money(Ut11Facts.PersonDebtUah), (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.PersonCaller))["AGIIDENT_DEBT"]);
        Assert.Equal(Ut11Facts.ShevchenkoExtension, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCaller))["AGIIDENT_MANAGER_EXT"]);
        // Objects come by reference only when their DataVersion moved; the rest are listed by Ref_Key and DataVersion.
        var byRomashka = $"$filter=Ref_Key eq guid'{Ut11Facts.RomashkaRef}'&";
        var partners = sync.OneC.RequestLog.Where(r => r.StartsWith(Ut11Facts.CustomersSet + "?", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, partners.Count);
        Assert.All(partners, r => Assert.True(r.Contains("$select=Ref_Key,DataVersion&", StringComparison.Ordinal) || r.Contains(byRomashka, StringComparison.Ordinal), r));
        var sections = sync.OneC.RequestLog.Where(r => r.StartsWith(Ut11Facts.CustomersSet + "_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sections);
        Assert.All(sections, r => Assert.Contains(byRomashka, r, StringComparison.Ordinal));
        Assert.DoesNotContain(sync.OneC.RequestLog, r => r.Contains(Ut11Facts.ZoryaRef, StringComparison.Ordinal));
        Assert.Equal(zoryaChanged, await sync.ScalarAsync<DateTime>($"SELECT changed_at FROM agiident.party WHERE id = '{Ut11Facts.ZoryaRef}'"));

        // Nothing moved: nothing is rewritten.
        Assert.Equal(0, (await sync.RunAsync()).Changed);
    }

    [PostgresFact]
    public async Task ObjectsThatVanishFrom1C_AreRemoved_AtTheNextSync()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(sync.Connection, refreshSeconds: 3600));
        Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.VanishingCaller))["AGIIDENT_STATUS"]);
        Assert.Equal(Ut11Facts.ContactPersonName, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ContactPersonCaller))["AGIIDENT_CONTACT"]);

        // "Delete marked objects" in 1C: the rows are simply gone, with their tabular sections.
        Assert.True(sync.OneC.Infobase.Remove(Ut11Facts.CustomersSet, Ut11Facts.VanishingRef));
        Assert.True(sync.OneC.Infobase.Remove(Ut11Facts.ContactsSet, Ut11Facts.ContactPersonRef));
        var result = await sync.RunAsync();

        Assert.False(result.Full);
        Assert.Equal(1, result.Removed);
        await PostgresDirectoryTests.WaitForStatus(daemon, Ut11Facts.VanishingCaller, "NOTFOUND");
        // The contact's phone went with the contact; the company is still there.
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ContactPersonCaller))["AGIIDENT_STATUS"]);
        Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ZoryaCaller))["AGIIDENT_STATUS"]);
        Assert.Equal(0L, await sync.ScalarAsync<long>($"SELECT count(*) FROM agiident.sync_object WHERE ref IN ('{Ut11Facts.VanishingRef}', '{Ut11Facts.ContactPersonRef}')"));
    }

    [PostgresFact]
    public async Task ACustomerWhoseNameWasErased_IsReported_AndKeepsItsLastGoodState_OnIncrementalAndFullRuns()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        sync.OneC.Infobase.Update(Ut11Facts.CustomersSet, Ut11Facts.ZoryaRef, "Description", "");
        sync.OneC.Infobase.Update(Ut11Facts.CustomersSet, Ut11Facts.ZoryaRef, "НаименованиеПолное", "");
        sync.OneC.Infobase.Touch(Ut11Facts.CustomersSet, Ut11Facts.ZoryaRef);

        foreach (var full in new[] { false, true })
        {
            var result = await sync.RunAsync(forceFull: full);
            Assert.Equal(full, result.Full);
            Assert.Contains(result.RejectSamples, r => r.Contains(Ut11Facts.ZoryaRef, StringComparison.Ordinal) && r.Contains("no name", StringComparison.Ordinal));
            Assert.Equal(0, result.Removed);
            Assert.Equal(Ut11Facts.ZoryaName, await sync.ScalarAsync<string>($"SELECT name FROM agiident.party WHERE id = '{Ut11Facts.ZoryaRef}'"));
        }
    }

    [PostgresFact]
    public async Task MostCustomersGoneAtOnce_StopsTheRun_UntilTheGuardIsLifted()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Large(100, 1), "UT11");
        // Predefined partners are no customers: two hundred of them must not dilute the share.
        for (var folder = 1; folder <= 200; folder++)
        {
            sync.OneC.Infobase.AddRow(Ut11Facts.CustomersSet, new Dictionary<string, object?>
            {
                ["Ref_Key"] = Fake1CRef.Numbered(9, folder),
                ["DeletionMark"] = false,
                ["Predefined"] = true,
                ["Description"] = $"Предопределенный {folder}",
            });
        }

        Assert.Equal(100, (await sync.RunAsync()).Parties);

        // The 1C user now sees 40 customers (its rights were cut, say): the directory keeps all 100.
        for (var index = 41; index <= 100; index++)
        {
            Assert.True(sync.OneC.Infobase.Remove(Ut11Facts.CustomersSet, Fake1CLargeInfobase.CustomerRef(index)));
        }

        var error = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.Contains("AgiIdent:Sync:MaxRemovedPercent (50%)", error.Message, StringComparison.Ordinal);
        Assert.Contains("removing 60", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{Fake1CServer.DefaultUser}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(100L, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party"));

        // Deleted for real: the admin lifts the guard for one run.
        var result = await sync.With(("AgiIdent:Sync:MaxRemovedPercent", "100")).RunAsync();
        Assert.Equal(60, result.Removed);
        Assert.Equal(40L, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party"));

        // Ten at a time never trips it, even when they are most of what is left.
        for (var index = 1; index <= 10; index++)
        {
            Assert.True(sync.OneC.Infobase.Remove(Ut11Facts.CustomersSet, Fake1CLargeInfobase.CustomerRef(index)));
        }

        Assert.Equal(10, (await sync.With(("AgiIdent:Sync:MaxRemovedPercent", "10")).RunAsync()).Removed);
    }

    [PostgresFact]
    public async Task AnotherCustomerCatalogInTheSettings_ReplacesTheDirectory_WithoutTrippingTheGuard()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Large(30, 1), "UT11");
        Assert.Equal(30, (await sync.RunAsync()).Parties);
        // The counterparties catalog instead of the partners: every partner leaves, by design.
        var result = await sync.With(("AgiIdent:Sync:Preset", "Custom"), ("AgiIdent:Sync:Custom:Customers", Ut11Facts.CounterpartiesSet)).RunAsync();
        Assert.True(result.Full);
        Assert.Equal(30, result.Removed);
    }

    [PostgresFact]
    public async Task Bp30_DebtComesFromAccount62Only_AndCounterpartiesWithContacts()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Bp30(), "BP30", ("AgiIdent:Numbering:Country", "RU"));
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(SyncSetup.Ru(PostgresDirectoryTests.Postgres(sync.Connection)));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.RomashkaCaller);
        Assert.Equal(Bp30Facts.RomashkaRef, romashka["AGIIDENT_ID"]);
        Assert.Equal(Bp30Facts.RomashkaFullName, romashka["AGIIDENT_NAME"]);
        Assert.Equal("Prepayment,VIP", romashka["AGIIDENT_FLAGS"]);
        // 62.01 and 62.02, not the 60.01 balance of the same counterparty as a supplier.
        Assert.Equal(SyncSetup.Money(Bp30Facts.RomashkaDebt), romashka["AGIIDENT_DEBT"]);
        Assert.Equal(SyncSetup.Money(0m), (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.SupplierCaller)).GetValueOrDefault("AGIIDENT_DEBT", SyncSetup.Money(0m)));
        Assert.Equal(SyncSetup.Money(Bp30Facts.PersonDebt), (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.PersonCaller))["AGIIDENT_DEBT"]);
        Assert.Equal(Bp30Facts.ContactPersonName, (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.ContactPersonCaller))["AGIIDENT_CONTACT"]);
        // A phone typed the trunk-prefix way in Russia still matches a caller's international number.
        Assert.Equal("2", (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.SharedCaller))["AGIIDENT_MATCHES"]);
        Assert.Equal("Blocked", (await FakeAsterisk.CallAsync(daemon.EndPoint, Bp30Facts.BlockedCaller))["AGIIDENT_FLAGS"]);
    }

    [PostgresFact]
    public async Task Unf3_ManagerAndExtension_FromEmployeesAndTheTelephonySettings()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Unf3(), "UNF3", ("AgiIdent:Numbering:Country", "RU"));
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(SyncSetup.Ru(PostgresDirectoryTests.Postgres(sync.Connection)));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Unf3Facts.RomashkaCaller);
        Assert.Equal(Unf3Facts.RomashkaManagerName, romashka["AGIIDENT_MANAGER"]);
        Assert.Equal(Unf3Facts.RomashkaManagerExtension, romashka["AGIIDENT_MANAGER_EXT"]);
        Assert.Equal(SyncSetup.Money(Unf3Facts.RomashkaDebt), romashka["AGIIDENT_DEBT"]);
        Assert.Equal("Prepayment,VIP", romashka["AGIIDENT_FLAGS"]);
        // A manager without telephony settings: the name, no extension to route to.
        var noExtension = await FakeAsterisk.CallAsync(daemon.EndPoint, Unf3Facts.NoExtensionManagerCustomerCaller);
        Assert.Equal(Unf3Facts.NovikovaName, noExtension["AGIIDENT_MANAGER"]);
        Assert.False(noExtension.ContainsKey("AGIIDENT_MANAGER_EXT"));
        Assert.Equal(Unf3Facts.ContactPersonName, (await FakeAsterisk.CallAsync(daemon.EndPoint, Unf3Facts.ContactPersonCaller))["AGIIDENT_CONTACT"]);
        Assert.False((await FakeAsterisk.CallAsync(daemon.EndPoint, Unf3Facts.NoManagerCaller)).ContainsKey("AGIIDENT_MANAGER"));
    }

    [PostgresFact]
    public async Task CustomPreset_FieldsFromConfiguration_LoadTheSameAsThePreset()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "Custom",
            ("AgiIdent:Sync:Custom:Customers", Ut11Facts.CustomersSet),
            ("AgiIdent:Sync:Custom:FullName", "НаименованиеПолное"),
            ("AgiIdent:Sync:Custom:Manager", "ОсновнойМенеджер_Key"),
            ("AgiIdent:Sync:Custom:Managers", Ut11Facts.UsersSet),
            ("AgiIdent:Sync:Custom:Contacts", Ut11Facts.ContactsSet));
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(sync.Connection));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCaller);
        Assert.Equal(Ut11Facts.RomashkaFullName, romashka["AGIIDENT_NAME"]);
        Assert.Equal(Ut11Facts.RomashkaManagerExtension, romashka["AGIIDENT_MANAGER_EXT"]);
        Assert.Equal(Ut11Facts.ContactPersonName, (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ContactPersonCaller))["AGIIDENT_CONTACT"]);
    }

    [PostgresFact]
    public async Task PagesOfOne_LoadExactlyWhatOnePageDoes_FullAndIncremental()
    {
        const string Parties = "SELECT string_agg(concat_ws('|', id, code, kind, name, short_name, flags, debt, manager_name, manager_ext, attributes, deleted), E'\\n' ORDER BY id) FROM agiident.party";
        const string Phones = "SELECT string_agg(concat_ws('|', party_id, position, raw, kind, contact, e164, suffix), E'\\n' ORDER BY party_id, position, suffix) FROM agiident.phone";
        await using var whole = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var expected = await whole.RunAsync();
        await using var paged = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11", ("AgiIdent:Sync:OData:PageSize", "1"));
        var result = await paged.RunAsync();
        Assert.Equal((expected.Parties, expected.Phones), (result.Parties, result.Phones));
        Assert.True(result.Requests > expected.Requests * 5, $"{result.Requests} requests with pages of 1, {expected.Requests} with pages of 1000");
        Assert.Contains(paged.OneC.RequestLog, r => r.EndsWith("&$top=1&$skip=1", StringComparison.Ordinal) && r.Contains("$orderby=", StringComparison.Ordinal));
        // A customer has several balance rows (keys, settlement objects, currencies): ordered by every dimension, $skip never skips or repeats one.
        Assert.Contains(paged.OneC.RequestLog, r => r.Contains(Ut11Facts.DebtSet, StringComparison.Ordinal) && r.Contains("$orderby=АналитикаУчетаПоПартнерам_Key,ОбъектРасчетов_Key,Валюта_Key&", StringComparison.Ordinal));
        Assert.Equal(await whole.ScalarAsync<string>(Parties), await paged.ScalarAsync<string>(Parties));
        Assert.Equal(await whole.ScalarAsync<string>(Phones), await paged.ScalarAsync<string>(Phones));

        foreach (var side in new[] { whole, paged })
        {
            side.OneC.Infobase.Update(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef, "Description", "ТОВ «Ромашка-2»");
            side.OneC.Infobase.Touch(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef);
            Assert.True(side.OneC.Infobase.Remove(Ut11Facts.CustomersSet, Ut11Facts.VanishingRef));
            Assert.False((await side.RunAsync()).Full);
        }

        Assert.Equal(await whole.ScalarAsync<string>(Parties), await paged.ScalarAsync<string>(Parties));
        Assert.Equal(await whole.ScalarAsync<string>(Phones), await paged.ScalarAsync<string>(Phones));
    }

    [PostgresFact]
    public async Task WrongPassword_NamesTheLogin()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11", ("AgiIdent:Sync:OData:Password", "не той"));
        var error = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{Fake1CServer.DefaultUser}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("password", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, sync.OneC.Requests);
    }

    [PostgresFact]
    public async Task EntitySetMissingFromTheODataComposition_IsNamed_WithHowToAddIt()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "Custom", ("AgiIdent:Sync:Custom:Customers", "Catalog_Клиенты"));
        var error = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.Contains("Catalog_Клиенты", error.Message, StringComparison.Ordinal);
        Assert.Contains("OData composition", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task FieldMissingFromTheObject_IsNamed_WithThePreset()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "Custom",
            ("AgiIdent:Sync:Custom:Customers", Ut11Facts.CustomersSet),
            ("AgiIdent:Sync:Custom:FullName", "ПолноеНаименование"));
        var error = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.Contains("ПолноеНаименование", error.Message, StringComparison.Ordinal);
        Assert.Contains(Ut11Facts.CustomersSet, error.Message, StringComparison.Ordinal);
        Assert.Contains("Custom", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A400_NamesAMissingField_OnlyWhenItsMessageNamesThatField()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        // "CodeBalance" is not the field Code that the preset reads: 1C's message is shown as it is.
        sync.OneC.Fault = request => request.EntitySet == Ut11Facts.CustomersSet ? Fake1CFault.Error(400, "Неправильный путь к данным: CodeBalance") : null;
        var other = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.DoesNotContain("has no field", other.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", other.Message, StringComparison.Ordinal);
        Assert.Contains("CodeBalance", other.Message, StringComparison.Ordinal);

        sync.OneC.Fault = request => request.EntitySet == Ut11Facts.CustomersSet ? Fake1CFault.Error(400, "Неправильный путь к данным: Code") : null;
        var named = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.Contains($"{Ut11Facts.CustomersSet} has no field Code, which the preset reads", named.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A1CErrorThatPersists_FailsTheRun_ShowingItsMessage_AndTheDirectoryStaysAsItWas()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11", ("AgiIdent:Sync:OData:Retries", "2"));
        await sync.RunAsync();
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(sync.Connection, refreshSeconds: 1));
        var before = await sync.ScalarAsync<string>("SELECT string_agg(id || name || coalesce(manager_ext, ''), ',' ORDER BY id) FROM agiident.party");

        // Changes that a run would write first, then 1C fails on the debt register, near the end.
        sync.OneC.Infobase.Update(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef, "Description", "Half-written");
        sync.OneC.Infobase.Touch(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef);
        sync.OneC.Infobase.Remove(Ut11Facts.CustomersSet, Ut11Facts.VanishingRef);
        const string Message = "Ошибка СУБД: недостаточно памяти";
        sync.OneC.ResetLog();
        sync.OneC.Fault = request => request.EntitySet.StartsWith("AccumulationRegister_", StringComparison.Ordinal) ? Fake1CFault.Error(500, Message) : null;
        var error = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);

        Assert.Contains(Message, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, sync.OneC.RequestLog.Count(r => r.Contains("AccumulationRegister_", StringComparison.Ordinal) || r.Contains(Uri.EscapeDataString("AccumulationRegister_"), StringComparison.Ordinal)));
        Assert.Equal(before, await sync.ScalarAsync<string>("SELECT string_agg(id || name || coalesce(manager_ext, ''), ',' ORDER BY id) FROM agiident.party"));
        Assert.Contains(Message, await sync.ScalarAsync<string>("SELECT last_error FROM agiident.sync_state"), StringComparison.Ordinal);
        Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.VanishingCaller))["AGIIDENT_STATUS"]);

        // 1C recovers: the next run writes everything the failed one had read.
        sync.OneC.Fault = null;
        await sync.RunAsync();
        await PostgresDirectoryTests.WaitForScreen(daemon, Ut11Facts.RomashkaCaller, "$* Half-written");
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.VanishingCaller))["AGIIDENT_STATUS"]);
        Assert.True(await sync.ScalarAsync<bool>("SELECT last_error IS NULL FROM agiident.sync_state"));
    }

    [PostgresFact]
    public async Task ADroppedConnection_MidRun_LeavesNothingHalfWritten()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11", ("AgiIdent:Sync:OData:Retries", "0"));
        sync.OneC.Fault = request => request.EntitySet.EndsWith(Fake1CInfobase.ContactInformationSuffix, StringComparison.Ordinal) ? Fake1CFault.Abort() : null;
        await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.Equal(0L, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party"));
        Assert.Equal(0L, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.sync_object"));
        Assert.True(await sync.ScalarAsync<bool>("SELECT last_success IS NULL FROM agiident.sync_state"));
    }

    [PostgresFact]
    public async Task AConnectionCutInTheMiddleOfAPage_IsRetried_AndTheRunSucceeds()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var clean = await sync.RunAsync(forceFull: true);
        var cut = 0;
        sync.OneC.Fault = request => request.EntitySet.EndsWith(Fake1CInfobase.ContactInformationSuffix, StringComparison.Ordinal) && Interlocked.CompareExchange(ref cut, 1, 0) == 0 ? Fake1CFault.Truncate() : null;
        sync.OneC.ResetLog();
        var result = await sync.RunAsync(forceFull: true);
        Assert.Equal(1, cut);
        Assert.Equal(clean.Requests + 1, result.Requests);
        Assert.Equal((clean.Parties, clean.Phones), (result.Parties, result.Phones));
    }

    [PostgresFact]
    public async Task AConnectionCutInTheMiddleOfAPage_WithoutRetries_FailsTheRun_WithAClearMessage()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11", ("AgiIdent:Sync:OData:Retries", "0"));
        sync.OneC.Fault = request => request.EntitySet.EndsWith(Fake1CInfobase.ContactInformationSuffix, StringComparison.Ordinal) ? Fake1CFault.Truncate() : null;
        var error = await Assert.ThrowsAsync<SyncException>(sync.RunAsync);
        Assert.True(error.Message.Contains("dropped", StringComparison.Ordinal), error.ToString());
        Assert.Contains(Fake1CInfobase.ContactInformationSuffix, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party"));

    }

    [PostgresFact]
    public async Task AnUnforeseenError_IsAFailedRun_NeverAnExceptionThatStopsTheDaemon()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        // Settings that validation would have refused: whatever throws, the run is a logged failure.
        var options = sync.Options();
        options.Numbering.Country = "XX";
        var status = new SyncStatus(3600);
        using var client = new ODataClient(options.Sync.OData);
        var run = await SyncRun.RunAsync(options.Sync, options.Numbering, sync.Database, client, forceFull: false, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, status, CancellationToken.None);
        Assert.Null(run);
        Assert.NotNull(status.LastError);
        Assert.True(status.Behind);
    }

    [PostgresFact]
    public async Task PartsTakenOutOfTheSettings_LeaveTheDirectory_AtTheNextSync()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        await sync.RunAsync();
        Assert.Equal("{Prepayment,VIP}", await sync.ScalarAsync<string>($"SELECT flags::text FROM agiident.party WHERE id = '{Ut11Facts.RomashkaRef}'"));

        // No flags any more, and a Custom mapping without contacts, managers or debt.
        foreach (var key in sync.Settings.Keys.Where(k => k.StartsWith("AgiIdent:Sync:Flags:", StringComparison.Ordinal)).ToList())
        {
            sync.Settings.Remove(key);
        }

        var result = await sync.With(("AgiIdent:Sync:Preset", "Custom"), ("AgiIdent:Sync:Custom:Customers", Ut11Facts.CustomersSet), ("AgiIdent:Sync:Custom:FullName", "НаименованиеПолное")).RunAsync();
        Assert.True(result.Full);
        Assert.Equal(0L, await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party WHERE flags <> '{}' OR debt IS NOT NULL OR manager_name IS NOT NULL OR attributes <> '{}'"));
        Assert.Equal(0L, await sync.ScalarAsync<long>("SELECT (SELECT count(*) FROM agiident.sync_flag) + (SELECT count(*) FROM agiident.sync_debt) + (SELECT count(*) FROM agiident.sync_manager) + (SELECT count(*) FROM agiident.sync_object WHERE role <> 'customer')"));
        await using var daemon = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(sync.Connection));
        var romashka = await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.RomashkaCaller);
        Assert.Equal("FOUND", romashka["AGIIDENT_STATUS"]);
        Assert.False(romashka.ContainsKey("AGIIDENT_FLAGS"));
        Assert.False(romashka.ContainsKey("AGIIDENT_MANAGER_EXT"));
        Assert.Equal("NOTFOUND", (await FakeAsterisk.CallAsync(daemon.EndPoint, Ut11Facts.ContactPersonCaller))["AGIIDENT_STATUS"]);
    }

    [PostgresFact]
    public async Task OneServerErrorMidRun_IsRetried_AndTheRunSucceeds()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var clean = await sync.RunAsync(forceFull: true);
        sync.OneC.ResetLog();
        var failed = 0;
        sync.OneC.Fault = request => request.Number == 4 && Interlocked.Increment(ref failed) == 1 ? Fake1CFault.Error(503, "Сервер 1С:Предприятия перегружен") : null;
        var result = await sync.RunAsync(forceFull: true);
        Assert.Equal(1, failed);
        Assert.Equal(clean.Parties, result.Parties);
        Assert.Equal(clean.Requests + 1, result.Requests);
    }

    [PostgresFact]
    public async Task ASlowResponse_TimesOut_AndIsRetried()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11", ("AgiIdent:Sync:OData:TimeoutSeconds", "1"));
        var slowed = 0;
        sync.OneC.Fault = request => request.Number == 2 && Interlocked.Increment(ref slowed) == 1 ? Fake1CFault.Delay(TimeSpan.FromSeconds(30)) : null;
        var clock = Stopwatch.StartNew();
        var result = await sync.RunAsync();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), "the slow request was waited for up to its timeout");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the slow request was not cut at its timeout ({clock.Elapsed})");
        Assert.Equal(1, slowed);
        Assert.True(result.Parties > 0);
    }

    [PostgresFact]
    public async Task TwoSyncsAtOnce_TheSecondIsSkipped_NotCountedAFailure()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        using var hold = new SemaphoreSlim(0);
        sync.OneC.Fault = request => request.Number == 3 && hold.Wait(TimeSpan.FromSeconds(20)) ? null : null;
        var first = sync.RunAsync();
        await WaitUntil(() => sync.OneC.Requests >= 3);

        var skipped = await Assert.ThrowsAsync<SyncSkippedException>(sync.RunAsync);
        Assert.Contains("another sync is writing to this database", skipped.Message, StringComparison.Ordinal);
        // As the daemon runs it: logged as skipped, nothing recorded as an error, no failure in the metrics.
        var status = new SyncStatus(3600);
        var wasSkipped = false;
        var options = sync.Options();
        using var client = new ODataClient(options.Sync.OData);
        var run = await SyncRun.RunAsync(options.Sync, options.Numbering, sync.Database, client, forceFull: false, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, status, CancellationToken.None, () => wasSkipped = true);
        Assert.Null(run);
        Assert.True(wasSkipped);
        Assert.Null(status.LastError);
        Assert.True(await sync.ScalarAsync<bool>("SELECT last_error IS NULL FROM agiident.sync_state"));
        Assert.Equal(3, sync.OneC.Requests);

        hold.Release();
        Assert.True((await first).Parties > 0);
    }

    [PostgresFact]
    public async Task ChangedMappingSettings_ForceAFullRun()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        Assert.True((await sync.RunAsync()).Full);
        Assert.False((await sync.RunAsync()).Full);
        var remapped = sync.With(("AgiIdent:Sync:Flags:" + Fake1CProperties.Segment, "Segment"));
        Assert.True((await remapped.RunAsync()).Full);
        Assert.False((await remapped.RunAsync()).Full);
        Assert.True((await remapped.RunAsync(forceFull: true)).Full);

        // Renamed in 1C, the property no longer is the one the flag maps: no object changed, yet the flag goes.
        Assert.Contains("Prepayment", await sync.ScalarAsync<string>($"SELECT flags::text FROM agiident.party WHERE id = '{Ut11Facts.RomashkaRef}'"), StringComparison.Ordinal);
        // БСП renames both: the title the user edits and the Description made of it.
        sync.OneC.Infobase.Update(SyncMapping.Properties, Ut11Facts.PrepaymentPropertyRef, "Заголовок", "Без оплаты не отгружать (не используется)");
        sync.OneC.Infobase.Update(SyncMapping.Properties, Ut11Facts.PrepaymentPropertyRef, "Description", "Без оплаты не отгружать (не используется)");
        Assert.True((await remapped.RunAsync()).Full);
        var flags = await sync.ScalarAsync<string>($"SELECT flags::text FROM agiident.party WHERE id = '{Ut11Facts.RomashkaRef}'");
        Assert.DoesNotContain("Prepayment", flags, StringComparison.Ordinal);
        Assert.Contains("VIP", flags, StringComparison.Ordinal);
        Assert.False((await remapped.RunAsync()).Full);

        // The same for a value: "VIP" renamed is no longer the value the flag waits for.
        sync.OneC.Infobase.Update(SyncMapping.PropertyValues, Ut11Facts.VipValueRef, "Description", "Ключовий");
        Assert.True((await remapped.RunAsync()).Full);
        Assert.DoesNotContain("VIP", await sync.ScalarAsync<string>($"SELECT flags::text FROM agiident.party WHERE id = '{Ut11Facts.RomashkaRef}'"), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task BackgroundSync_InTheDaemon_FeedsCalls_Metrics_AndReadiness()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var settings = sync.DaemonSettings();
        settings["AgiIdent:Http"] = "127.0.0.1:0";
        await using var daemon = await TestServer.StartAsync(settings);
        await PostgresDirectoryTests.WaitForScreen(daemon, Ut11Facts.RomashkaCaller, "$* ТОВ \"Ромашка\"");
        using var http = new HttpClient { BaseAddress = new Uri($"http://{daemon.Host.HttpEndPoint}") };
        // The run commits before it is counted: a call can see its data a moment before the metrics do.
        await WaitUntil(() => http.GetStringAsync("/metrics").Result.Contains("agiident_sync_runs_total{result=\"success\"} 1\n", StringComparison.Ordinal));
        Assert.Equal(0, (await PrometheusText.ScrapeAsync(http)).Value("agiident_sync_behind"));
        using var ready = JsonDocument.Parse(await http.GetStringAsync("/health/ready"));
        Assert.Equal("ready", ready.RootElement.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, ready.RootElement.GetProperty("sync").GetProperty("lastSuccess").ValueKind);

        // A daemon whose 1C login is wrong still answers calls from the directory, and says the sync is behind.
        settings["AgiIdent:Sync:OData:Password"] = "не той";
        await using var failing = await TestServer.StartAsync(settings);
        using var failingHttp = new HttpClient { BaseAddress = new Uri($"http://{failing.Host.HttpEndPoint}") };
        await WaitUntil(() => failingHttp.GetStringAsync("/metrics").Result.Contains("agiident_sync_runs_total{result=\"failure\"} 1\n", StringComparison.Ordinal));
        var response = await failingHttp.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stale = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("stale", stale.RootElement.GetProperty("status").GetString());
        Assert.Contains(Fake1CServer.DefaultUser, stale.RootElement.GetProperty("sync").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(failing.EndPoint, Ut11Facts.RomashkaCaller))["AGIIDENT_STATUS"]);
    }

    [PostgresFact]
    public async Task SyncVerb_RealExecutable_ExitCodes()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var environment = sync.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? string.Empty);
        environment["ConnectionStrings__Directory"] = sync.Connection;
        var ok = await AgiIdent.Tests.Cli.AgiIdentProcess.RunAsync(["sync", "--full"], environment);
        Assert.True(ok.ExitCode == 0, ok.Output + ok.Error);
        Assert.Contains("full", ok.Output, StringComparison.Ordinal);
        Assert.True(await sync.ScalarAsync<long>("SELECT count(*) FROM agiident.party") > 0);

        // Another run holds the database (here: a session holding the sync's lock): skipped, not failed.
        await using (var holder = new NpgsqlConnection(sync.Connection))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4573002)", holder, transaction))
            {
                await take.ExecuteScalarAsync();
            }

            var busy = await AgiIdent.Tests.Cli.AgiIdentProcess.RunAsync(["sync"], environment);
            Assert.True(busy.ExitCode == 0, busy.Output + busy.Error);
            Assert.Contains("skipped: another sync is writing to this database", busy.Output, StringComparison.Ordinal);
            // An asked-for full run that did not happen fails the job.
            var busyFull = await AgiIdent.Tests.Cli.AgiIdentProcess.RunAsync(["sync", "--full"], environment);
            Assert.Equal(1, busyFull.ExitCode);
            Assert.Contains("The full run did not happen", busyFull.Error, StringComparison.Ordinal);
        }

        environment["AgiIdent__Sync__OData__Password"] = "не той";
        environment["AgiIdent__Sync__OData__Retries"] = "0";
        var denied = await AgiIdent.Tests.Cli.AgiIdentProcess.RunAsync(["sync"], environment);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains(Fake1CServer.DefaultUser, denied.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("не той", denied.Output + denied.Error, StringComparison.Ordinal);

        environment.Remove("AgiIdent__Sync__Preset");
        var unset = await AgiIdent.Tests.Cli.AgiIdentProcess.RunAsync(["sync"], environment);
        Assert.Equal(2, unset.ExitCode);
        Assert.Contains("AgiIdent:Sync:Preset", unset.Error, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task SyncVerb_WithoutATerminal_LogsProgressEveryFewSeconds_AndTheSummary_InTheDaemonsFormat()
    {
        await using var sync = await SyncSetup.StartAsync(fixture, Fake1CDatasets.Ut11(), "UT11");
        var environment = sync.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? string.Empty);
        environment["ConnectionStrings__Directory"] = sync.Connection;
        // A slow 1C: each page takes a while, so the run lasts longer than the progress interval.
        sync.OneC.Fault = static request => request.EntitySet == Ut11Facts.CustomersSet ? Fake1CFault.Delay(TimeSpan.FromMilliseconds(700)) : null;
        environment["AgiIdent__Sync__OData__PageSize"] = "2";

        var run = await AgiIdent.Tests.Cli.AgiIdentProcess.RunAsync(["sync", "--full"], environment);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.Matches(AgiIdent.Tests.Postgres.ImportProgressTests.LogLine(), line));
        var progress = lines.Where(l => l.Contains("[INF] Sync from 1C: reading ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Matches(@"Sync from 1C: reading \S+; \d+ rows in \d+ requests so far, \d+ rows/s$", l));
        Assert.Matches(@"\[INF\] Sync from 1C \(UT11, full run\) done in ", lines[^1]);
        // About one line per 5 s of the run, not one per page.
        var seconds = double.Parse(System.Text.RegularExpressions.Regex.Match(lines[^1], @"done in ([\d.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(progress.Count, 1, (int)(seconds / 5) + 1);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the condition never came true");
            await Task.Delay(20);
        }
    }
}
