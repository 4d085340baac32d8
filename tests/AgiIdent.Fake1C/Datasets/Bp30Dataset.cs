using static AgiIdent.Fake1C.Bp30Facts;
using static AgiIdent.Fake1C.Fake1CContactInformation;

namespace AgiIdent.Fake1C;

/// <summary>Builds the BP30 (Бухгалтерия предприятия 3.0) infobase described by <see cref="Bp30Facts"/>.</summary>
/// <remarks>
/// Built on <see cref="Fake1CSchema.Bp30"/> or <see cref="Fake1CSchema.BpKz"/>: the Kazakh edition names the legal
/// form <c>ЮрФизЛицо</c> (<c>ЮрЛицо</c>/<c>ФизЛицо</c>), has no responsible user, keeps phones in the
/// contact-information register and debts on accounts 1210 and 3510 of the register Типовой.
/// </remarks>
internal static class Bp30Dataset
{
    private const string ContractType = "StandardODATA.Catalog_ДоговорыКонтрагентов";
    private const string UserType = "StandardODATA.Catalog_Пользователи";

    public static Fake1CInfobase Build(string schema)
    {
        var b = new InfobaseBuilder(
            "bp30", new PropertyRefs(PrepaymentPropertyRef, CategoryPropertyRef, BlockedPropertyRef, SegmentPropertyRef, VipValueRef, OrdinaryValueRef), Fake1CSchema.Load(schema));
        var kazakh = Kazakh(b);
        var (company, person) = kazakh ? ("ЮрЛицо", "ФизЛицо") : ("ЮридическоеЛицо", "ФизическоеЛицо");
        b.Catalog(CustomersSet);
        b.Catalog(ContactsSet);
        b.Catalog(UsersSet);
        // The hidden account code is what the condition Account/Code reads; responses never show it.
        b.Set(kazakh ? KazakhDebtSet : DebtSet, ODataResource.AccountField);

        if (!kazakh)
        {
            var userPhone = b.Kind("ТелефонПользователя", "Телефон", Phone);
            User(b, ResponsibleRef, ResponsibleName, left: false);
            b.Phone(UsersSet, ResponsibleRef, userPhone, "вн. " + ResponsibleExtension, Fake1CContactStorage.PresentationOnly);
            User(b, LeftUserRef, "Петров Олег Ильич", left: true);
            b.Phone(UsersSet, LeftUserRef, userPhone, LeftUserExtension, Fake1CContactStorage.PresentationOnly);
        }

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
            [kazakh ? "ЮрФизЛицо" : "ЮридическоеФизическоеЛицо"] = string.Empty,
            ["ГоловнойКонтрагент_Key"] = Fake1CRef.Empty,
            ["Комментарий"] = string.Empty,
        });

        Customer(b, RomashkaRef, RomashkaName, company, RomashkaFullName, responsible: ResponsibleRef);
        b.Phone(CustomersSet, RomashkaRef, phoneKind, RomashkaPhone);
        b.Text(CustomersSet, RomashkaRef, emailKind, Email, RomashkaEmail);
        b.Text(CustomersSet, RomashkaRef, addressKind, Address, RomashkaAddress);
        b.Attribute(CustomersSet, RomashkaRef, PrepaymentPropertyRef, true, Fake1CProperties.BooleanType);
        b.Attribute(CustomersSet, RomashkaRef, CategoryPropertyRef, VipValueRef, Fake1CProperties.ValueReferenceType);
        b.Attribute(CustomersSet, RomashkaRef, SegmentPropertyRef, "Опт", Fake1CProperties.StringType);
        b.Wholesale(CustomersSet, RomashkaRef);
        Contact(b, DeletedContactRef, RomashkaRef, DeletedContactName, "Кладовщик", deleted: true);
        b.Phone(ContactsSet, DeletedContactRef, contactMobile, DeletedContactPhone);
        Balance(b, "62.01", RomashkaRef, "romashka/main", RomashkaDebt6201);
        Balance(b, "62.02", RomashkaRef, "romashka/main", RomashkaDebt6202);
        Balance(b, "60.01", RomashkaRef, "romashka/purchase", RomashkaSupplierBalance6001);

        Customer(b, GusevaRef, GusevaName, company);
        b.Phone(CustomersSet, GusevaRef, phoneKind, SharedPhone);
        Customer(b, YozhikRef, YozhikName, company);
        b.Phone(CustomersSet, YozhikRef, phoneKind, SharedPhoneOtherSpelling, Fake1CContactStorage.KeyValue);

        Customer(b, ZaryaRef, ZaryaName, company, responsible: LeftUserRef);
        b.Phone(CustomersSet, ZaryaRef, phoneKind, ZaryaPhone);
        b.Attribute(CustomersSet, ZaryaRef, PrepaymentPropertyRef, false, Fake1CProperties.BooleanType);
        Contact(b, ContactPersonRef, ZaryaRef, ContactPersonName, "Главный бухгалтер", deleted: false);
        b.Phone(ContactsSet, ContactPersonRef, contactMobile, ContactPersonPhone);
        Contact(b, SemenovRef, ZaryaRef, SemenovName, "Менеджер по закупкам", deleted: false);
        b.Phone(ContactsSet, SemenovRef, contactPhone, ZaryaPhone);
        // A user's own contact (ЛичныйКонтакт): its owner is no counterparty, so its number is nobody's.
        Contact(b, PersonalContactRef, ResponsibleRef, "Сестра Ивановой", "Личный контакт", deleted: false, ownerType: UserType);
        b.Phone(ContactsSet, PersonalContactRef, contactMobile, PersonalContactPhone);

        Customer(b, DuplicateDeletedRef, DuplicateName, company, deleted: true);
        b.Phone(CustomersSet, DuplicateDeletedRef, phoneKind, DuplicatePhone, Fake1CContactStorage.Xml);
        Customer(b, DuplicateRef, DuplicateName, company);
        b.Phone(CustomersSet, DuplicateRef, phoneKind, DuplicatePhone);
        Balance(b, "62.01", DuplicateRef, "stroymaster/2023", 10000m);
        Balance(b, "62.01", DuplicateRef, "stroymaster/2024", DuplicateDebt - 10000m);

        Customer(b, ExtensionRef, ExtensionName, company);
        b.Phone(CustomersSet, ExtensionRef, phoneKind, ExtensionPhone, Fake1CContactStorage.KeyValue);

        Customer(b, XmlRef, XmlName, company);
        b.Phone(CustomersSet, XmlRef, phoneKind, XmlPhone, Fake1CContactStorage.Xml);

        Customer(b, PresentationOnlyRef, PresentationOnlyName, company);
        b.Phone(CustomersSet, PresentationOnlyRef, phoneKind, PresentationOnlyPhone, Fake1CContactStorage.PresentationOnly);

        Customer(b, TwoNumbersRef, TwoNumbersName, company);
        b.Phone(CustomersSet, TwoNumbersRef, phoneKind, TwoNumbersPhone);
        b.Attribute(CustomersSet, TwoNumbersRef, CategoryPropertyRef, OrdinaryValueRef, Fake1CProperties.ValueReferenceType);

        Customer(b, LocalNumberRef, LocalNumberName, company);
        b.Phone(CustomersSet, LocalNumberRef, phoneKind, LocalNumberPhone);

        Customer(b, FaxRef, FaxName, company);
        b.Phone(CustomersSet, FaxRef, faxKind, FaxPhone, type: Fax);

        Customer(b, OtherRef, OtherName, company);
        b.Text(CustomersSet, OtherRef, otherKind, Other, OtherPhone);
        b.Text(CustomersSet, OtherRef, otherKind, Other, OtherText);
        b.Phone(CustomersSet, OtherRef, phoneKind, JunkNamePresentation, Fake1CContactStorage.PresentationOnly);

        Customer(b, JunkRef, JunkName, person);
        b.Phone(CustomersSet, JunkRef, phoneKind, JunkPresentation);

        Customer(b, VanishingRef, VanishingName, company);
        b.Phone(CustomersSet, VanishingRef, phoneKind, VanishingPhone);

        Customer(b, BlockedRef, BlockedName, company);
        b.Phone(CustomersSet, BlockedRef, phoneKind, BlockedPhone);
        b.Information("StandardODATA." + CustomersSet, BlockedRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        Balance(b, "62.01", BlockedRef, "dolg-plus/main", BlockedDebt);

        Customer(b, PersonRef, PersonName, person);
        b.Phone(CustomersSet, PersonRef, phoneKind, PersonPhone);
        Balance(b, "62.02", PersonRef, "gavrilova/main", PersonDebt);

        Customer(b, SupplierRef, SupplierName, company);
        b.Phone(CustomersSet, SupplierRef, phoneKind, SupplierPhone);
        Balance(b, "60.01", SupplierRef, "postavshchik/main", SupplierBalance6001);

        foreach (var (reference, name, phone, _) in OrdinaryCustomers)
        {
            Customer(b, reference, name, company);
            b.Phone(CustomersSet, reference, phoneKind, phone);
        }

        b.Information("StandardODATA.Catalog_Номенклатура", BlockedProductRef, BlockedPropertyRef, true, Fake1CProperties.BooleanType);
        return b.Infobase;
    }

    private static bool Kazakh(InfobaseBuilder b) => b.Schema.Id == Fake1CSchema.BpKz;

    private static void Customer(InfobaseBuilder b, string reference, string name, string kind, string? fullName = null, bool deleted = false, string? responsible = null)
    {
        var row = new Dictionary<string, object?>
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
            ["ГоловнойКонтрагент_Key"] = reference,
            ["Комментарий"] = string.Empty,
        };
        if (Kazakh(b))
        {
            row["ЮрФизЛицо"] = kind;
        }
        else
        {
            row["ЮридическоеФизическоеЛицо"] = kind;
            row["ИНН"] = string.Empty;
            row["КПП"] = string.Empty;
            row["Ответственный_Key"] = responsible ?? Fake1CRef.Empty;
        }

        b.Add(CustomersSet, row);
    }

    private static void Contact(InfobaseBuilder b, string reference, string owner, string name, string position, bool deleted, string ownerType = CounterpartyType) =>
        b.Add(ContactsSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = deleted,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Code"] = b.NextCode(ContactsSet),
            ["Description"] = name,
            ["Должность"] = position,
            ["ОбъектВладелец"] = owner,
            ["ОбъектВладелец_Type"] = ownerType,
        });

    private static void User(InfobaseBuilder b, string reference, string name, bool left) =>
        b.Add(UsersSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Description"] = name,
            ["Недействителен"] = left,
            ["Служебный"] = false,
        });

    /// <summary>A balance row of one account, counterparty and contract: positive on the debit side, negative on the credit side.</summary>
    private static void Balance(InfobaseBuilder b, string account, string counterparty, string contract, decimal amount)
    {
        var code = Kazakh(b) ? KazakhAccount(account) : account;
        b.Add(Kazakh(b) ? KazakhDebtSet : DebtSet, new()
        {
            ["Account_Key"] = b.Ref("account/" + code),
            ["Организация_Key"] = OrganizationRef,
            ["ExtDimension1"] = counterparty,
            ["ExtDimension1_Type"] = CounterpartyType,
            ["ExtDimension2"] = b.Ref("contract/" + contract),
            ["ExtDimension2_Type"] = ContractType,
            ["СуммаBalance"] = amount,
            ["СуммаBalanceDr"] = Math.Max(amount, 0m),
            ["СуммаBalanceCr"] = Math.Max(-amount, 0m),
            [ODataResource.AccountField] = code,
        });
    }
}
