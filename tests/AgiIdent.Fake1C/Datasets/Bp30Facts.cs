namespace AgiIdent.Fake1C;

/// <summary>
/// What <see cref="Fake1CDatasets.Bp30"/> holds and what a sync must make of it. Numbers are Russian (+7), some typed
/// with the trunk prefix 8 in place of the country code; callers are E.164 digits without '+'. BP30 has no managers.
/// </summary>
public static class Bp30Facts
{
    /// <summary>The customer catalog (hierarchical).</summary>
    public const string CustomersSet = "Catalog_Контрагенты";

    /// <summary>Contact persons; no owner: <c>ОбъектВладелец</c> is a counterparty or a user (a user's personal contact).</summary>
    public const string ContactsSet = "Catalog_КонтактныеЛица";

    /// <summary>Users: the responsible user (<c>Контрагенты.Ответственный_Key</c>) is a customer's manager.</summary>
    public const string UsersSet = "Catalog_Пользователи";

    /// <summary>Бухгалтерия для Казахстана's accounting register balance (chart of accounts Типовой).</summary>
    public const string KazakhDebtSet = "AccountingRegister_Типовой/Balance";

    /// <summary>Бухгалтерия для Казахстана's contact-information register (phones of counterparties and contact persons).</summary>
    public const string KazakhPhonesSet = "InformationRegister_КонтактнаяИнформация";

    /// <summary>The account codes of Бухгалтерия для Казахстана for the Russian edition's: receivables, advances received, suppliers.</summary>
    public static string KazakhAccount(string account) => account switch
    {
        "62.01" => "1210",
        "62.02" => "3510",
        _ => "3310",
    };

    /// <summary>The user responsible for Romashka (БП 3.0 only; the Kazakh edition has no responsible user).</summary>
    public static readonly string ResponsibleRef = Ref("user/ivanova");

    /// <summary>Her name.</summary>
    public const string ResponsibleName = "Иванова Анна Сергеевна";

    /// <summary>Her extension, typed in her contact information as "вн. 115".</summary>
    public const string ResponsibleExtension = "115";

    /// <summary>A user who left (<c>Недействителен</c>), still responsible for Zarya: no calls go to him.</summary>
    public static readonly string LeftUserRef = Ref("user/petrov");

    /// <summary>His extension.</summary>
    public const string LeftUserExtension = "116";

    /// <summary>A user's personal contact (<c>ОбъектВладелец</c> is the user): no customer's.</summary>
    public static readonly string PersonalContactRef = Ref("contact/personal");

    /// <summary>Its phone.</summary>
    public const string PersonalContactPhone = "+7 (916) 700-00-01";

    /// <summary>Its caller, which identifies nobody.</summary>
    public const string PersonalContactCaller = "79167000001";

    /// <summary>The accounting register's balance, as the set name before its parameters.</summary>
    public const string DebtSet = "AccountingRegister_Хозрасчетный/Balance";

    /// <summary>The resource the sync reads for debts (accounts 62.01 and 62.02).</summary>
    public const string DebtResource = "AccountingRegister_Хозрасчетный/Balance(AccountCondition='Account/Code eq ''62.01'' or Account/Code eq ''62.02''')";

    /// <summary>The <c>ExtDimension1_Type</c> of a counterparty analytic.</summary>
    public const string CounterpartyType = "StandardODATA.Catalog_Контрагенты";

    /// <summary>The main organization.</summary>
    public static readonly string OrganizationRef = Ref("organization/main");

    // Properties.

    /// <summary>The property <see cref="Fake1CProperties.Prepayment"/>.</summary>
    public static readonly string PrepaymentPropertyRef = Ref("property/prepayment");

    /// <summary>The property <see cref="Fake1CProperties.Category"/>.</summary>
    public static readonly string CategoryPropertyRef = Ref("property/category");

    /// <summary>The property <see cref="Fake1CProperties.Blocked"/>.</summary>
    public static readonly string BlockedPropertyRef = Ref("property/blocked");

    /// <summary>The property <see cref="Fake1CProperties.Segment"/>.</summary>
    public static readonly string SegmentPropertyRef = Ref("property/segment");

    /// <summary>The value <see cref="Fake1CProperties.Vip"/> of the category.</summary>
    public static readonly string VipValueRef = Ref("value/vip");

    /// <summary>The value <see cref="Fake1CProperties.OrdinaryCategory"/> of the category.</summary>
    public static readonly string OrdinaryValueRef = Ref("value/ordinary");

    // Customers (Catalog_Контрагенты).

    /// <summary>A folder (<c>IsFolder</c> true, no phones); the customers sit in it.</summary>
    public static readonly string FolderRef = Ref("counterparty/folder");

