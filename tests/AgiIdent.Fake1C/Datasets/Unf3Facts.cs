namespace AgiIdent.Fake1C;

/// <summary>
/// What <see cref="Fake1CDatasets.Unf3"/> holds and what a sync must make of it. Numbers are Russian (+7); callers are
/// E.164 digits without '+'. Managers are employees; an employee's extension is the telephony setting of the user
/// with the same <c>ФизическоеЛицо_Key</c>.
/// </summary>
public static class Unf3Facts
{
    /// <summary>The customer catalog (hierarchical).</summary>
    public const string CustomersSet = "Catalog_Контрагенты";

    /// <summary>Contact persons (<c>Owner_Key</c> is the counterparty).</summary>
    public const string ContactsSet = "Catalog_КонтактныеЛица";

    /// <summary>Which counterparty a contact person belongs to (periodic; the latest record of a pair counts).</summary>
    public const string LinksSet = "InformationRegister_СвязиКонтрагентКонтакт";

    /// <summary>A former contact person of Voskhod: linked in 2022, the link marked invalid (СвязьНедействительна) in 2024.</summary>
    public static readonly string FormerContactRef = Ref("contact/former");

    /// <summary>Its phone.</summary>
    public const string FormerContactPhone = "+7 (912) 600-70-80";

    /// <summary>Its caller, which identifies nobody now.</summary>
    public const string FormerContactCaller = "79126007080";

    /// <summary>Managers.</summary>
    public const string EmployeesSet = "Catalog_Сотрудники";

    /// <summary>Users, linked to employees through <c>ФизическоеЛицо_Key</c>.</summary>
    public const string UsersSet = "Catalog_Пользователи";

    /// <summary>Users' telephony settings (extensions).</summary>
    public const string TelephonySet = "InformationRegister_НастройкиПользователейТелефонии";

    /// <summary>The debt register's balance.</summary>
    public const string DebtSet = "AccumulationRegister_РасчетыСПокупателями/Balance";

    /// <summary>The main organization.</summary>
    public static readonly string OrganizationRef = Ref("organization/main");

    // Managers.

    /// <summary>Romashka's manager (an employee).</summary>
    public static readonly string KozlovaRef = Ref("employee/kozlova");

    /// <summary>Her name.</summary>
    public const string KozlovaName = "Козлова Елена Николаевна";

    /// <summary>Her extension (through her user).</summary>
    public const string KozlovaExtension = "101";

    /// <summary>Another manager.</summary>
    public static readonly string ShevtsovRef = Ref("employee/shevtsov");

    /// <summary>His name.</summary>
    public const string ShevtsovName = "Шевцов Тарас Андреевич";

    /// <summary>His extension.</summary>
    public const string ShevtsovExtension = "205";

    /// <summary>A deletion-marked employee who is still a customer's manager.</summary>
    public static readonly string BondarevRef = Ref("employee/bondarev");

    /// <summary>His name.</summary>
    public const string BondarevName = "Бондарев Игорь Васильевич";

    /// <summary>His extension.</summary>
    public const string BondarevExtension = "310";

    /// <summary>An employee with no user, so no extension.</summary>
    public static readonly string NovikovaRef = Ref("employee/novikova");

    /// <summary>Her name.</summary>
    public const string NovikovaName = "Новикова Анна Сергеевна";

    /// <summary>The administrator's user: no person, an extension of its own, manager of nobody.</summary>
    public static readonly string AdministratorUserRef = Ref("user/admin");

    /// <summary>The administrator's extension, which no manager has.</summary>
    public const string AdministratorExtension = "100";

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
    public const string FolderName = "Клиенты";

    /// <summary>The main customer: manager with an extension, flags, debt under two contracts, email and address rows.</summary>
    public static readonly string RomashkaRef = Ref("counterparty/romashka");

    /// <summary>Its <c>Description</c>, the display name.</summary>
    public const string RomashkaName = "ООО «Ромашка»";

    /// <summary>Its <c>НаименованиеПолное</c>.</summary>
    public const string RomashkaFullName = "Общество с ограниченной ответственностью «Ромашка»";

    /// <summary>Its phone as typed (current JSON generation).</summary>
    public const string RomashkaPhone = "+7 (499) 123-45-67";

    /// <summary>The caller that must identify it.</summary>
    public const string RomashkaCaller = "74991234567";

    /// <summary>Its email row, to be ignored.</summary>
    public const string RomashkaEmail = "info@romashka-unf.ru";

