namespace AgiIdent.Fake1C;

/// <summary>
/// What <see cref="Fake1CDatasets.Ut11"/> holds and what a sync must make of it. Numbers are Ukrainian (+380);
/// callers are E.164 digits without '+'. The dataset is built from these members, so they cannot drift apart.
/// </summary>
public static class Ut11Facts
{
    /// <summary>The customer catalog (hierarchical).</summary>
    public const string CustomersSet = "Catalog_Партнеры";

    /// <summary>Legal entities; their phones count as their partner's.</summary>
    public const string CounterpartiesSet = "Catalog_Контрагенты";

    /// <summary>Contact persons (<c>Owner_Key</c> is the partner).</summary>
    public const string ContactsSet = "Catalog_КонтактныеЛицаПартнеров";

    /// <summary>Managers.</summary>
    public const string UsersSet = "Catalog_Пользователи";

    /// <summary>Currencies.</summary>
    public const string CurrenciesSet = "Catalog_Валюты";

    /// <summary>The debt register's balance; its rows name analytics keys, not partners.</summary>
    public const string DebtSet = "AccumulationRegister_РасчетыСКлиентами/Balance";

    /// <summary>The analytics keys (<c>Партнер_Key</c>, <c>Организация_Key</c>) the debt register's <c>АналитикаУчетаПоПартнерам_Key</c> names.</summary>
    public const string KeysSet = "Catalog_КлючиАналитикиУчетаПоПартнерам";

    /// <summary>The debt register's field that names an analytics key.</summary>
    public const string DebtKeyField = "АналитикаУчетаПоПартнерам_Key";

    /// <summary>The analytics key of a partner's settlements with an organization.</summary>
    public static string DebtKey(string partner, string organization) => Ref("key/" + partner + "/" + organization);

    // Managers (Catalog_Пользователи) and their extensions (phone rows of Catalog_Пользователи_КонтактнаяИнформация).

    /// <summary>Romashka's manager.</summary>
    public static readonly string KovalenkoRef = Ref("user/kovalenko");

    /// <summary>Her name.</summary>
    public const string KovalenkoName = "Коваленко Олена Миколаївна";

    /// <summary>Her extension; the phone row's presentation is this bare number.</summary>
    public const string KovalenkoExtension = "101";

    /// <summary>Another manager.</summary>
    public static readonly string ShevchenkoRef = Ref("user/shevchenko");

    /// <summary>His name.</summary>
    public const string ShevchenkoName = "Шевченко Тарас Андрійович";

    /// <summary>His extension.</summary>
    public const string ShevchenkoExtension = "205";

    /// <summary>How his extension is typed in his phone row.</summary>
    public const string ShevchenkoExtensionPresentation = "вн. 205";

    /// <summary>A deletion-marked user who is still some customers' manager.</summary>
    public static readonly string BondarRef = Ref("user/bondar");

    /// <summary>His name.</summary>
    public const string BondarName = "Бондар Ігор Васильович";

    /// <summary>His extension.</summary>
    public const string BondarExtension = "310";

    /// <summary>A user with no phone, manager of nobody.</summary>
    public static readonly string AdministratorRef = Ref("user/admin");

    // Currencies and organizations.

    /// <summary>Hryvnia.</summary>
    public static readonly string UahRef = Ref("currency/uah");

    /// <summary>Hryvnia's <c>Code</c>, the default debt currency for Ukrainian numbering.</summary>
    public const string UahCode = "980";

    /// <summary>US dollar.</summary>
    public static readonly string UsdRef = Ref("currency/usd");

    /// <summary>US dollar's <c>Code</c> (its debt goes to the attribute <c>debt_840</c>).</summary>
    public const string UsdCode = "840";

    /// <summary>The main organization of the infobase.</summary>
    public static readonly string MainOrganizationRef = Ref("organization/main");

    /// <summary>A second organization: debts come per currency and organization, and must be summed.</summary>
    public static readonly string SecondOrganizationRef = Ref("organization/second");

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

    // Customers (Catalog_Партнеры).

    /// <summary>
    /// A predefined partner (<c>РозничныйПокупатель</c>; УТ's partners have no folders, their hierarchy is of items),
    /// with a phone: no customer, its number identifies nobody.
    /// </summary>
    public static readonly string PredefinedRef = Ref("partner/retail");