    /// <summary>The folder's name.</summary>
    public const string FolderName = "Покупатели";

    /// <summary>The main customer: flags, debt on 62.01 and 62.02, a supplier balance on 60.01, email and address rows.</summary>
    public static readonly string RomashkaRef = Ref("counterparty/romashka");

    /// <summary>Its <c>Description</c>, the display name.</summary>
    public const string RomashkaName = "ООО «Ромашка»";

    /// <summary>Its <c>НаименованиеПолное</c>.</summary>
    public const string RomashkaFullName = "Общество с ограниченной ответственностью «Ромашка»";

    /// <summary>Its phone as typed (current JSON generation).</summary>
    public const string RomashkaPhone = "+7 (495) 123-45-67";

    /// <summary>The caller that must identify it.</summary>
    public const string RomashkaCaller = "74951234567";

    /// <summary>Its email row, to be ignored.</summary>
    public const string RomashkaEmail = "buh@romashka.ru";

    /// <summary>Its address row, to be ignored.</summary>
    public const string RomashkaAddress = "125009, Москва г, Тверская ул, дом 1, офис 12";

    /// <summary>The properties set on it: <see cref="Fake1CProperties.Prepayment"/> (true) and <see cref="Fake1CProperties.Category"/> (<see cref="Fake1CProperties.Vip"/>).</summary>
    public static readonly IReadOnlyList<string> RomashkaFlagProperties = [Fake1CProperties.Prepayment, Fake1CProperties.Category];

    /// <summary>Its balance on 62.01 (debit: it owes for shipments).</summary>
    public const decimal RomashkaDebt6201 = 45000m;

    /// <summary>Its balance on 62.02 (credit: an advance it paid).</summary>
    public const decimal RomashkaDebt6202 = -5000m;

    /// <summary>Its debt: the sum over 62.01 and 62.02.</summary>
    public const decimal RomashkaDebt = RomashkaDebt6201 + RomashkaDebt6202;

    /// <summary>Its balance on 60.01 (as a supplier): not served under the 62 condition, never a debt.</summary>
    public const decimal RomashkaSupplierBalance6001 = 12000m;

    /// <summary>A deletion-marked contact person of Romashka.</summary>
    public static readonly string DeletedContactRef = Ref("contact/melnik");

    /// <summary>Its name.</summary>
    public const string DeletedContactName = "Мельник Василий";

    /// <summary>Its phone.</summary>
    public const string DeletedContactPhone = "+7 (903) 999-88-77";

    /// <summary>Its caller.</summary>
    public const string DeletedContactCaller = "79039998877";

    /// <summary>One of two customers sharing an accountant's number (a sole trader, ИП).</summary>
    public static readonly string GusevaRef = Ref("counterparty/guseva");

    /// <summary>Its name.</summary>
    public const string GusevaName = "ИП Гусева Евгения Петровна";

    /// <summary>The other one.</summary>
    public static readonly string YozhikRef = Ref("counterparty/yozhik");

    /// <summary>Its name, with straight quotes and ё.</summary>
    public const string YozhikName = "ООО \"Ёжик-Трейд\"";

    /// <summary>The shared number as Гусева's row has it (JSON).</summary>
    public const string SharedPhone = "+7 (495) 555-12-34";

    /// <summary>The shared number as Ёжик's row has it (key=value, trunk prefix 8 as the country code).</summary>
    public const string SharedPhoneOtherSpelling = "8 (495) 555-12-34";

    /// <summary>The caller of the shared number.</summary>
    public const string SharedCaller = "74955551234";

    /// <summary>The two customers with the shared number.</summary>
    public static readonly IReadOnlyList<string> SharedRefs = [GusevaRef, YozhikRef];

    /// <summary>A company whose number is also a contact person's; its prepayment attribute is false.</summary>
    public static readonly string ZaryaRef = Ref("counterparty/zarya");

    /// <summary>Its name.</summary>
    public const string ZaryaName = "ЗАО \"Заря\"";

    /// <summary>Its phone, also the phone of the contact person <see cref="SemenovRef"/>.</summary>
    public const string ZaryaPhone = "+7 (812) 700-10-20";

    /// <summary>The caller of that number (company and contact person).</summary>
    public const string ZaryaCaller = "78127001020";

    /// <summary>A contact person of Zarya with her own mobile, typed with the trunk prefix.</summary>
    public static readonly string ContactPersonRef = Ref("contact/petrenko");

    /// <summary>Her name.</summary>
    public const string ContactPersonName = "Петренко Оксана Ивановна";

    /// <summary>Her mobile; НомерТелефона is <c>89161234567</c>.</summary>
    public const string ContactPersonPhone = "8 (916) 123-45-67";