    /// <summary>Its address row, to be ignored.</summary>
    public const string RomashkaAddress = "620014, Екатеринбург г, Ленина пр-кт, дом 5";

    /// <summary>Its manager.</summary>
    public const string RomashkaManagerName = KozlovaName;

    /// <summary>Its manager's extension.</summary>
    public const string RomashkaManagerExtension = KozlovaExtension;

    /// <summary>The properties set on it: <see cref="Fake1CProperties.Prepayment"/> (true) and <see cref="Fake1CProperties.Category"/> (<see cref="Fake1CProperties.Vip"/>).</summary>
    public static readonly IReadOnlyList<string> RomashkaFlagProperties = [Fake1CProperties.Prepayment, Fake1CProperties.Category];

    /// <summary>Its debt under the first contract.</summary>
    public const decimal RomashkaDebtFirstContract = 20000m;

    /// <summary>Its debt under the second contract.</summary>
    public const decimal RomashkaDebtSecondContract = 5000m;

    /// <summary>Its whole debt (two register rows).</summary>
    public const decimal RomashkaDebt = RomashkaDebtFirstContract + RomashkaDebtSecondContract;

    /// <summary>A deletion-marked contact person of Romashka.</summary>
    public static readonly string DeletedContactRef = Ref("contact/melnikov");

    /// <summary>Its name.</summary>
    public const string DeletedContactName = "Мельников Василий";

    /// <summary>Its phone.</summary>
    public const string DeletedContactPhone = "+7 (903) 999-88-70";

    /// <summary>Its caller.</summary>
    public const string DeletedContactCaller = "79039998870";

    /// <summary>One of two customers sharing an accountant's number.</summary>
    public static readonly string GusevRef = Ref("counterparty/gusev");

    /// <summary>Its name.</summary>
    public const string GusevName = "ИП Гусев Евгений";

    /// <summary>The other one.</summary>
    public static readonly string YolkaRef = Ref("counterparty/yolka");

    /// <summary>Its name, with straight quotes and ё.</summary>
    public const string YolkaName = "ООО \"Ёлка-Сервис\"";

    /// <summary>The shared number as Гусев's row has it (JSON).</summary>
    public const string SharedPhone = "+7 (499) 555-12-34";

    /// <summary>The shared number as Ёлка's row has it (key=value, trunk prefix 8).</summary>
    public const string SharedPhoneOtherSpelling = "8 (499) 555-12-34";

    /// <summary>The caller of the shared number.</summary>
    public const string SharedCaller = "74995551234";

    /// <summary>The two customers with the shared number.</summary>
    public static readonly IReadOnlyList<string> SharedRefs = [GusevRef, YolkaRef];

    /// <summary>A company whose number is also a contact person's; its prepayment attribute is false.</summary>
    public static readonly string VoskhodRef = Ref("counterparty/voskhod");

    /// <summary>Its name.</summary>
    public const string VoskhodName = "АО \"Восход\"";

    /// <summary>Its phone, also the phone of the contact person <see cref="SemenovRef"/>.</summary>
    public const string VoskhodPhone = "+7 (343) 700-10-20";

    /// <summary>The caller of that number (company and contact person).</summary>
    public const string VoskhodCaller = "73437001020";

    /// <summary>A contact person of Voskhod with her own mobile, typed with the trunk prefix.</summary>
    public static readonly string ContactPersonRef = Ref("contact/petrova");

    /// <summary>Her name.</summary>
    public const string ContactPersonName = "Петрова Оксана Игоревна";

    /// <summary>Her mobile.</summary>
    public const string ContactPersonPhone = "8 (916) 223-45-67";

    /// <summary>Her caller.</summary>
    public const string ContactPersonCaller = "79162234567";

    /// <summary>Her company.</summary>
    public static readonly string ContactPersonOwnerRef = VoskhodRef;

    /// <summary>A contact person of Voskhod whose phone is the company's number.</summary>
    public static readonly string SemenovRef = Ref("contact/semenov");

    /// <summary>His name.</summary>
    public const string SemenovName = "Семенов Олег";

    /// <summary>The customer whose prepayment attribute is false.</summary>
    public static readonly string PrepaymentFalseRef = VoskhodRef;

    /// <summary>An active customer with a deletion-marked duplicate of the same name and number.</summary>
    public static readonly string DuplicateRef = Ref("counterparty/tekhsnab");

    /// <summary>The deletion-marked duplicate.</summary>
    public static readonly string DuplicateDeletedRef = Ref("counterparty/tekhsnab-old");