    /// <summary>Its name.</summary>
    public const string PredefinedName = "Роздрібний покупець";

    /// <summary>Its predefined name.</summary>
    public const string PredefinedDataName = "РозничныйПокупатель";

    /// <summary>Its phone.</summary>
    public const string PredefinedPhone = "+38 (044) 100-00-01";

    /// <summary>Its caller: NOTFOUND.</summary>
    public const string PredefinedCaller = "380441000001";

    /// <summary>A user who left (<c>Недействителен</c>, not deletion-marked) and still some customer's manager.</summary>
    public static readonly string LeftUserRef = Ref("user/lysenko");

    /// <summary>His extension, which must not be routed to.</summary>
    public const string LeftUserExtension = "412";

    /// <summary>The customer whose manager left.</summary>
    public static readonly string LeftManagerCustomerRef = Ref("partner/lan");

    /// <summary>Its name.</summary>
    public const string LeftManagerCustomerName = "ТОВ «Лан»";

    /// <summary>Its phone.</summary>
    public const string LeftManagerCustomerPhone = "+38 (044) 333-44-66";

    /// <summary>Its caller.</summary>
    public const string LeftManagerCustomerCaller = "380443334466";

    /// <summary>The main customer: manager, flags, debts in two currencies, a counterparty with its own phone, email and address rows.</summary>
    public static readonly string RomashkaRef = Ref("partner/romashka");

    /// <summary>Its <c>Description</c>, the display name.</summary>
    public const string RomashkaName = "ТОВ «Ромашка»";

    /// <summary>Its <c>НаименованиеПолное</c>.</summary>
    public const string RomashkaFullName = "Товариство з обмеженою відповідальністю «Ромашка»";

    /// <summary>Its phone as typed (current JSON generation).</summary>
    public const string RomashkaPhone = "+38 (044) 123-45-67";

    /// <summary>The caller that must identify it.</summary>
    public const string RomashkaCaller = "380441234567";

    /// <summary>Its email row (type <c>АдресЭлектроннойПочты</c>), to be ignored.</summary>
    public const string RomashkaEmail = "buh@romashka.ua";

    /// <summary>Its address row (type <c>Адрес</c>), to be ignored.</summary>
    public const string RomashkaAddress = "01001, м. Київ, вул. Хрещатик, буд. 1, оф. 12";

    /// <summary>Its manager.</summary>
    public const string RomashkaManagerName = KovalenkoName;

    /// <summary>Its manager's extension.</summary>
    public const string RomashkaManagerExtension = KovalenkoExtension;

    /// <summary>The properties set on it: <see cref="Fake1CProperties.Prepayment"/> (true) and <see cref="Fake1CProperties.Category"/> (<see cref="Fake1CProperties.Vip"/>).</summary>
    public static readonly IReadOnlyList<string> RomashkaFlagProperties = [Fake1CProperties.Prepayment, Fake1CProperties.Category];

    /// <summary>Its hryvnia debt from the main organization.</summary>
    public const decimal RomashkaDebtUahMain = 12500.50m;

    /// <summary>Its hryvnia debt from the second organization.</summary>
    public const decimal RomashkaDebtUahSecond = 2000m;

    /// <summary>Its whole hryvnia debt (two register rows).</summary>
    public const decimal RomashkaDebtUah = RomashkaDebtUahMain + RomashkaDebtUahSecond;

    /// <summary>Its dollar balance: negative, an advance it paid.</summary>
    public const decimal RomashkaDebtUsd = -300m;

    /// <summary>Its legal entity in <c>Catalog_Контрагенты</c>.</summary>
    public static readonly string RomashkaCounterpartyRef = Ref("counterparty/romashka");

    /// <summary>The legal entity's own phone.</summary>
    public const string RomashkaCounterpartyPhone = "+38 (044) 123-45-68";

    /// <summary>The caller of that phone, which must identify Romashka (the partner).</summary>
    public const string RomashkaCounterpartyCaller = "380441234568";

    /// <summary>A deletion-marked contact person of Romashka.</summary>
    public static readonly string DeletedContactRef = Ref("contact/melnyk");

    /// <summary>Its name.</summary>
    public const string DeletedContactName = "Мельник Василь";

