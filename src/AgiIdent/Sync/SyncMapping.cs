namespace AgiIdent.Sync;

/// <summary>How a manager's internal extension is found.</summary>
internal enum ExtensionSource
{
    /// <summary>A phone row of the manager's own <c>…_КонтактнаяИнформация</c>.</summary>
    ContactInformation,

    /// <summary>УНФ: <c>InformationRegister_НастройкиПользователейТелефонии</c> of the user who is the same person.</summary>
    TelephonyRegister,
}

/// <summary>Where a register keeps debts: the path (with parameters), the customer field, the amount and optionally the currency.</summary>
internal sealed record DebtSource(string Path, string Customer, string Amount, string? Currency = null, string? CustomerType = null);

/// <summary>The entity sets and fields one configuration keeps customers in (docs/SYNC.md).</summary>
internal sealed record SyncMapping(
    string Name,
    string Customers,
    string? FullName,
    string? Kind,
    string? PersonKind,
    bool Hierarchical,
    string? Manager,
    string? Managers,
    ExtensionSource Extensions,
    string? Entities,
    string? EntityCustomer,
    string? Contacts,
    string ContactOwner,
    DebtSource? Debt)
{
    public const string Properties = "ChartOfCharacteristicTypes_ДополнительныеРеквизитыИСведения";
    public const string PropertyValues = "Catalog_ЗначенияСвойствОбъектов";
    public const string AdditionalInformation = "InformationRegister_ДополнительныеСведения";
    public const string Currencies = "Catalog_Валюты";
    public const string Users = "Catalog_Пользователи";
    public const string TelephonySettings = "InformationRegister_НастройкиПользователейТелефонии";
    public const string ContactInformationSuffix = "_КонтактнаяИнформация";
    public const string AttributesSuffix = "_ДополнительныеРеквизиты";

    /// <summary>The mapping for the configured preset.</summary>
    public static SyncMapping For(SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Preset switch
        {
            SyncPreset.UT11 => new(
                "UT11", "Catalog_Партнеры", "НаименованиеПолное", "ЮрФизЛицо", "ЧастноеЛицо", true, "ОсновнойМенеджер_Key",
                Users, ExtensionSource.ContactInformation, "Catalog_Контрагенты", "Партнер_Key", "Catalog_КонтактныеЛицаПартнеров", "Owner_Key",
                new DebtSource("AccumulationRegister_РасчетыСКлиентами/Balance", "Партнер_Key", "СуммаBalance", Currency: "Валюта_Key")),
            SyncPreset.BP30 => new(
                "BP30", "Catalog_Контрагенты", "НаименованиеПолное", "ЮридическоеФизическоеЛицо", "ФизическоеЛицо", true, null,
                null, ExtensionSource.ContactInformation, null, null, "Catalog_КонтактныеЛица", "Owner_Key",
                new DebtSource(AccountingBalance(options.DebtAccounts is { Length: > 0 } accounts ? accounts : SyncOptions.DefaultDebtAccounts), "ExtDimension1", "СуммаBalance", CustomerType: "ExtDimension1_Type")),
            SyncPreset.UNF3 => new(
                "UNF3", "Catalog_Контрагенты", "НаименованиеПолное", "ЮридическоеФизическоеЛицо", "ФизическоеЛицо", true, "Ответственный_Key",
                "Catalog_Сотрудники", ExtensionSource.TelephonyRegister, null, null, "Catalog_КонтактныеЛица", "Owner_Key",
                new DebtSource("AccumulationRegister_РасчетыСПокупателями/Balance", "Контрагент_Key", "СуммаBalance")),
            SyncPreset.Custom => Custom(options.Custom),
            _ => throw new InvalidOperationException("AgiIdent:Sync:Preset is not set"),
        };
    }

    private static SyncMapping Custom(CustomMappingOptions custom) => new(
        "Custom",
        custom.Customers!,
        Blank(custom.FullName),
        Blank(custom.Kind),
        Blank(custom.PersonKind),
        custom.IsFolder,
        Blank(custom.Manager),
        Blank(custom.Managers),
        ExtensionSource.ContactInformation,
        null,
        null,
        Blank(custom.Contacts),
        Blank(custom.ContactOwner) ?? "Owner_Key",
        Blank(custom.Debt) is { } debt ? new DebtSource(debt, custom.DebtCustomer!, custom.DebtAmount!) : null);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The accounting register's balance restricted to <paramref name="accounts"/>, quotes doubled the OData way.</summary>
    private static string AccountingBalance(IEnumerable<string> accounts) =>
        "AccountingRegister_Хозрасчетный/Balance(AccountCondition='" +
        string.Join(" or ", accounts.Select(a => $"Account/Code eq ''{a.Trim().Replace("'", "''''", StringComparison.Ordinal)}''")) + "')";

    /// <summary>The <c>$select</c> of the customers' catalog.</summary>
    public IReadOnlyList<string> CustomerFields => Fields(
        ["Ref_Key", "DataVersion", "DeletionMark"], Hierarchical ? "IsFolder" : null, "Code", "Description", FullName, Kind, Manager);

    /// <summary>The <c>$select</c> of a catalog whose objects belong to a customer (contact persons, legal entities).</summary>
    public static IReadOnlyList<string> OwnedFields(string owner) => ["Ref_Key", "DataVersion", "DeletionMark", "Description", owner];

    private static string[] Fields(string[] standard, params string?[] more) => [.. standard, .. more.Where(f => f is not null).Cast<string>()];
}