    /// <summary>The name both carry.</summary>
    public const string DuplicateName = "ООО «Техснаб»";

    /// <summary>The number both carry.</summary>
    public const string DuplicatePhone = "+7 (499) 234-56-78";

    /// <summary>Its caller, which must identify the active one.</summary>
    public const string DuplicateCaller = "74992345678";

    /// <summary>A customer whose phone has an extension, stored as old key=value text.</summary>
    public static readonly string ExtensionRef = Ref("counterparty/kama-agro");

    /// <summary>Its name.</summary>
    public const string ExtensionName = "ООО «Кама-Агро»";

    /// <summary>Its phone's parts.</summary>
    public static readonly Fake1CPhone ExtensionPhone = new("+7", "843", "987-65-43", "15");

    /// <summary>The caller (without the extension).</summary>
    public const string ExtensionCaller = "78439876543";

    /// <summary>The extension.</summary>
    public const string ExtensionNumber = "15";

    /// <summary>A customer whose phone is stored as БСП 2.x XML.</summary>
    public static readonly string XmlRef = Ref("counterparty/kovaleva");

    /// <summary>Its name.</summary>
    public const string XmlName = "ИП Ковалёва Ирина";

    /// <summary>Its phone's parts.</summary>
    public static readonly Fake1CPhone XmlPhone = new("+7", "812", "245-67-89");

    /// <summary>Its caller.</summary>
    public const string XmlCaller = "78122456789";

    /// <summary>A customer whose only phone row is one unbroken group of digits.</summary>
    public static readonly string PresentationOnlyRef = Ref("counterparty/oleynikov");

    /// <summary>Its name.</summary>
    public const string PresentationOnlyName = "ИП Олейников Степан";

    /// <summary>Its presentation.</summary>
    public const string PresentationOnlyPhone = "89161112244";

    /// <summary>Its caller.</summary>
    public const string PresentationOnlyCaller = "79161112244";

    /// <summary>A customer with two numbers typed into one phone field.</summary>
    public static readonly string TwoNumbersRef = Ref("counterparty/apteka");

    /// <summary>Its name.</summary>
    public const string TwoNumbersName = "ООО «Аптека Здоровье»";

    /// <summary>The field.</summary>
    public const string TwoNumbersPhone = "+7 (383) 297-11-23, +7 (913) 311-22-34";

    /// <summary>Both callers.</summary>
    public static readonly IReadOnlyList<string> TwoNumbersCallers = ["73832971123", "79133112234"];

    /// <summary>The customer with the category <see cref="Fake1CProperties.OrdinaryCategory"/>: not a VIP.</summary>
    public static readonly string OrdinaryCategoryRef = TwoNumbersRef;

    /// <summary>A customer with a local 7-digit number.</summary>
    public static readonly string LocalNumberRef = Ref("counterparty/pyshka");

    /// <summary>Its name.</summary>
    public const string LocalNumberName = "Кафе \"Пышка\"";

    /// <summary>Its presentation.</summary>
    public const string LocalNumberPhone = "234-56-78";

    /// <summary>Its digits.</summary>
    public const string LocalNumberDigits = "2345678";

    /// <summary>A customer whose only number is a fax.</summary>
    public static readonly string FaxRef = Ref("counterparty/fax-center");

    /// <summary>Its name.</summary>
    public const string FaxName = "ООО «Факс-Центр»";

    /// <summary>The fax.</summary>
    public const string FaxPhone = "+7 (499) 490-11-11";

    /// <summary>Its caller.</summary>
    public const string FaxCaller = "74994901111";

    /// <summary>A customer with a number under <c>Другое</c>, a Skype name under <c>Другое</c> and a name typed into a phone.</summary>
    public static readonly string OtherRef = Ref("counterparty/sliva");

    /// <summary>Its name.</summary>
    public const string OtherName = "ООО «Слива»";

    /// <summary>The number under <c>Другое</c>.</summary>
    public const string OtherPhone = "+7 (963) 765-43-22";

    /// <summary>Its caller.</summary>
    public const string OtherCaller = "79637654322";

    /// <summary>Text under <c>Другое</c> that is not a number.</summary>
    public const string OtherText = "Telegram: @sliva_ekb";

    /// <summary>A name typed into its phone field.</summary>
    public const string JunkNamePresentation = "Ольга Петровна, снабжение";

    /// <summary>A private person whose only phone row is junk.</summary>
    public static readonly string JunkRef = Ref("counterparty/sidorov");

    /// <summary>Its name.</summary>
    public const string JunkName = "Сидоров Сидор Сидорович";