    /// <summary>Its phone.</summary>
    public const string DeletedContactPhone = "+38 (050) 999-88-77";

    /// <summary>Its caller.</summary>
    public const string DeletedContactCaller = "380509998877";

    /// <summary>One of two customers sharing an accountant's number (a person's business, ФОП).</summary>
    public static readonly string GudzRef = Ref("partner/gudz");

    /// <summary>Its name.</summary>
    public const string GudzName = "ФОП Ґудзь Євгенія Петрівна";

    /// <summary>The other one.</summary>
    public static readonly string YizhakRef = Ref("partner/yizhak");

    /// <summary>Its name, with straight quotes.</summary>
    public const string YizhakName = "ТОВ \"Їжак-Трейд\"";

    /// <summary>The shared number as Ґудзь's row has it (JSON).</summary>
    public const string SharedPhone = "+38 (044) 555-12-34";

    /// <summary>The shared number as Їжак's row has it (key=value, another spelling of the same number).</summary>
    public const string SharedPhoneOtherSpelling = "+380 (44) 555-12-34";

    /// <summary>The caller of the shared number.</summary>
    public const string SharedCaller = "380445551234";

    /// <summary>The two customers with the shared number.</summary>
    public static readonly IReadOnlyList<string> SharedRefs = [GudzRef, YizhakRef];

    /// <summary>A company whose reception number is also a contact person's; it has the prepayment attribute set to false.</summary>
    public static readonly string ZoryaRef = Ref("partner/zorya");

    /// <summary>Its name.</summary>
    public const string ZoryaName = "ПП \"Зоря\"";

    /// <summary>Its phone, also the phone of the contact person <see cref="SemenkoRef"/>.</summary>
    public const string ZoryaPhone = "+38 (057) 700-10-20";

    /// <summary>The caller of that number (company and contact person).</summary>
    public const string ZoryaCaller = "380577001020";

    /// <summary>A contact person of Zorya with her own mobile.</summary>
    public static readonly string ContactPersonRef = Ref("contact/petrenko");

    /// <summary>Her name.</summary>
    public const string ContactPersonName = "Петренко Оксана Іванівна";

    /// <summary>Her mobile.</summary>
    public const string ContactPersonPhone = "+38 (067) 123-45-67";

    /// <summary>Her caller.</summary>
    public const string ContactPersonCaller = "380671234567";

    /// <summary>Her company.</summary>
    public static readonly string ContactPersonOwnerRef = ZoryaRef;

    /// <summary>A contact person of Zorya whose phone is the company's number.</summary>
    public static readonly string SemenkoRef = Ref("contact/semenko");

    /// <summary>His name.</summary>
    public const string SemenkoName = "Семенко Дмитро";

    /// <summary>The customer whose prepayment attribute is false: the flag must not be set.</summary>
    public static readonly string PrepaymentFalseRef = ZoryaRef;

    /// <summary>An active customer with a deletion-marked duplicate of the same name and number.</summary>
    public static readonly string DuplicateRef = Ref("partner/budmaister");

    /// <summary>The deletion-marked duplicate.</summary>
    public static readonly string DuplicateDeletedRef = Ref("partner/budmaister-old");

    /// <summary>The name both carry.</summary>
    public const string DuplicateName = "ТОВ «Будмайстер»";

    /// <summary>The number both carry.</summary>
    public const string DuplicatePhone = "+38 (044) 234-56-78";

    /// <summary>Its caller, which must identify the active one.</summary>
    public const string DuplicateCaller = "380442345678";

    /// <summary>The active one's dollar debt (positive).</summary>
    public const decimal DuplicateDebtUsd = 1500m;

    /// <summary>A customer whose phone has an extension, stored as old key=value text.</summary>
    public static readonly string ExtensionRef = Ref("partner/dnipro-agro");

    /// <summary>Its name.</summary>
    public const string ExtensionName = "ТОВ «Дніпро-Агро»";

    /// <summary>Its phone's parts.</summary>
    public static readonly Fake1CPhone ExtensionPhone = new("+38", "056", "787-65-43", "204");

    /// <summary>The caller (without the extension).</summary>
    public const string ExtensionCaller = "380567876543";

    /// <summary>The extension.</summary>
    public const string ExtensionNumber = "204";

