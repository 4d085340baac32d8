using static AgiIdent.Fake1C.Fake1CContactInformation;
using static AgiIdent.Fake1C.Ut11Facts;

namespace AgiIdent.Fake1C;

/// <summary>Builds the UT11 (Управление торговлей 11) infobase described by <see cref="Ut11Facts"/>.</summary>
internal static class Ut11Dataset
{
    private const string Company = "Компания";
    private const string Person = "ЧастноеЛицо";
    private const string PartnerType = "StandardODATA.Catalog_Партнеры";

    public static Fake1CInfobase Build(string schema)
    {
        var b = new InfobaseBuilder(
            "ut11", new PropertyRefs(PrepaymentPropertyRef, CategoryPropertyRef, BlockedPropertyRef, SegmentPropertyRef, VipValueRef, OrdinaryValueRef), Fake1CSchema.Load(schema));
        AddSets(b);

        var partnerPhone = b.Kind("ТелефонПартнера", "Телефон", Phone);
        var partnerFax = b.Kind("ФаксПартнера", "Факс", Fax);
        var partnerEmail = b.Kind("EmailПартнера", "Email", Email);
        var partnerAddress = b.Kind("АдресПартнера", "Адрес", Address);
        var partnerOther = b.Kind("ДругаяИнформацияПартнера", "Другое", Other);
        var counterpartyPhone = b.Kind("ТелефонКонтрагента", "Телефон", Phone);
        var contactPhone = b.Kind("ТелефонКонтактногоЛица", "Телефон", Phone);
        var contactMobile = b.Kind("МобильныйТелефонКонтактногоЛица", "Мобильный телефон", Phone);
        var userPhone = b.Kind("ТелефонПользователя", "Телефон", Phone);

        User(b, KovalenkoRef, KovalenkoName, deleted: false);
        b.Phone(UsersSet, KovalenkoRef, userPhone, KovalenkoExtension, Fake1CContactStorage.PresentationOnly);
        User(b, ShevchenkoRef, ShevchenkoName, deleted: false);
        b.Phone(UsersSet, ShevchenkoRef, userPhone, ShevchenkoExtensionPresentation);
        User(b, BondarRef, BondarName, deleted: true);
        b.Phone(UsersSet, BondarRef, userPhone, BondarExtension);
        User(b, AdministratorRef, "Администратор", deleted: false);
        User(b, LeftUserRef, "Лисенко Петро Іванович", deleted: false, left: true);
        b.Phone(UsersSet, LeftUserRef, userPhone, LeftUserExtension, Fake1CContactStorage.PresentationOnly);

        Currency(b, UahRef, UahCode, "грн", "Гривня");
        Currency(b, UsdRef, UsdCode, "USD", "Долар США");

        b.Add(CustomersSet, new()
        {
            ["Ref_Key"] = PredefinedRef,
            ["DeletionMark"] = false,
            ["Predefined"] = true,
            ["PredefinedDataName"] = PredefinedDataName,
            ["Parent_Key"] = Fake1CRef.Empty,
            ["Code"] = b.NextCode(CustomersSet),
            ["Description"] = PredefinedName,
            ["НаименованиеПолное"] = PredefinedName,
            ["ЮрФизЛицо"] = Person,
            ["ОсновнойМенеджер_Key"] = Fake1CRef.Empty,
            ["Клиент"] = true,
            ["Поставщик"] = false,
            ["ДатаРегистрации"] = "0001-01-01T00:00:00",
            ["Комментарий"] = string.Empty,
        });
        b.Phone(CustomersSet, PredefinedRef, partnerPhone, PredefinedPhone);

        Partner(b, RomashkaRef, RomashkaName, Company, KovalenkoRef, RomashkaFullName);
        b.Phone(CustomersSet, RomashkaRef, partnerPhone, RomashkaPhone);
        b.Text(CustomersSet, RomashkaRef, partnerEmail, Email, RomashkaEmail);
        b.Text(CustomersSet, RomashkaRef, partnerAddress, Address, RomashkaAddress);
        b.Attribute(CustomersSet, RomashkaRef, PrepaymentPropertyRef, true, Fake1CProperties.BooleanType);
        b.Attribute(CustomersSet, RomashkaRef, CategoryPropertyRef, VipValueRef, Fake1CProperties.ValueReferenceType);
        b.Attribute(CustomersSet, RomashkaRef, SegmentPropertyRef, "Опт", Fake1CProperties.StringType);
        b.Wholesale(CustomersSet, RomashkaRef);
        Counterparty(b, RomashkaCounterpartyRef, RomashkaName, RomashkaFullName, RomashkaRef, "38123456");
        b.Phone(CounterpartiesSet, RomashkaCounterpartyRef, counterpartyPhone, RomashkaCounterpartyPhone);
        Contact(b, DeletedContactRef, RomashkaRef, DeletedContactName, "Комірник", deleted: true);
        b.Phone(ContactsSet, DeletedContactRef, contactMobile, DeletedContactPhone);
        Debt(b, MainOrganizationRef, RomashkaRef, UahRef, RomashkaDebtUahMain);
        Debt(b, SecondOrganizationRef, RomashkaRef, UahRef, RomashkaDebtUahSecond);
        Debt(b, MainOrganizationRef, RomashkaRef, UsdRef, RomashkaDebtUsd);

        Partner(b, GudzRef, GudzName, Company, KovalenkoRef);
        b.Phone(CustomersSet, GudzRef, partnerPhone, SharedPhone);
        Partner(b, YizhakRef, YizhakName, Company, ShevchenkoRef);
        b.Phone(CustomersSet, YizhakRef, partnerPhone, SharedPhoneOtherSpelling, Fake1CContactStorage.KeyValue);

        Partner(b, ZoryaRef, ZoryaName, Company, ShevchenkoRef);
        b.Phone(CustomersSet, ZoryaRef, partnerPhone, ZoryaPhone);
        b.Attribute(CustomersSet, ZoryaRef, PrepaymentPropertyRef, false, Fake1CProperties.BooleanType);
        Contact(b, ContactPersonRef, ZoryaRef, ContactPersonName, "Головний бухгалтер", deleted: false);
        b.Phone(ContactsSet, ContactPersonRef, contactMobile, ContactPersonPhone);
        Contact(b, SemenkoRef, ZoryaRef, SemenkoName, "Менеджер із закупівель", deleted: false);
        b.Phone(ContactsSet, SemenkoRef, contactPhone, ZoryaPhone);

        Partner(b, DuplicateDeletedRef, DuplicateName, Company, BondarRef, deleted: true);
        b.Phone(CustomersSet, DuplicateDeletedRef, partnerPhone, DuplicatePhone, Fake1CContactStorage.KeyValue);
        Partner(b, DuplicateRef, DuplicateName, Company, KovalenkoRef);
        b.Phone(CustomersSet, DuplicateRef, partnerPhone, DuplicatePhone);
        Debt(b, MainOrganizationRef, DuplicateRef, UsdRef, DuplicateDebtUsd);

        Partner(b, ExtensionRef, ExtensionName, Company, ShevchenkoRef);
        b.Phone(CustomersSet, ExtensionRef, partnerPhone, ExtensionPhone, Fake1CContactStorage.KeyValue);

        Partner(b, XmlRef, XmlName, Company, KovalenkoRef);
        b.Phone(CustomersSet, XmlRef, partnerPhone, XmlPhone, Fake1CContactStorage.Xml);

        Partner(b, PresentationOnlyRef, PresentationOnlyName, Company, ShevchenkoRef);
        b.Phone(CustomersSet, PresentationOnlyRef, partnerPhone, PresentationOnlyPhone, Fake1CContactStorage.PresentationOnly);

        Partner(b, TwoNumbersRef, TwoNumbersName, Company, KovalenkoRef);
        b.Phone(CustomersSet, TwoNumbersRef, partnerPhone, TwoNumbersPhone);
        b.Attribute(CustomersSet, TwoNumbersRef, CategoryPropertyRef, OrdinaryValueRef, Fake1CProperties.ValueReferenceType);

        Partner(b, LocalNumberRef, LocalNumberName, Company, KovalenkoRef);
        b.Phone(CustomersSet, LocalNumberRef, partnerPhone, LocalNumberPhone);

        Partner(b, FaxRef, FaxName, Company, ShevchenkoRef);
        b.Phone(CustomersSet, FaxRef, partnerFax, FaxPhone, type: Fax);

        Partner(b, OtherRef, OtherName, Company, ShevchenkoRef);
        b.Text(CustomersSet, OtherRef, partnerOther, Other, OtherPhone);
        b.Text(CustomersSet, OtherRef, partnerOther, Other, OtherText);
        b.Text(CustomersSet, OtherRef, partnerOther, Other, OtherEmptyValuePhone, jsonValue: string.Empty);
        b.Phone(CustomersSet, OtherRef, partnerPhone, JunkNamePresentation, Fake1CContactStorage.PresentationOnly);

        Partner(b, JunkRef, JunkName, Person, KovalenkoRef);
        b.Phone(CustomersSet, JunkRef, partnerPhone, JunkPresentation);

        Partner(b, NoManagerRef, NoManagerName, Person, Fake1CRef.Empty);
        b.Phone(CustomersSet, NoManagerRef, partnerPhone, NoManagerPhone);

        Partner(b, DeletedManagerCustomerRef, DeletedManagerCustomerName, Company, BondarRef);
        b.Phone(CustomersSet, DeletedManagerCustomerRef, partnerPhone, DeletedManagerCustomerPhone);

        Partner(b, LeftManagerCustomerRef, LeftManagerCustomerName, Company, LeftUserRef);
        b.Phone(CustomersSet, LeftManagerCustomerRef, partnerPhone, LeftManagerCustomerPhone);

        Partner(b, VanishingRef, VanishingName, Company, ShevchenkoRef);
        b.Phone(CustomersSet, VanishingRef, partnerPhone, VanishingPhone);

        Partner(b, BlockedRef, BlockedName, Company, KovalenkoRef);
        b.Phone(CustomersSet, BlockedRef, partnerPhone, BlockedPhone);
        b.Information(PartnerType, BlockedRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        Debt(b, MainOrganizationRef, BlockedRef, UahRef, BlockedDebtUah);

        Partner(b, PersonRef, PersonName, Person, ShevchenkoRef);
        b.Phone(CustomersSet, PersonRef, partnerPhone, PersonPhone);
        Debt(b, MainOrganizationRef, PersonRef, UahRef, PersonDebtUah);

        foreach (var (reference, name, phone, _) in OrdinaryCustomers)
        {
            Partner(b, reference, name, Company, ShevchenkoRef);
            b.Phone(CustomersSet, reference, partnerPhone, phone);
        }

        b.Information("StandardODATA.Catalog_Номенклатура", BlockedProductRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        return b.Infobase;
    }

    /// <summary>The UT11 sets the sync reads, empty; the benchmark's large infobase has the same shape.</summary>
    public static void AddSets(InfobaseBuilder b)
    {
        foreach (var catalog in (string[])[CustomersSet, CounterpartiesSet, ContactsSet, UsersSet, CurrenciesSet, KeysSet])
        {
            b.Catalog(catalog);
        }

        b.Set(DebtSet);
    }

    private static void Partner(
        InfobaseBuilder b, string reference, string name, string kind, string manager, string? fullName = null, bool deleted = false) =>
        b.Add(CustomersSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Parent_Key"] = Fake1CRef.Empty,
            ["Code"] = b.NextCode(CustomersSet),
            ["Description"] = name,
            ["НаименованиеПолное"] = fullName ?? name,
            ["ЮрФизЛицо"] = kind,
            ["ОсновнойМенеджер_Key"] = manager,
            ["Клиент"] = true,
            ["Поставщик"] = false,
            ["ДатаРегистрации"] = "2019-03-14T00:00:00",
            ["Комментарий"] = string.Empty,
        });

    private static void Counterparty(InfobaseBuilder b, string reference, string name, string fullName, string partner, string edrpou) =>
        b.Add(CounterpartiesSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Description"] = name,
            ["НаименованиеПолное"] = fullName,
            ["Партнер_Key"] = partner,
            ["ЮридическоеФизическоеЛицо"] = "ЮридическоеЛицо",
            ["ИНН"] = edrpou,
        });