    /// <summary>The junk presentation.</summary>
    public const string JunkPresentation = "тел. 8903...";

    /// <summary>A private person whose manager is the empty reference.</summary>
    public static readonly string NoManagerRef = Ref("counterparty/tkachev");

    /// <summary>Its name.</summary>
    public const string NoManagerName = "Ткачёв Ярослав";

    /// <summary>Its phone.</summary>
    public const string NoManagerPhone = "+7 (905) 111-22-33";

    /// <summary>Its caller.</summary>
    public const string NoManagerCaller = "79051112233";

    /// <summary>A customer whose manager (<see cref="BondarevRef"/>) is deletion-marked.</summary>
    public static readonly string DeletedManagerCustomerRef = Ref("counterparty/grunt");

    /// <summary>Its name.</summary>
    public const string DeletedManagerCustomerName = "ООО «Грунт»";

    /// <summary>Its phone.</summary>
    public const string DeletedManagerCustomerPhone = "+7 (499) 333-44-55";

    /// <summary>Its caller.</summary>
    public const string DeletedManagerCustomerCaller = "74993334455";

    /// <summary>A customer whose manager (<see cref="NovikovaRef"/>) has no extension.</summary>
    public static readonly string NoExtensionManagerCustomerRef = Ref("counterparty/novyi-put");

    /// <summary>Its name.</summary>
    public const string NoExtensionManagerCustomerName = "ООО «Новый путь»";

    /// <summary>Its phone.</summary>
    public const string NoExtensionManagerCustomerPhone = "+7 (499) 888-11-22";

    /// <summary>Its caller.</summary>
    public const string NoExtensionManagerCustomerCaller = "74998881122";

    /// <summary>A customer the tests remove between runs.</summary>
    public static readonly string VanishingRef = Ref("counterparty/vremennye");

    /// <summary>Its name.</summary>
    public const string VanishingName = "ООО «Временные решения»";

    /// <summary>Its phone.</summary>
    public const string VanishingPhone = "+7 (499) 222-33-44";

    /// <summary>Its caller.</summary>
    public const string VanishingCaller = "74992223344";

    /// <summary>A customer blocked through the register of additional information.</summary>
    public static readonly string BlockedRef = Ref("counterparty/dolzhnik");

    /// <summary>Its name.</summary>
    public const string BlockedName = "ООО «Должник»";

    /// <summary>Its phone.</summary>
    public const string BlockedPhone = "+7 (499) 777-88-99";

    /// <summary>Its caller.</summary>
    public const string BlockedCaller = "74997778899";

    /// <summary>Its debt.</summary>
    public const decimal BlockedDebt = 98000m;

    /// <summary>A private person (<c>ЮридическоеФизическоеЛицо</c> <c>ФизическоеЛицо</c>) who overpaid.</summary>
    public static readonly string PersonRef = Ref("counterparty/gavrilov");

    /// <summary>His name.</summary>
    public const string PersonName = "Гаврилов Максим Петрович";

    /// <summary>His phone.</summary>
    public const string PersonPhone = "+7 (926) 111-22-44";

    /// <summary>His caller.</summary>
    public const string PersonCaller = "79261112244";

    /// <summary>His balance: negative (an advance).</summary>
    public const decimal PersonDebt = -1250.75m;

    /// <summary>A product blocked in the register of additional information: not a customer.</summary>
    public static readonly string BlockedProductRef = Ref("product/blocked");

    /// <summary>Ordinary customers, each with one phone (current JSON), managed by <see cref="ShevtsovRef"/>.</summary>
    public static readonly IReadOnlyList<(string Ref, string Name, string Phone, string Caller)> OrdinaryCustomers =
    [
        (Ref("counterparty/sibmetall"), "ПАО «Сибметалл»", "+7 (383) 790-12-34", "73837901234"),
        (Ref("counterparty/eko-ferma"), "ООО \"Эко-Ферма\"", "+7 (495) 404-50-61", "74954045061"),
        (Ref("counterparty/polishchuk"), "ИП Полищук Глеб", "+7 (903) 765-12-35", "79037651235"),
        (Ref("counterparty/yizhak"), "ТОВ «Їжак і Ко»", "+7 (499) 640-11-22", "74996401122"),
        (Ref("counterparty/logistik"), "ООО «Логистик-Урал»", "+7 (343) 590-60-70", "73435906070"),
    ];

    private static string Ref(string name) => Fake1CRef.Of("unf3/" + name);
}
