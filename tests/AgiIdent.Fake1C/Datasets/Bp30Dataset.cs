using static AgiIdent.Fake1C.Bp30Facts;
using static AgiIdent.Fake1C.Fake1CContactInformation;

namespace AgiIdent.Fake1C;

/// <summary>Builds the BP30 (Бухгалтерия предприятия 3.0) infobase described by <see cref="Bp30Facts"/>.</summary>
internal static class Bp30Dataset
{
    private const string Company = "ЮридическоеЛицо";
    private const string Person = "ФизическоеЛицо";
    private const string ContractType = "StandardODATA.Catalog_ДоговорыКонтрагентов";

    public static Fake1CInfobase Build()
    {
        var b = new InfobaseBuilder(
            "bp30", new PropertyRefs(PrepaymentPropertyRef, CategoryPropertyRef, BlockedPropertyRef, SegmentPropertyRef, VipValueRef, OrdinaryValueRef));
        b.Catalog(
            CustomersSet, withSections: true,
            "Ref_Key", "DataVersion", "DeletionMark", "Predefined", "PredefinedDataName", "Parent_Key", "IsFolder", "Code", "Description",
            "НаименованиеПолное", "ЮридическоеФизическоеЛицо", "ИНН", "КПП", "ГоловнойКонтрагент_Key", "Комментарий");
        b.Catalog(
            ContactsSet, withSections: true,
            "Ref_Key", "DataVersion", "DeletionMark", "Owner_Key", "Code", "Description", "Должность", "Комментарий");
        // The hidden account code is what the condition Account/Code reads; responses never show it.
        b.Infobase.AddSet(
            DebtSet,
            "Account_Key", "Организация_Key", "ExtDimension1", "ExtDimension1_Type", "ExtDimension2", "ExtDimension2_Type",
            "СуммаBalance", "СуммаBalanceDr", "СуммаBalanceCr", ODataResource.AccountField);

        var phoneKind = b.Kind("ТелефонКонтрагента", "Телефон", Phone);
        var faxKind = b.Kind("ФаксКонтрагента", "Факс", Fax);
        var emailKind = b.Kind("EmailКонтрагента", "Email", Email);
        var addressKind = b.Kind("ФактАдресКонтрагента", "Фактический адрес", Address);
        var otherKind = b.Kind("ДругаяИнформацияКонтрагента", "Другое", Other);
        var contactPhone = b.Kind("ТелефонРабочийКонтактногоЛица", "Рабочий телефон", Phone);
        var contactMobile = b.Kind("ТелефонМобильныйКонтактногоЛица", "Мобильный телефон", Phone);

        b.Add(CustomersSet, new()
        {
            ["Ref_Key"] = FolderRef,
            ["DeletionMark"] = false,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Parent_Key"] = Fake1CRef.Empty,
            ["IsFolder"] = true,
            ["Code"] = b.NextCode(CustomersSet),
            ["Description"] = FolderName,
            ["НаименованиеПолное"] = string.Empty,
            ["ЮридическоеФизическоеЛицо"] = string.Empty,
            ["ИНН"] = string.Empty,
            ["КПП"] = string.Empty,
            ["ГоловнойКонтрагент_Key"] = Fake1CRef.Empty,
            ["Комментарий"] = string.Empty,
        });

        Customer(b, RomashkaRef, RomashkaName, Company, RomashkaFullName);
        b.Phone(CustomersSet, RomashkaRef, phoneKind, RomashkaPhone);
        b.Text(CustomersSet, RomashkaRef, emailKind, Email, RomashkaEmail);
        b.Text(CustomersSet, RomashkaRef, addressKind, Address, RomashkaAddress);
        b.Attribute(CustomersSet, RomashkaRef, PrepaymentPropertyRef, true, Fake1CProperties.BooleanType);
        b.Attribute(CustomersSet, RomashkaRef, CategoryPropertyRef, VipValueRef, Fake1CProperties.ValueReferenceType);
        b.Attribute(CustomersSet, RomashkaRef, SegmentPropertyRef, "Опт", Fake1CProperties.StringType);
        Contact(b, DeletedContactRef, RomashkaRef, DeletedContactName, "Кладовщик", deleted: true);
        b.Phone(ContactsSet, DeletedContactRef, contactMobile, DeletedContactPhone);
        Balance(b, "62.01", RomashkaRef, "romashka/main", RomashkaDebt6201);
        Balance(b, "62.02", RomashkaRef, "romashka/main", RomashkaDebt6202);
        Balance(b, "60.01", RomashkaRef, "romashka/purchase", RomashkaSupplierBalance6001);

        Customer(b, GusevaRef, GusevaName, Company);
        b.Phone(CustomersSet, GusevaRef, phoneKind, SharedPhone);
        Customer(b, YozhikRef, YozhikName, Company);
        b.Phone(CustomersSet, YozhikRef, phoneKind, SharedPhoneOtherSpelling, Fake1CContactStorage.KeyValue);

        Customer(b, ZaryaRef, ZaryaName, Company);
        b.Phone(CustomersSet, ZaryaRef, phoneKind, ZaryaPhone);
        b.Attribute(CustomersSet, ZaryaRef, PrepaymentPropertyRef, false, Fake1CProperties.BooleanType);
        Contact(b, ContactPersonRef, ZaryaRef, ContactPersonName, "Главный бухгалтер", deleted: false);
        b.Phone(ContactsSet, ContactPersonRef, contactMobile, ContactPersonPhone);
        Contact(b, SemenovRef, ZaryaRef, SemenovName, "Менеджер по закупкам", deleted: false);
        b.Phone(ContactsSet, SemenovRef, contactPhone, ZaryaPhone);

        Customer(b, DuplicateDeletedRef, DuplicateName, Company, deleted: true);
        b.Phone(CustomersSet, DuplicateDeletedRef, phoneKind, DuplicatePhone, Fake1CContactStorage.Xml);
        Customer(b, DuplicateRef, DuplicateName, Company);
        b.Phone(CustomersSet, DuplicateRef, phoneKind, DuplicatePhone);
        Balance(b, "62.01", DuplicateRef, "stroymaster/2023", 10000m);
        Balance(b, "62.01", DuplicateRef, "stroymaster/2024", DuplicateDebt - 10000m);

        Customer(b, ExtensionRef, ExtensionName, Company);
        b.Phone(CustomersSet, ExtensionRef, phoneKind, ExtensionPhone, Fake1CContactStorage.KeyValue);

        Customer(b, XmlRef, XmlName, Company);
        b.Phone(CustomersSet, XmlRef, phoneKind, XmlPhone, Fake1CContactStorage.Xml);

        Customer(b, PresentationOnlyRef, PresentationOnlyName, Company);
        b.Phone(CustomersSet, PresentationOnlyRef, phoneKind, PresentationOnlyPhone, Fake1CContactStorage.PresentationOnly);

        Customer(b, TwoNumbersRef, TwoNumbersName, Company);
        b.Phone(CustomersSet, TwoNumbersRef, phoneKind, TwoNumbersPhone);
        b.Attribute(CustomersSet, TwoNumbersRef, CategoryPropertyRef, OrdinaryValueRef, Fake1CProperties.ValueReferenceType);

        Customer(b, LocalNumberRef, LocalNumberName, Company);
        b.Phone(CustomersSet, LocalNumberRef, phoneKind, LocalNumberPhone);

        Customer(b, FaxRef, FaxName, Company);
        b.Phone(CustomersSet, FaxRef, faxKind, FaxPhone, type: Fax);

        Customer(b, OtherRef, OtherName, Company);
        b.Text(CustomersSet, OtherRef, otherKind, Other, OtherPhone);
        b.Text(CustomersSet, OtherRef, otherKind, Other, OtherText);
        b.Phone(CustomersSet, OtherRef, phoneKind, JunkNamePresentation, Fake1CContactStorage.PresentationOnly);

        Customer(b, JunkRef, JunkName, Person);
        b.Phone(CustomersSet, JunkRef, phoneKind, JunkPresentation);

        Customer(b, VanishingRef, VanishingName, Company);
        b.Phone(CustomersSet, VanishingRef, phoneKind, VanishingPhone);

        Customer(b, BlockedRef, BlockedName, Company);
        b.Phone(CustomersSet, BlockedRef, phoneKind, BlockedPhone);
        b.Information("StandardODATA." + CustomersSet, BlockedRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        Balance(b, "62.01", BlockedRef, "dolg-plus/main", BlockedDebt);

        Customer(b, PersonRef, PersonName, Person);
        b.Phone(CustomersSet, PersonRef, phoneKind, PersonPhone);
        Balance(b, "62.02", PersonRef, "gavrilova/main", PersonDebt);

        Customer(b, SupplierRef, SupplierName, Company);
        b.Phone(CustomersSet, SupplierRef, phoneKind, SupplierPhone);
        Balance(b, "60.01", SupplierRef, "postavshchik/main", SupplierBalance6001);

        foreach (var (reference, name, phone, _) in OrdinaryCustomers)
        {
            Customer(b, reference, name, Company);
            b.Phone(CustomersSet, reference, phoneKind, phone);
        }

        b.Information("StandardODATA.Catalog_Номенклатура", BlockedProductRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        return b.Infobase;
    }

    private static void Customer(InfobaseBuilder b, string reference, string name, string kind, string? fullName = null, bool deleted = false) =>
        b.Add(CustomersSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Parent_Key"] = FolderRef,
            ["IsFolder"] = false,
            ["Code"] = b.NextCode(CustomersSet),
            ["Description"] = name,
            ["НаименованиеПолное"] = fullName ?? name,
            ["ЮридическоеФизическоеЛицо"] = kind,
            ["ИНН"] = string.Empty,
            ["КПП"] = string.Empty,
            ["ГоловнойКонтрагент_Key"] = reference,
            ["Комментарий"] = string.Empty,
        });

    private static void Contact(InfobaseBuilder b, string reference, string owner, string name, string position, bool deleted) =>
        b.Add(ContactsSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Owner_Key"] = owner,
            ["Code"] = b.NextCode(ContactsSet),
            ["Description"] = name,
            ["Должность"] = position,
            ["Комментарий"] = string.Empty,
        });

    /// <summary>A balance row of one account, counterparty and contract: positive on the debit side, negative on the credit side.</summary>
    private static void Balance(InfobaseBuilder b, string account, string counterparty, string contract, decimal amount) =>
        b.Add(DebtSet, new()
        {
            ["Account_Key"] = b.Ref("account/" + account),
            ["Организация_Key"] = OrganizationRef,
            ["ExtDimension1"] = counterparty,
            ["ExtDimension1_Type"] = CounterpartyType,
            ["ExtDimension2"] = b.Ref("contract/" + contract),
            ["ExtDimension2_Type"] = ContractType,
            ["СуммаBalance"] = amount,
            ["СуммаBalanceDr"] = Math.Max(amount, 0m),
            ["СуммаBalanceCr"] = Math.Max(-amount, 0m),
            [ODataResource.AccountField] = account,
        });
}
