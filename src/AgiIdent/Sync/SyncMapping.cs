namespace AgiIdent.Sync;

/// <summary>
/// The entity sets and fields one configuration keeps customers in (docs/SYNC.md). Field names are checked against
/// the public configuration dumps shared/1C-DATA.md names (УТ 11.4/11.5, ERP 2.5, БП 3.0 and its Kazakh edition,
/// УНФ 3.0); the test fixtures in tests/AgiIdent.Fake1C/Metadata carry what those dumps have.
/// </summary>
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
    string? ContactOwner,
    DebtSource? Debt,
    string? ContactOwnerType = null,
    ContactLinks? Links = null,
    string? PhoneRegister = null,
    string? Edition = null)
{
    public const string Properties = "ChartOfCharacteristicTypes_ДополнительныеРеквизитыИСведения";
    public const string PropertyValues = "Catalog_ЗначенияСвойствОбъектов";
    public const string HierarchicalPropertyValues = "Catalog_ЗначенияСвойствОбъектовИерархия";
    public const string AdditionalInformation = "InformationRegister_ДополнительныеСведения";
    public const string Currencies = "Catalog_Валюты";
    public const string Users = "Catalog_Пользователи";
    public const string TelephonySettings = "InformationRegister_НастройкиПользователейТелефонии";
    public const string ContactInformationSuffix = "_КонтактнаяИнформация";
    public const string AttributesSuffix = "_ДополнительныеРеквизиты";

    /// <summary>A user who left (БСП's <c>Пользователи.Недействителен</c>): calls are not routed to them.</summary>
    public const string InvalidUser = "Недействителен";

    /// <summary>
    /// Бухгалтерия для Казахстана keeps contact information in this register, not in tabular sections: <c>Объект</c>
    /// (composite) the owner, <c>Представление</c> the text, <c>Поле1</c>–<c>Поле4</c> country code, city code, number and
    /// extension of a phone (its InformationRegisters/КонтактнаяИнформация.xml and phone form; shared/1C-DATA.md).
    /// </summary>
    public const string ContactInformationRegister = "InformationRegister_КонтактнаяИнформация";

    /// <summary>The fields of <see cref="ContactInformationRegister"/> the sync reads.</summary>
    public static readonly IReadOnlyList<string> RegisterPhoneFields = ["Объект", "Объект_Type", "Тип", "Вид", "Представление", "Поле1", "Поле2", "Поле3", "Поле4"];

    /// <summary>The fields of a phone row; <c>Значение</c> (JSON) is missing in БСП 2.4 (УТ 11.4, КА 2.4, ERP 2.4).</summary>
    public static readonly IReadOnlyList<string> PhoneFields = ["Ref_Key", "LineNumber", "Тип", "Представление", "НомерТелефона", "НомерТелефонаБезКодов", "ЗначенияПолей"];

    /// <summary>The optional fields of a phone row.</summary>
    public static readonly IReadOnlyList<string> OptionalPhoneFields = ["Значение"];

    /// <summary>The fields of an additional-attribute row.</summary>
    public static readonly IReadOnlyList<string> AttributeFields = ["Ref_Key", "LineNumber", "Свойство_Key", "Значение", "Значение_Type"];

    /// <summary>The fields of the additional-information register.</summary>
    public static readonly IReadOnlyList<string> InformationFields = ["Объект", "Объект_Type", "Свойство_Key", "Значение", "Значение_Type"];

    /// <summary>
    /// The editions of the configured preset, in the order a run tries them against the infobase's metadata: BP30 is
    /// Бухгалтерия предприятия 3.0 or, where its objects are those of Бухгалтерия для Казахстана 3.0, that edition.
    /// </summary>
    public static IReadOnlyList<SyncMapping> Editions(SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var main = For(options);
        return options.Preset == SyncPreset.BP30 ? [main, Kazakh(options)] : [main];
    }

    /// <summary>
    /// Бухгалтерия для Казахстана 3.0 (checked against its public dumps): counterparties with <c>ЮрФизЛицо</c>
    /// (<c>ЮрЛицо</c>/<c>ФизЛицо</c>) and no responsible user, phones in the contact-information register, debt on the
    /// accounting register <c>Типовой</c>, accounts 1210 (receivables) and 3510 (advances received).
    /// </summary>
    private static SyncMapping Kazakh(SyncOptions options) => new(
        "BP30", "Catalog_Контрагенты", "НаименованиеПолное", "ЮрФизЛицо", "ФизЛицо", true, null,
        null, ExtensionSource.ContactInformation, null, null, "Catalog_КонтактныеЛица", "ОбъектВладелец",
        new DebtSource(AccountingBalance("AccountingRegister_Типовой", options.DebtAccounts is { Length: > 0 } accounts ? accounts : SyncOptions.DefaultKazakhDebtAccounts), "ExtDimension1", "СуммаBalance", CustomerType: "ExtDimension1_Type"),
        ContactOwnerType: "StandardODATA.Catalog_Контрагенты",
        PhoneRegister: ContactInformationRegister,
        Edition: "Бухгалтерия для Казахстана 3.0");

    /// <summary>The mapping for the configured preset (its first edition).</summary>
    public static SyncMapping For(SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Preset switch
        {
            // УТ 11, КА 2, ERP 2: the debt register has no partner; its АналитикаУчетаПоПартнерам is a key whose Партнер is.
            SyncPreset.UT11 => new(
                "UT11", "Catalog_Партнеры", "НаименованиеПолное", "ЮрФизЛицо", "ЧастноеЛицо", true, "ОсновнойМенеджер_Key",
                Users, ExtensionSource.ContactInformation, "Catalog_Контрагенты", "Партнер_Key", "Catalog_КонтактныеЛицаПартнеров", "Owner_Key",
                new DebtSource(
                    "AccumulationRegister_РасчетыСКлиентами/Balance", "АналитикаУчетаПоПартнерам_Key", "СуммаBalance", Currency: "Валюта_Key",
                    KeyCatalog: "Catalog_КлючиАналитикиУчетаПоПартнерам", KeyCustomer: "Партнер_Key")),
            // БП 3.0: contact persons are owned by a counterparty or by a user (ОбъектВладелец is composite); the
            // responsible user is the manager.
            SyncPreset.BP30 => new(
                "BP30", "Catalog_Контрагенты", "НаименованиеПолное", "ЮридическоеФизическоеЛицо", "ФизическоеЛицо", true, "Ответственный_Key",
                Users, ExtensionSource.ContactInformation, null, null, "Catalog_КонтактныеЛица", "ОбъектВладелец",
                new DebtSource(AccountingBalance("AccountingRegister_Хозрасчетный", options.DebtAccounts is { Length: > 0 } accounts ? accounts : SyncOptions.DefaultDebtAccounts), "ExtDimension1", "СуммаBalance", CustomerType: "ExtDimension1_Type"),
                ContactOwnerType: "StandardODATA.Catalog_Контрагенты"),
            // УНФ 3.0: contact persons have no owner; СвязиКонтрагентКонтакт links them to counterparties.
            SyncPreset.UNF3 => new(
                "UNF3", "Catalog_Контрагенты", "НаименованиеПолное", "ЮридическоеФизическоеЛицо", "ФизическоеЛицо", true, "Ответственный_Key",
                "Catalog_Сотрудники", ExtensionSource.TelephonyRegister, null, null, "Catalog_КонтактныеЛица", null,
                new DebtSource("AccumulationRegister_РасчетыСПокупателями/Balance", "Контрагент_Key", "СуммаBalance"),
                Links: new ContactLinks("InformationRegister_СвязиКонтрагентКонтакт", "Контрагент_Key", "Контакт_Key", "СвязьНедействительна", "Period")),
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

    /// <summary>
    /// The accounting register's balance restricted to <paramref name="accounts"/>, quotes doubled the OData way. An
    /// account the chart does not have (a currency account 62.21 where nobody uses it) matches no rows, so listing it
    /// costs nothing.
    /// </summary>
    private static string AccountingBalance(string register, IEnumerable<string> accounts) =>
        register + "/Balance(AccountCondition='" +
        string.Join(" or ", accounts.Select(a => $"Account/Code eq ''{a.Trim().Replace("'", "''''", StringComparison.Ordinal)}''")) + "')";

    /// <summary>The <c>$select</c> of the customers' catalog that every configuration has.</summary>
    public IReadOnlyList<string> CustomerFields => Fields(["Ref_Key", "DataVersion", "DeletionMark"], "Description", FullName, Kind, Manager);

    /// <summary>
    /// Fields of the customers' catalog read where the catalog has them: <c>Code</c> (not in a catalog without codes,
    /// such as УТ's Контрагенты), <c>IsFolder</c> (only a hierarchy of folders has it: УТ's Партнеры are a hierarchy of
    /// items), <c>Predefined</c>.
    /// </summary>
    public IReadOnlyList<string> OptionalCustomerFields => Hierarchical ? ["Code", "IsFolder", "Predefined"] : ["Code", "Predefined"];

    /// <summary>The <c>$select</c> of a catalog whose objects belong to a customer (contact persons, legal entities).</summary>
    public static IReadOnlyList<string> OwnedFields(string? owner, string? ownerType = null) =>
        Fields(["Ref_Key", "DataVersion", "DeletionMark", "Description"], owner, ownerType);

    /// <summary>The fields of the contact persons' catalog.</summary>
    public IReadOnlyList<string> ContactFields => OwnedFields(ContactOwner, ContactOwnerType is null ? null : ContactOwner + "_Type");

    /// <summary>The fields of the managers' catalog.</summary>
    public IReadOnlyList<string> ManagerFields => Extensions == ExtensionSource.TelephonyRegister
        ? ["Ref_Key", "DeletionMark", "Description", "ФизическоеЛицо_Key"]
        : ["Ref_Key", "DeletionMark", "Description"];

    /// <summary>The debt register's fields.</summary>
    public IReadOnlyList<string> DebtFields => Debt is { } debt ? Fields([debt.Customer], debt.CustomerType, debt.Amount, debt.Currency) : [];

    /// <summary>Every set and field this preset reads with <paramref name="flags"/> configured: what a run checks against <c>$metadata</c>.</summary>
    public IReadOnlyList<SetNeed> Needs(bool flags)
    {
        var needs = new List<SetNeed> { new(Customers, "customers", CustomerFields, OptionalCustomerFields) };
        if (PhoneRegister is { } register)
        {
            needs.Add(new(register, "phones", RegisterPhoneFields, []));
        }
        else
        {
            needs.Add(new(Customers + ContactInformationSuffix, "customers' phones", PhoneFields, OptionalPhoneFields));
        }

        if (Entities is { } entities)
        {
            needs.Add(new(entities, "legal entities of customers", OwnedFields(EntityCustomer), []));
            needs.Add(new(entities + ContactInformationSuffix, "phones of legal entities", PhoneFields, OptionalPhoneFields));
        }

        if (Contacts is { } contacts)
        {
            // УНФ marks a contact person who is no longer one Недействителен.
            needs.Add(new(contacts, "contact persons", ContactFields, [InvalidUser, "IsFolder"]));
            if (PhoneRegister is null)
            {
                needs.Add(new(contacts + ContactInformationSuffix, "contact persons' phones", PhoneFields, OptionalPhoneFields));
            }
        }

        if (Links is { } links)
        {
            needs.Add(new(links.Register, "which counterparty a contact person belongs to", [links.Customer, links.Contact, links.Invalid], [links.Period]));
        }

        if (Managers is { } managers)
        {
            needs.Add(new(managers, "managers", ManagerFields, [InvalidUser]));
            if (Extensions == ExtensionSource.ContactInformation)
            {
                needs.Add(new(managers + ContactInformationSuffix, "managers' extensions", ["Ref_Key", "LineNumber", "Тип", "Представление", "ЗначенияПолей"], OptionalPhoneFields));
            }
            else
            {
                needs.Add(new(Users, "users (the employee's extension is their user's)", ["Ref_Key", "ФизическоеЛицо_Key"], [InvalidUser]));
                needs.Add(new(TelephonySettings, "managers' extensions", ["Пользователь_Key", "ВнутреннийНомер"], []));
            }
        }

        if (Debt is { } debt)
        {
            needs.Add(new(debt.Table, "debt", DebtFields, []));
            if (debt.KeyCatalog is { } keys)
            {
                needs.Add(new(keys, "debt (which partner a register row is for)", ["Ref_Key", debt.KeyCustomer!], []));
            }

            if (debt.Currency is not null)
            {
                needs.Add(new(Currencies, "debt currencies", ["Ref_Key", "Code", "Description"], []));
            }
        }

        if (flags)
        {
            needs.Add(new(Customers + AttributesSuffix, "flags (additional attributes)", AttributeFields, []));
            needs.Add(new(AdditionalInformation, "flags (additional information)", InformationFields, [], Required: false));
            needs.Add(new(Properties, "flags (property names)", ["Ref_Key", "Description"], ["Заголовок"]));
            needs.Add(new(PropertyValues, "flags (property values)", ["Ref_Key", "Description"], []));
            needs.Add(new(HierarchicalPropertyValues, "flags (values of hierarchical lists)", ["Ref_Key", "Description"], [], Required: false));
        }

        return needs;
    }

    private static string[] Fields(string[] standard, params string?[] more) => [.. standard, .. more.Where(f => f is not null).Cast<string>()];
}
