using System.Text.Json;
using AgiIdent.Hosting;
using AgiIdent.Sync;
using Microsoft.Extensions.Configuration;
using AgiIdent.Settings;

namespace AgiIdent.Tests.Sync;

/// <summary>The <c>AgiIdent:Sync</c> section: validation that names the key, the presets' mappings, and reading 1C's row fields.</summary>
public sealed class SyncSettingsTests
{
    private static AgiIdentOptions Bind(params (string Key, string Value)[] values) =>
        AgiIdentConfiguration.Bind(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Theory]
    [InlineData("AgiIdent:Sync:IntervalSeconds", "5", "AgiIdent:Sync:IntervalSeconds: 5 is out of range")]
    [InlineData("AgiIdent:Sync:OData:PageSize", "0", "AgiIdent:Sync:OData:PageSize: 0 is out of range")]
    [InlineData("AgiIdent:Sync:OData:Retries", "-1", "AgiIdent:Sync:OData:Retries: -1 is out of range")]
    [InlineData("AgiIdent:Sync:OData:TimeoutSeconds", "0", "AgiIdent:Sync:OData:TimeoutSeconds: 0 is out of range")]
    [InlineData("AgiIdent:Sync:OData:Url", "1c-server/odata", "AgiIdent:Sync:OData:Url: '1c-server/odata' is not an http(s) address")]
    [InlineData("AgiIdent:Sync:OData:Uri", "http://x/", "AgiIdent:Sync:OData:Uri: unknown key")]
    [InlineData("AgiIdent:Sync:Preset", "UT12", "AgiIdent:Sync:Preset")]
    [InlineData("AgiIdent:Sync:Flags:VIP", " ", "AgiIdent:Sync:Flags: 'VIP'")]
    public void BadSyncValue_StopsStartup_NamingTheKey(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigurationErrorsException>(() => Bind((key, value)));
        Assert.Contains(error.Errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void BackgroundSync_NeedsPostgresPresetAndUrl()
    {
        var error = Assert.Throws<ConfigurationErrorsException>(() => Bind(("AgiIdent:Sync:IntervalSeconds", "300")));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Sync:IntervalSeconds: the background sync writes to PostgreSQL", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Sync:Preset: required to sync; allowed UT11, BP30, UNF3, Custom", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Sync:OData:Url: required to sync", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomPreset_NeedsItsCatalogAndCompleteDebt()
    {
        var error = Assert.Throws<ConfigurationErrorsException>(() => Bind(
            ("AgiIdent:Sync:Preset", "Custom"),
            ("AgiIdent:Sync:Custom:Debt", "AccumulationRegister_Взаиморасчеты/Balance")));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Sync:Custom:Customers: required with Preset=Custom", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Sync:Custom:Debt: needs DebtCustomer", StringComparison.Ordinal));
    }

    [Fact]
    public void Flags_MayMapAPropertyOrOneOfItsValues()
    {
        var options = Bind(("AgiIdent:Sync:Flags:Без оплаты не отгружать", "Prepayment"), ("AgiIdent:Sync:Flags:Категория клиента=VIP", "VIP"));
        Assert.Equal("Prepayment", options.Sync.Flags["Без оплаты не отгружать"]);
        Assert.Equal("VIP", options.Sync.Flags["Категория клиента=VIP"]);
    }

    [Fact]
    public void Bp30_AsksForTheDebtAccountsWithQuotesDoubledTheODataWay()
    {
        var mapping = SyncMapping.For(new SyncOptions { Preset = SyncPreset.BP30, DebtAccounts = ["62.01", "76.06"] });
        Assert.Equal("AccountingRegister_Хозрасчетный/Balance(AccountCondition='Account/Code eq ''62.01'' or Account/Code eq ''76.06''')", mapping.Debt!.Path);
        // БП 3.0's counterparties have a responsible user (Ответственный → Пользователи), the manager.
        Assert.Equal("Ответственный_Key", mapping.Manager);
        Assert.Equal(SyncMapping.Users, mapping.Managers);
    }

    [Fact]
    public void Bp30_ByDefault_ReadsThe62AccountsWithTheirCurrencyTwins_AndKazakhstan1210And3510()
    {
        var editions = SyncMapping.Editions(new SyncOptions { Preset = SyncPreset.BP30 });
        Assert.Equal(2, editions.Count);
        foreach (var account in (string[])["62.01", "62.02", "62.21", "62.22", "62.31", "62.32"])
        {
            Assert.Contains($"Account/Code eq ''{account}''", editions[0].Debt!.Path, StringComparison.Ordinal);
        }

        Assert.Equal("AccountingRegister_Типовой/Balance(AccountCondition='Account/Code eq ''1210'' or Account/Code eq ''3510''')", editions[1].Debt!.Path);
        Assert.Equal(SyncMapping.ContactInformationRegister, editions[1].PhoneRegister);
        Assert.Null(editions[1].Manager);
    }

    [Fact]
    public void Regression_NoEncodedSlash_InARegistersConditionOrAFilter_ForApacheRefusesThem()
    {
        var path = ODataClient.EscapePath("AccountingRegister_Хозрасчетный/Balance(AccountCondition='Account/Code eq ''62.01''')");
        Assert.StartsWith(Uri.EscapeDataString("AccountingRegister_Хозрасчетный") + "/Balance(", path, StringComparison.Ordinal);
        Assert.Contains("Account/Code", path, StringComparison.Ordinal);
        Assert.DoesNotContain("%2F", path, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("a/b%20c%27", ODataClient.Escape("a/b c'"));
        Assert.EndsWith(")", path, StringComparison.Ordinal);
        Assert.Equal("Catalog_%D0%92%D0%B0%D0%BB%D1%8E%D1%82%D1%8B", ODataClient.EscapePath("Catalog_Валюты"));
    }

    [Theory]
    [InlineData("{\"Тип\":\"Телефон\",\"Представление\":\"101\"}", "101")]
    [InlineData("{\"Тип\":\"Телефон\",\"Представление\":\"вн. 205\"}", "205")]
    [InlineData("{\"Тип\":\"Телефон\",\"Представление\":\"+38 (044) 123-45-67, доб. 312\"}", "312")]
    [InlineData("{\"Тип\":\"Телефон\",\"Значение\":\"{\\\"type\\\":\\\"Телефон\\\",\\\"countryCode\\\":\\\"\\\",\\\"areaCode\\\":\\\"\\\",\\\"number\\\":\\\"207\\\",\\\"extNumber\\\":\\\"\\\"}\",\"Представление\":\"207\"}", "207")]
    [InlineData("{\"Тип\":\"Телефон\",\"Представление\":\"+38 (044) 123-45-67\"}", null)]
    [InlineData("{\"Тип\":\"Телефон\",\"Представление\":\"Олена\"}", null)]
    public void ManagerExtension_IsTheShortNumberOrTheExtensionPart(string row, string? extension)
    {
        using var json = JsonDocument.Parse(row);
        Assert.Equal(extension, ODataRows.Extension(json.RootElement));
    }

    [Theory]
    [InlineData("\"00000000-0000-0000-0000-000000000000\"", null)]
    [InlineData("\"not a guid\"", null)]
    [InlineData("\"8A1B2C3D-0000-4000-8000-00000000000A\"", "8a1b2c3d-0000-4000-8000-00000000000a")]
    public void EmptyReference_IsNoReference(string value, string? expected)
    {
        using var json = JsonDocument.Parse("{\"Менеджер_Key\":" + value + "}");
        Assert.Equal(expected, ODataRows.Ref(json.RootElement, "Менеджер_Key"));
    }
}
