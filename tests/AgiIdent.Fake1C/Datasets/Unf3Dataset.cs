using static AgiIdent.Fake1C.Fake1CContactInformation;
using static AgiIdent.Fake1C.Unf3Facts;

namespace AgiIdent.Fake1C;

/// <summary>Builds the UNF3 (Управление нашей фирмой 3.0) infobase described by <see cref="Unf3Facts"/>.</summary>
internal static class Unf3Dataset
{
    private const string Company = "ЮридическоеЛицо";

    private const string Person = "ФизическоеЛицо";

    public static Fake1CInfobase Build(string schema)
    {
        var b = new InfobaseBuilder(
            "unf3", new PropertyRefs(PrepaymentPropertyRef, CategoryPropertyRef, BlockedPropertyRef, SegmentPropertyRef, VipValueRef, OrdinaryValueRef), Fake1CSchema.Load(schema));
        foreach (var catalog in (string[])[CustomersSet, ContactsSet, EmployeesSet, UsersSet])
        {
            b.Catalog(catalog);
        }

        b.Set(TelephonySet);
        b.Set(DebtSet);
        b.Set(LinksSet);

        var phoneKind = b.Kind("ТелефонКонтрагента", "Телефон", Phone);
        var faxKind = b.Kind("ФаксКонтрагента", "Факс", Fax);
        var emailKind = b.Kind("EmailКонтрагента", "Email", Email);
        var addressKind = b.Kind("ФактАдресКонтрагента", "Фактический адрес", Address);
        var otherKind = b.Kind("ДругаяИнформацияКонтрагента", "Другое", Other);
        var contactPhone = b.Kind("ТелефонКонтактногоЛица", "Телефон", Phone);
        var contactMobile = b.Kind("МобильныйТелефонКонтактногоЛица", "Мобильный телефон", Phone);

        Employee(b, KozlovaRef, KozlovaName, deleted: false, extension: KozlovaExtension);
        Employee(b, ShevtsovRef, ShevtsovName, deleted: false, extension: ShevtsovExtension);
        Employee(b, BondarevRef, BondarevName, deleted: true, extension: BondarevExtension);
        Employee(b, NovikovaRef, NovikovaName, deleted: false, extension: null);
        User(b, AdministratorUserRef, "Администратор", Fake1CRef.Empty, AdministratorExtension);

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
            ["Ответственный_Key"] = Fake1CRef.Empty,
            ["ИНН"] = string.Empty,
            ["Покупатель"] = false,
            ["Поставщик"] = false,
            ["Комментарий"] = string.Empty,
        });

        Customer(b, RomashkaRef, RomashkaName, Company, KozlovaRef, RomashkaFullName);
        b.Phone(CustomersSet, RomashkaRef, phoneKind, RomashkaPhone);
        b.Text(CustomersSet, RomashkaRef, emailKind, Email, RomashkaEmail);
        b.Text(CustomersSet, RomashkaRef, addressKind, Address, RomashkaAddress);
        b.Attribute(CustomersSet, RomashkaRef, PrepaymentPropertyRef, true, Fake1CProperties.BooleanType);
        b.Attribute(CustomersSet, RomashkaRef, CategoryPropertyRef, VipValueRef, Fake1CProperties.ValueReferenceType);
        b.Attribute(CustomersSet, RomashkaRef, SegmentPropertyRef, "Розница", Fake1CProperties.StringType);
        b.Wholesale(CustomersSet, RomashkaRef);
        Contact(b, DeletedContactRef, RomashkaRef, DeletedContactName, "Кладовщик", deleted: true);
        b.Phone(ContactsSet, DeletedContactRef, contactMobile, DeletedContactPhone);
        Debt(b, RomashkaRef, "romashka/1", RomashkaDebtFirstContract);
        Debt(b, RomashkaRef, "romashka/2", RomashkaDebtSecondContract);

        Customer(b, GusevRef, GusevName, Company, ShevtsovRef);
        b.Phone(CustomersSet, GusevRef, phoneKind, SharedPhone);
        Customer(b, YolkaRef, YolkaName, Company, KozlovaRef);
        b.Phone(CustomersSet, YolkaRef, phoneKind, SharedPhoneOtherSpelling, Fake1CContactStorage.KeyValue);

        Customer(b, VoskhodRef, VoskhodName, Company, ShevtsovRef);
        b.Phone(CustomersSet, VoskhodRef, phoneKind, VoskhodPhone);
        b.Attribute(CustomersSet, VoskhodRef, PrepaymentPropertyRef, false, Fake1CProperties.BooleanType);
        Contact(b, ContactPersonRef, VoskhodRef, ContactPersonName, "Главный бухгалтер", deleted: false);
        b.Phone(ContactsSet, ContactPersonRef, contactMobile, ContactPersonPhone);
        Contact(b, SemenovRef, VoskhodRef, SemenovName, "Снабженец", deleted: false);
        b.Phone(ContactsSet, SemenovRef, contactPhone, VoskhodPhone);
        Contact(b, FormerContactRef, VoskhodRef, "Уволившийся Пётр", "Снабженец", deleted: false);
        b.Phone(ContactsSet, FormerContactRef, contactMobile, FormerContactPhone);
        Link(b, VoskhodRef, FormerContactRef, "2024-03-01T00:00:00", "Снабженец", invalid: true);

        Customer(b, DuplicateDeletedRef, DuplicateName, Company, BondarevRef, deleted: true);
        b.Phone(CustomersSet, DuplicateDeletedRef, phoneKind, DuplicatePhone, Fake1CContactStorage.KeyValue);
        Customer(b, DuplicateRef, DuplicateName, Company, KozlovaRef);
        b.Phone(CustomersSet, DuplicateRef, phoneKind, DuplicatePhone);

        Customer(b, ExtensionRef, ExtensionName, Company, ShevtsovRef);
        b.Phone(CustomersSet, ExtensionRef, phoneKind, ExtensionPhone, Fake1CContactStorage.KeyValue);

        Customer(b, XmlRef, XmlName, Company, KozlovaRef);
        b.Phone(CustomersSet, XmlRef, phoneKind, XmlPhone, Fake1CContactStorage.Xml);

        Customer(b, PresentationOnlyRef, PresentationOnlyName, Company, ShevtsovRef);
        b.Phone(CustomersSet, PresentationOnlyRef, phoneKind, PresentationOnlyPhone, Fake1CContactStorage.PresentationOnly);

        Customer(b, TwoNumbersRef, TwoNumbersName, Company, KozlovaRef);
        b.Phone(CustomersSet, TwoNumbersRef, phoneKind, TwoNumbersPhone);
        b.Attribute(CustomersSet, TwoNumbersRef, CategoryPropertyRef, OrdinaryValueRef, Fake1CProperties.ValueReferenceType);

        Customer(b, LocalNumberRef, LocalNumberName, Company, KozlovaRef);
        b.Phone(CustomersSet, LocalNumberRef, phoneKind, LocalNumberPhone);

        Customer(b, FaxRef, FaxName, Company, ShevtsovRef);
        b.Phone(CustomersSet, FaxRef, faxKind, FaxPhone, type: Fax);

        Customer(b, OtherRef, OtherName, Company, ShevtsovRef);
        b.Text(CustomersSet, OtherRef, otherKind, Other, OtherPhone);
        b.Text(CustomersSet, OtherRef, otherKind, Other, OtherText);
        b.Phone(CustomersSet, OtherRef, phoneKind, JunkNamePresentation, Fake1CContactStorage.PresentationOnly);

        Customer(b, JunkRef, JunkName, Person, KozlovaRef);
        b.Phone(CustomersSet, JunkRef, phoneKind, JunkPresentation);

        Customer(b, NoManagerRef, NoManagerName, Person, Fake1CRef.Empty);
        b.Phone(CustomersSet, NoManagerRef, phoneKind, NoManagerPhone);

        Customer(b, DeletedManagerCustomerRef, DeletedManagerCustomerName, Company, BondarevRef);
        b.Phone(CustomersSet, DeletedManagerCustomerRef, phoneKind, DeletedManagerCustomerPhone);

        Customer(b, NoExtensionManagerCustomerRef, NoExtensionManagerCustomerName, Company, NovikovaRef);
        b.Phone(CustomersSet, NoExtensionManagerCustomerRef, phoneKind, NoExtensionManagerCustomerPhone);

        Customer(b, VanishingRef, VanishingName, Company, ShevtsovRef);
        b.Phone(CustomersSet, VanishingRef, phoneKind, VanishingPhone);

        Customer(b, BlockedRef, BlockedName, Company, KozlovaRef);
        b.Phone(CustomersSet, BlockedRef, phoneKind, BlockedPhone);
        b.Information("StandardODATA." + CustomersSet, BlockedRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        Debt(b, BlockedRef, "dolzhnik/1", BlockedDebt);

        Customer(b, PersonRef, PersonName, Person, ShevtsovRef);
        b.Phone(CustomersSet, PersonRef, phoneKind, PersonPhone);
        Debt(b, PersonRef, "gavrilov/1", PersonDebt);

        foreach (var (reference, name, phone, _) in OrdinaryCustomers)
        {
            Customer(b, reference, name, Company, ShevtsovRef);
            b.Phone(CustomersSet, reference, phoneKind, phone);
        }

        b.Information("StandardODATA.Catalog_Номенклатура", BlockedProductRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        return b.Infobase;
    }

    /// <summary>An employee, the person behind it, and (with an extension) a user of the same person with telephony set up.</summary>
    private static void Employee(InfobaseBuilder b, string reference, string name, bool deleted, string? extension)
    {
        var person = b.Ref("person/" + reference);
        b.Add(EmployeesSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Code"] = b.NextCode(EmployeesSet),
            ["Description"] = name,
            // The employee form edits Физлицо; writing copies it to ФизическоеЛицо (УНФ 3.0's Сотрудники).
            ["Физлицо_Key"] = person,
            ["ФизическоеЛицо_Key"] = person,
        });
        if (extension is not null)
        {
            User(b, b.Ref("user/" + reference), name, person, extension);
        }
    }

    private static void User(InfobaseBuilder b, string reference, string name, string person, string extension)
    {
        b.Add(UsersSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Description"] = name,
            ["Недействителен"] = false,
            ["ФизическоеЛицо_Key"] = person,
        });
        b.Add(TelephonySet, new()
        {
            ["Пользователь_Key"] = reference,
            ["ВнутреннийНомер"] = extension,
        });
    }

    private static void Customer(
        InfobaseBuilder b, string reference, string name, string kind, string manager, string? fullName = null, bool deleted = false) =>
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
            ["Ответственный_Key"] = manager,
            ["ИНН"] = string.Empty,
            ["Покупатель"] = true,
            ["Поставщик"] = false,
            ["Комментарий"] = string.Empty,
        });

    /// <summary>A contact person, which has no owner in УНФ, and its link to <paramref name="counterparty"/> since 2022.</summary>
    private static void Contact(InfobaseBuilder b, string reference, string counterparty, string name, string position, bool deleted)
    {
        b.Add(ContactsSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Parent_Key"] = Fake1CRef.Empty,
            ["IsFolder"] = false,
            ["Code"] = b.NextCode(ContactsSet),
            ["Description"] = name,
            ["Комментарий"] = string.Empty,
            ["Недействителен"] = false,
        });
        Link(b, counterparty, reference, "2022-01-10T09:00:00", position, invalid: false);
    }

    /// <summary>A record of <see cref="Unf3Facts.LinksSet"/>.</summary>
    public static void Link(InfobaseBuilder b, string counterparty, string contact, string period, string position, bool invalid) =>
        b.Add(LinksSet, new()
        {
            ["Period"] = period,
            ["Контрагент_Key"] = counterparty,
            ["Контакт_Key"] = contact,
            ["Должность"] = position,
            ["СвязьНедействительна"] = invalid,
            ["Порядок"] = 1,
        });

    private static void Debt(InfobaseBuilder b, string counterparty, string contract, decimal amount) =>
        b.Add(DebtSet, new()
        {
            ["Организация_Key"] = OrganizationRef,
            ["ТипРасчетов"] = "Долг",
            ["Контрагент_Key"] = counterparty,
            ["Договор_Key"] = b.Ref("contract/" + contract),
            ["СуммаBalance"] = amount,
            ["СуммаВалBalance"] = amount,
        });
}