    /// <summary>Her caller.</summary>
    public const string ContactPersonCaller = "79161234567";

    /// <summary>Her company.</summary>
    public static readonly string ContactPersonOwnerRef = ZaryaRef;

    /// <summary>A contact person of Zarya whose phone is the company's number.</summary>
    public static readonly string SemenovRef = Ref("contact/semenov");

    /// <summary>His name.</summary>
    public const string SemenovName = "Семенов Дмитрий";

    /// <summary>The customer whose prepayment attribute is false.</summary>
    public static readonly string PrepaymentFalseRef = ZaryaRef;

    /// <summary>An active customer with a deletion-marked duplicate of the same name and number.</summary>
    public static readonly string DuplicateRef = Ref("counterparty/stroymaster");

    /// <summary>The deletion-marked duplicate.</summary>
    public static readonly string DuplicateDeletedRef = Ref("counterparty/stroymaster-old");

    /// <summary>The name both carry.</summary>
    public const string DuplicateName = "ООО «Строймастер»";

    /// <summary>The number both carry.</summary>
    public const string DuplicatePhone = "+7 (495) 234-56-78";

    /// <summary>Its caller, which must identify the active one.</summary>
    public const string DuplicateCaller = "74952345678";

    /// <summary>The active one's debt, on 62.01 under two contracts (10000 and 5000).</summary>
    public const decimal DuplicateDebt = 15000m;

    /// <summary>A customer whose phone has an extension, stored as old key=value text.</summary>
    public static readonly string ExtensionRef = Ref("counterparty/volga-agro");

    /// <summary>Its name.</summary>
    public const string ExtensionName = "ООО «Волга-Агро»";

    /// <summary>Its phone's parts: <c>+7 (495) 987-65-43, доб. 204</c>.</summary>
    public static readonly Fake1CPhone ExtensionPhone = new("+7", "495", "987-65-43", "204");

    /// <summary>The caller (without the extension).</summary>
    public const string ExtensionCaller = "74959876543";

    /// <summary>The extension.</summary>
    public const string ExtensionNumber = "204";

    /// <summary>A customer whose phone is stored as БСП 2.x XML.</summary>
    public static readonly string XmlRef = Ref("counterparty/koval");

    /// <summary>Its name.</summary>
    public const string XmlName = "ИП Коваль Ирина Олеговна";

    /// <summary>Its phone's parts.</summary>
    public static readonly Fake1CPhone XmlPhone = new("+7", "843", "245-67-89");

    /// <summary>Its caller.</summary>
    public const string XmlCaller = "78432456789";

    /// <summary>A customer whose only phone row is one unbroken group of digits, whole in both derived columns.</summary>
    public static readonly string PresentationOnlyRef = Ref("counterparty/oleynik");

    /// <summary>Its name.</summary>
    public const string PresentationOnlyName = "ИП Олейник Степан";

    /// <summary>Its presentation (and НомерТелефона, and НомерТелефонаБезКодов).</summary>
    public const string PresentationOnlyPhone = "89161112233";

    /// <summary>Its caller.</summary>
    public const string PresentationOnlyCaller = "79161112233";

    /// <summary>A customer with two numbers typed into one phone field.</summary>
    public static readonly string TwoNumbersRef = Ref("counterparty/apteka");

    /// <summary>Its name.</summary>
    public const string TwoNumbersName = "ООО «Аптека Плюс»";

    /// <summary>The field; БСП puts the second number into the comment.</summary>
    public const string TwoNumbersPhone = "+7 (383) 297-11-22, +7 (913) 311-22-33";

    /// <summary>Both callers.</summary>
    public static readonly IReadOnlyList<string> TwoNumbersCallers = ["73832971122", "79133112233"];

    /// <summary>The customer with the category <see cref="Fake1CProperties.OrdinaryCategory"/>: not a VIP.</summary>
    public static readonly string OrdinaryCategoryRef = TwoNumbersRef;

    /// <summary>A customer with a local 7-digit number.</summary>
    public static readonly string LocalNumberRef = Ref("counterparty/vkusno");

    /// <summary>Its name.</summary>
    public const string LocalNumberName = "Кафе \"Вкусно\"";

    /// <summary>Its presentation.</summary>
    public const string LocalNumberPhone = "234-56-79";

    /// <summary>Its digits.</summary>
    public const string LocalNumberDigits = "2345679";

    /// <summary>A customer whose only number is a fax.</summary>
    public static readonly string FaxRef = Ref("counterparty/fax-service");

    /// <summary>Its name.</summary>
    public const string FaxName = "ООО «Факс-Сервис»";

    /// <summary>The fax.</summary>
    public const string FaxPhone = "+7 (495) 490-11-11";

    /// <summary>Its caller.</summary>
    public const string FaxCaller = "74954901111";