    private static void Contact(InfobaseBuilder b, string reference, string owner, string name, string position, bool deleted) =>
        b.Add(ContactsSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Owner_Key"] = owner,
            ["Description"] = name,
            ["ДолжностьПоВизитке"] = position,
            ["Комментарий"] = string.Empty,
        });

    private static void User(InfobaseBuilder b, string reference, string name, bool deleted, bool left = false) =>
        b.Add(UsersSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Description"] = name,
            ["Недействителен"] = deleted || left,
            ["Служебный"] = false,
            ["ФизическоеЛицо_Key"] = b.Ref("person/" + reference),
        });

    private static void Currency(InfobaseBuilder b, string reference, string code, string name, string fullName) =>
        b.Add(CurrenciesSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Code"] = code,
            ["Description"] = name,
            ["НаименованиеПолное"] = fullName,
        });

    /// <summary>A balance row of the partner's settlements with an organization, through their analytics key (created on first use).</summary>
    public static void Debt(InfobaseBuilder b, string organization, string partner, string currency, decimal amount)
    {
        var key = DebtKey(partner, organization);
        if (b.Infobase.Find(KeysSet, key) is null)
        {
            b.Add(KeysSet, new()
            {
                ["Ref_Key"] = key,
                ["DeletionMark"] = false,
                ["Predefined"] = false,
                ["PredefinedDataName"] = string.Empty,
                ["Description"] = "Ключ аналитики",
                ["Партнер_Key"] = partner,
                ["Организация_Key"] = organization,
            });
        }

        var row = new Dictionary<string, object?> { [DebtKeyField] = key, ["Валюта_Key"] = currency, ["СуммаBalance"] = amount };
        // 11.5 and ERP settle by ОбъектРасчетов (a reference), 11.4 by ЗаказКлиента (composite); either is a dimension.
        if (b.Schema.Has(DebtSet, "ОбъектРасчетов_Key"))
        {
            row["ОбъектРасчетов_Key"] = Fake1CRef.Empty;
        }

        b.Add(DebtSet, row);
    }
}