    /// <summary>A customer whose phone is stored as БСП 2.x XML.</summary>
    public static readonly string XmlRef = Ref("partner/koval");

    /// <summary>Its name.</summary>
    public const string XmlName = "ФОП Коваль Ірина Олегівна";

    /// <summary>Its phone's parts (country code 380, area code 32).</summary>
    public static readonly Fake1CPhone XmlPhone = new("+380", "32", "245-67-89");

    /// <summary>Its caller.</summary>
    public const string XmlCaller = "380322456789";

    /// <summary>A customer whose phone row has only a presentation (no brackets) and the derived columns.</summary>
    public static readonly string PresentationOnlyRef = Ref("partner/oliynyk");

    /// <summary>Its name.</summary>
    public const string PresentationOnlyName = "ФОП Олійник Степан";

    /// <summary>Its presentation; НомерТелефона is <c>0675554433</c>.</summary>
    public const string PresentationOnlyPhone = "067 555 44 33";

    /// <summary>Its caller.</summary>
    public const string PresentationOnlyCaller = "380675554433";

    /// <summary>A customer with two numbers typed into one phone field.</summary>
    public static readonly string TwoNumbersRef = Ref("partner/lviv-liky");

    /// <summary>Its name.</summary>
    public const string TwoNumbersName = "ТОВ «Львівські ліки»";

    /// <summary>The field; БСП puts the second number into the comment.</summary>
    public const string TwoNumbersPhone = "+38 (032) 297-11-22, +38 (067) 311-22-33";

    /// <summary>Both callers, each of which must identify it.</summary>
    public static readonly IReadOnlyList<string> TwoNumbersCallers = ["380322971122", "380673112233"];

    /// <summary>The customer with the category <see cref="Fake1CProperties.OrdinaryCategory"/>: not a VIP.</summary>
    public static readonly string OrdinaryCategoryRef = TwoNumbersRef;

    /// <summary>A customer with a local 7-digit number (no country or area code).</summary>
    public static readonly string LocalNumberRef = Ref("partner/smachno");

    /// <summary>Its name.</summary>
    public const string LocalNumberName = "Кафе \"Смачно\"";

    /// <summary>Its presentation.</summary>
    public const string LocalNumberPhone = "234-56-79";

    /// <summary>Its digits, as a local trunk would deliver them (Kyiv, area 44, in full: 380442345679).</summary>
    public const string LocalNumberDigits = "2345679";

    /// <summary>A customer whose only number is a fax (type <c>Факс</c>).</summary>
    public static readonly string FaxRef = Ref("partner/fax-service");

    /// <summary>Its name.</summary>
    public const string FaxName = "ТОВ «Факс-Сервіс»";

    /// <summary>The fax.</summary>
    public const string FaxPhone = "+38 (044) 490-11-11";

    /// <summary>Its caller.</summary>
    public const string FaxCaller = "380444901111";

    /// <summary>A customer with a number under <c>Другое</c>, plus a Skype name under <c>Другое</c> and a name typed into a phone.</summary>
    public static readonly string OtherRef = Ref("partner/vyshnya");

    /// <summary>Its name.</summary>
    public const string OtherName = "ТОВ «Вишня»";

    /// <summary>The number under <c>Другое</c> (stored as free text: no phone columns).</summary>
    public const string OtherPhone = "Viber: +38 (063) 765-43-21";

    /// <summary>Its caller.</summary>
    public const string OtherCaller = "380637654321";

    /// <summary>A second number under <c>Другое</c>, whose JSON <c>Значение</c> has an empty <c>value</c>: only <c>Представление</c> holds it.</summary>
    public const string OtherEmptyValuePhone = "WhatsApp: +38 (063) 765-43-99";

    /// <summary>Its caller, which must identify <see cref="OtherRef"/>.</summary>
    public const string OtherEmptyValueCaller = "380637654399";

    /// <summary>Text under <c>Другое</c> that is not a number.</summary>
    public const string OtherText = "Skype: vyshnya.kyiv";

    /// <summary>A name typed into its phone field; НомерТелефона becomes <c>Олександр</c>.</summary>
    public const string JunkNamePresentation = "Олександр, бухгалтер";

    /// <summary>A private person whose only phone row is junk.</summary>
    public static readonly string JunkRef = Ref("partner/ivanov");