    /// <summary>A customer with a number under <c>Другое</c>, a Skype name under <c>Другое</c> and a name typed into a phone.</summary>
    public static readonly string OtherRef = Ref("counterparty/vishnya");

    /// <summary>Its name.</summary>
    public const string OtherName = "ООО «Вишня»";

    /// <summary>The number under <c>Другое</c>.</summary>
    public const string OtherPhone = "+7 (963) 765-43-21";

    /// <summary>Its caller.</summary>
    public const string OtherCaller = "79637654321";

    /// <summary>Text under <c>Другое</c> that is not a number.</summary>
    public const string OtherText = "Skype: vishnya.msk";

    /// <summary>A name typed into its phone field.</summary>
    public const string JunkNamePresentation = "Александр, бухгалтер";

    /// <summary>A private person whose only phone row is junk.</summary>
    public static readonly string JunkRef = Ref("counterparty/ivanov");

    /// <summary>Its name.</summary>
    public const string JunkName = "Иванов Иван Иванович";

    /// <summary>The junk presentation; НомерТелефона becomes <c>тел.8916...</c>.</summary>
    public const string JunkPresentation = "тел. 8916...";

    /// <summary>A customer the tests remove between runs.</summary>
    public static readonly string VanishingRef = Ref("counterparty/sezonnye");

    /// <summary>Its name.</summary>
    public const string VanishingName = "ООО «Сезонные товары»";

    /// <summary>Its phone.</summary>
    public const string VanishingPhone = "+7 (495) 222-33-44";

    /// <summary>Its caller.</summary>
    public const string VanishingCaller = "74952223344";

    /// <summary>A customer blocked through the register of additional information.</summary>
    public static readonly string BlockedRef = Ref("counterparty/dolg-plus");

    /// <summary>Its name.</summary>
    public const string BlockedName = "ООО «Долг-Плюс»";

    /// <summary>Its phone.</summary>
    public const string BlockedPhone = "+7 (495) 777-88-99";

    /// <summary>Its caller.</summary>
    public const string BlockedCaller = "74957778899";

    /// <summary>Its debt on 62.01.</summary>
    public const decimal BlockedDebt = 98000m;

    /// <summary>A private person (<c>ЮридическоеФизическоеЛицо</c> <c>ФизическоеЛицо</c>) who overpaid.</summary>
    public static readonly string PersonRef = Ref("counterparty/gavrilova");

    /// <summary>Her name.</summary>
    public const string PersonName = "Гаврилова Мария Степановна";

    /// <summary>Her phone.</summary>
    public const string PersonPhone = "+7 (926) 111-22-33";

    /// <summary>Her caller.</summary>
    public const string PersonCaller = "79261112233";

    /// <summary>Her balance on 62.02: negative (an advance).</summary>
    public const decimal PersonDebt = -1250.75m;

    /// <summary>A supplier only: its single balance is on 60.01, so it has no debt.</summary>
    public static readonly string SupplierRef = Ref("counterparty/postavshchik");

    /// <summary>Its name.</summary>
    public const string SupplierName = "АО «Поставщик Сырья»";

    /// <summary>Its phone.</summary>
    public const string SupplierPhone = "+7 (499) 100-20-30";

    /// <summary>Its caller.</summary>
    public const string SupplierCaller = "74991002030";

    /// <summary>Its balance on 60.01, which must not be served under the 62 condition.</summary>
    public const decimal SupplierBalance6001 = -33000m;

    /// <summary>A product blocked in the register of additional information: not a customer.</summary>
    public static readonly string BlockedProductRef = Ref("product/blocked");

    /// <summary>Ordinary customers, each with one phone (current JSON).</summary>
    public static readonly IReadOnlyList<(string Ref, string Name, string Phone, string Caller)> OrdinaryCustomers =
    [
        (Ref("counterparty/uralmet"), "ПАО «Уралмет»", "+7 (343) 790-12-34", "73437901234"),
        (Ref("counterparty/eko-sad"), "ООО \"Эко-Сад\"", "+7 (495) 404-50-60", "74954045060"),
        (Ref("counterparty/polishchuk"), "ИП Полищук Богдан", "+7 (903) 765-12-34", "79037651234"),
        (Ref("counterparty/edinstvo"), "ООО «Единство»", "+7 (846) 220-30-40", "78462203040"),
        (Ref("counterparty/galytska"), "ТОВ «Ґалицька Їжа»", "+7 (495) 640-11-22", "74956401122"),
        (Ref("counterparty/logistik"), "ООО «Логистик-Центр»", "+7 (812) 590-60-70", "78125906070"),
    ];

    private static string Ref(string name) => Fake1CRef.Of("bp30/" + name);
}