    /// <summary>Its name.</summary>
    public const string JunkName = "Іванов Іван Іванович";

    /// <summary>The junk presentation, cut short by the user; НомерТелефона becomes <c>тел.067...</c>.</summary>
    public const string JunkPresentation = "тел. 067...";

    /// <summary>A private person whose manager is the empty reference.</summary>
    public static readonly string NoManagerRef = Ref("partner/tkachenko");

    /// <summary>Its name.</summary>
    public const string NoManagerName = "Ткаченко Ярослав";

    /// <summary>Its phone.</summary>
    public const string NoManagerPhone = "+38 (093) 111-22-33";

    /// <summary>Its caller.</summary>
    public const string NoManagerCaller = "380931112233";

    /// <summary>A customer whose manager (<see cref="BondarRef"/>) is deletion-marked.</summary>
    public static readonly string DeletedManagerCustomerRef = Ref("partner/grunt");

    /// <summary>Its name.</summary>
    public const string DeletedManagerCustomerName = "ТОВ «Ґрунт»";

    /// <summary>Its phone.</summary>
    public const string DeletedManagerCustomerPhone = "+38 (044) 333-44-55";

    /// <summary>Its caller.</summary>
    public const string DeletedManagerCustomerCaller = "380443334455";

    /// <summary>A customer the tests remove between runs.</summary>
    public static readonly string VanishingRef = Ref("partner/sezonni");

    /// <summary>Its name.</summary>
    public const string VanishingName = "ТОВ «Сезонні товари»";

    /// <summary>Its phone.</summary>
    public const string VanishingPhone = "+38 (044) 222-33-44";

    /// <summary>Its caller.</summary>
    public const string VanishingCaller = "380442223344";

    /// <summary>A customer blocked through the register of additional information; it also has the largest debt.</summary>
    public static readonly string BlockedRef = Ref("partner/borg-plus");

    /// <summary>Its name.</summary>
    public const string BlockedName = "ТОВ «Борг-Плюс»";

    /// <summary>Its phone.</summary>
    public const string BlockedPhone = "+38 (044) 777-88-99";

    /// <summary>Its caller.</summary>
    public const string BlockedCaller = "380447778899";

    /// <summary>Its hryvnia debt.</summary>
    public const decimal BlockedDebtUah = 98000m;

    /// <summary>A private person (<c>ЮрФизЛицо</c> <c>ЧастноеЛицо</c>) who overpaid.</summary>
    public static readonly string PersonRef = Ref("partner/havryliuk");

    /// <summary>Her name.</summary>
    public const string PersonName = "Гаврилюк Марія Степанівна";

    /// <summary>Her phone.</summary>
    public const string PersonPhone = "+38 (097) 111-22-33";

    /// <summary>Her caller.</summary>
    public const string PersonCaller = "380971112233";

    /// <summary>Her hryvnia balance: negative (an advance).</summary>
    public const decimal PersonDebtUah = -1250.75m;

    /// <summary>A product blocked in the register of additional information: not a customer, to be ignored.</summary>
    public static readonly string BlockedProductRef = Ref("product/blocked");

    /// <summary>Ordinary customers, each with one phone (current JSON), managed by <see cref="ShevchenkoRef"/>.</summary>
    public static readonly IReadOnlyList<(string Ref, string Name, string Phone, string Caller)> OrdinaryCustomers =
    [
        (Ref("partner/ukrmetal"), "ПАТ «Укрметал»", "+38 (056) 790-12-34", "380567901234"),
        (Ref("partner/eko-sad"), "ТОВ \"Еко-Сад\"", "+38 (066) 404-50-60", "380664045060"),
        (Ref("partner/polishchuk"), "ФОП Поліщук Богдан", "+38 (098) 765-12-34", "380987651234"),
        (Ref("partner/yednist"), "ТОВ «Єдність»", "+38 (061) 220-30-40", "380612203040"),
        (Ref("partner/khlib"), "ТОВ «Хліб Київщини»", "+38 (044) 401-02-03", "380444010203"),
        (Ref("partner/kyiv-logistic"), "ТОВ «Київ-Логістик»", "+38 (044) 590-60-70", "380445906070"),
    ];

    private static string Ref(string name) => Fake1CRef.Of("ut11/" + name);
}
