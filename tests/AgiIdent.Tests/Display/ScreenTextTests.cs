using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Numbering;

namespace AgiIdent.Tests.Display;

/// <summary>What the phone shows for real-looking 1C names, with the default template and marks, at four screen widths.</summary>
public sealed class ScreenTextTests
{
    private static readonly int[] Widths = [12, 16, 20, 24];

    private static readonly CallerNumber Kyiv = new("380441234567", "fixed", "UA");

    /// <summary>kind, 1C name, 1C short name, flags, contact, parties on the number, then the screen at 12, 16, 20 and 24 characters.</summary>
    public static TheoryData<string, string, string?, string[], string?, int, string, string, string, string> Names => new()
    {
        { "company","Товариство з обмеженою відповідальністю \"Ромашка\"", null, ["Prepayment"], null, 1, "$ Ромашка", "$ ТОВ \"Ромашка\"", "$ ТОВ \"Ромашка\"", "$ ТОВ \"Ромашка\"" },
        { "company","Общество с ограниченной ответственностью «Северный ветер»", null, ["VIP"], "Орлова Мария Сергеевна", 1, "* Северный", "* Северный ветер", "* ООО Северный ветер", "* ООО \"Северный ветер\"" },
        { "company","Фізична особа-підприємець Шевченко Тарас Григорович", null, [], null, 1, "Шевченко", "Шевченко Т.Г.", "ФОП Шевченко Т.Г.", "ФОП Шевченко Т.Г." },
        { "company","Индивидуальный предприниматель Петров Иван Сергеевич", null, ["Blocked"], null, 1, "X Петров", "X ИП Петров И.С.", "X ИП Петров И.С.", "X ИП Петров И.С." },
        { "company","Приватне підприємство «Львівська кав'ярня»", null, [], "Ковальчук Наталія Іванівна", 2, "Львівська", "Львівська", "Львівська кав'ярня", "ПП \"Львівська кав'ярня\"" },
        { "company","Публичное акционерное общество \"Газпром нефть\"", null, ["VIP"], null, 1, "* Газпром", "* Газпром нефть", "* ПАО Газпром нефть", "* ПАО \"Газпром нефть\"" },
        { "company","Приватне акціонерне товариство „Одеський порт-сервіс“", null, ["VIP","Prepayment"], null, 1, "$* Одеський", "$* Одеський", "$* Одеський", "$* Одеський порт-сервіс" },
        { "person","Бондаренко Ірина Василівна", null, [], null, 1, "Бондаренко", "Бондаренко І.В.", "Бондаренко І.В.", "Бондаренко І.В." },
        { "person","Иванов Иван Иванович", null, [], null, 3, "Иванов И.И.", "Иванов И.И. +2", "Иванов И.И. +2", "Иванов И.И. +2" },
        { "company","Акционерное общество «Укрпромтехинвестстрой»", null, [], null, 1, "Укрпромтехин", "Укрпромтехинвест", "Укрпромтехинвестстро", "АО Укрпромтехинвестстрой" },
        { "company","ТОВ \"Будмайстер\"", null, [], "Мельник Андрій Петрович", 1, "Будмайстер", "ТОВ \"Будмайстер\"", "ТОВ \"Будмайстер\"", "ТОВ \"Будмайстер\"" },
        { "company","Товариство з обмеженою відповідальністю \"Галицький текстиль\"", "ТОВ „Галицький текстиль“", ["Blocked","VIP"], null, 1, "X* Галицький", "X* Галицький", "X* Галицький", "X* Галицький текстиль" },
        { "company","Частное предприятие \"Альфа\"", null, ["Prepayment"], "Сидоров П.", 1, "$ ЧП \"Альфа\"", "$ ЧП \"Альфа\"", "$ ЧП \"Альфа\"", "$ ЧП \"Альфа\", Сидоров П." },
        { "company","Закрытое акционерное общество \"Торговый дом «Волга»\"", null, [], null, 1, "Торговый дом", "Торговый дом", "Торговый дом Волга", "ЗАО Торговый дом Волга" },
        { "company","Wisła Trading Sp. z o.o.", null, [], "Jan Kowalski", 1, "Wisła Tradin", "Wisła Trading", "Wisła Trading Sp. z", "Wisła Trading Sp. z o.o." },
        { "company","Товарищество с ограниченной ответственностью «Алматы Трейд Групп»", null, [], null, 1, "Алматы Трейд", "Алматы Трейд", "Алматы Трейд Групп", "ТОО \"Алматы Трейд Групп\"" },
        { "company","Фізична особа - підприємець Ґудзь Євген Юрійович", null, ["VIP"], null, 1, "* Ґудзь Є.Ю.", "* ФОП Ґудзь Є.Ю.", "* ФОП Ґудзь Є.Ю.", "* ФОП Ґудзь Є.Ю." },
        { "company","Державне підприємство «Антонов»", null, [], "Їжакевич Яна", 2, "ДП \"Антонов\"", "ДП \"Антонов\" +1", "ДП \"Антонов\" +1", "ДП \"Антонов\" +1" },
        { "company","Товариство з додатковою відповідальністю \"Житомирхліб\"", null, [], null, 1, "Житомирхліб", "ТДВ Житомирхліб", "ТДВ \"Житомирхліб\"", "ТДВ \"Житомирхліб\"" },
        { "company","Публічне акціонерне товариство \"Укрнафта\"", null, ["VIP"], "Пʼятак Олег", 1, "* Укрнафта", "* ПАТ \"Укрнафта\"", "* ПАТ \"Укрнафта\"", "* ПАТ \"Укрнафта\"" },
        { "company","Акціонерне товариство «Ощадбанк»", null, [], null, 1, "АТ Ощадбанк", "АТ \"Ощадбанк\"", "АТ \"Ощадбанк\"", "АТ \"Ощадбанк\"" },
        { "company","Комунальне підприємство «Київводоканал»", null, ["Prepayment"], null, 1, "$ Київводока", "$ Київводоканал", "$ КП \"Київводоканал\"", "$ КП \"Київводоканал\"" },
        { "company","Громадська організація \"Зелений Світ\"", null, [], null, 1, "Зелений Світ", "ГО Зелений Світ", "ГО \"Зелений Світ\"", "ГО \"Зелений Світ\"" },
        { "company","Открытое акционерное общество \"\"Рога и копыта\"\"", null, [], null, 1, "Рога и", "Рога и копыта", "ОАО \"Рога и копыта\"", "ОАО \"Рога и копыта\"" },
        { "company","Фермерське господарство \"Золотий колос\"", null, [], "Ткаченко Оксана Петрівна", 1, "Золотий", "ФГ Золотий колос", "ФГ \"Золотий колос\"", "ФГ \"Золотий колос\"" },
        { "person","Семёнов Пётр Алексеевич", null, ["VIP"], null, 1, "* Семёнов", "* Семёнов П.А.", "* Семёнов П.А.", "* Семёнов П.А." },
        { "company","Общество с ограниченной ответственностью «Рога и копыта»", "Рога и копыта ООО", [], null, 1, "Рога и", "Рога и копыта", "Рога и копыта ООО", "Рога и копыта ООО" },
        { "company","Веселка", null, [], "Марія", 1, "Веселка", "Веселка, Марія", "Веселка, Марія", "Веселка, Марія" },
        { "company","  Общество   с ограниченной\tответственностью  \"СтройИнвест\"  ", null, [], null, 1, "СтройИнвест", "ООО СтройИнвест", "ООО \"СтройИнвест\"", "ООО \"СтройИнвест\"" },
        { "company","ТОВ \"Агро-2000\"", null, ["Blocked","Prepayment","VIP"], null, 5, "X$* Агро-200", "X$* Агро-2000 +4", "X$* ТОВ \"Агро-2000\"", "X$* ТОВ \"Агро-2000\" +4" },
        { "company","Фізична особа-підприємець Коваль Іван", null, [], null, 1, "Коваль І.", "ФОП Коваль І.", "ФОП Коваль І.", "ФОП Коваль І." },
        { "company","Индивидуальный предприниматель Мамедов Рашид Гусейн оглы", null, [], null, 1, "Мамедов", "Мамедов Рашид", "Мамедов Рашид Гусейн", "Мамедов Рашид Гусейн" },
        { "person","Де ла Круз Мария Хосе Фернандес", null, [], null, 1, "Де ла Круз", "Де ла Круз Мария", "Де ла Круз Мария", "Де ла Круз Мария Хосе" },
        { "company","Спільне підприємство \"Укр-Франс\"", null, [], "Жан-Поль Дюбуа", 1, "СП Укр-Франс", "СП \"Укр-Франс\"", "СП \"Укр-Франс\"", "СП \"Укр-Франс\"" },
        { "company","Товариство з обмеженою відповідальністю «Світ»", null, [], "Олійник Дмитро Сергійович", 1, "ТОВ \"Світ\"", "ТОВ \"Світ\"", "ТОВ \"Світ\"", "ТОВ \"Світ\", Олійник Д.С." },
        { "company","Крестьянское фермерское хозяйство «Рассвет»", null, ["Prepayment"], null, 2, "$ Рассвет +1", "$ КФХ \"Рассвет\"", "$ КФХ \"Рассвет\" +1", "$ КФХ \"Рассвет\" +1" },
        { "company","ООО \"Ромашка\"", null, [], "Кузнецова А.", 1, "ООО Ромашка", "ООО \"Ромашка\"", "ООО \"Ромашка\"", "ООО \"Ромашка\"" },
        { "company","Акционерное общество \"Мосэнергосбыт\"", null, [], null, 1, "Мосэнергосбы", "АО Мосэнергосбыт", "АО \"Мосэнергосбыт\"", "АО \"Мосэнергосбыт\"" },
        { "company","Государственное унитарное предприятие «Мосгортранс»", null, [], null, 1, "Мосгортранс", "ГУП Мосгортранс", "ГУП \"Мосгортранс\"", "ГУП \"Мосгортранс\"" },
        { "company","Приватний підприємець Бойко Василь Миколайович", null, [], null, 1, "Бойко В.М.", "ПП Бойко В.М.", "ПП Бойко В.М.", "ПП Бойко В.М." },
        { "company","Некоммерческая организация «Фонд»", null, [], null, 1, "НКО \"Фонд\"", "НКО \"Фонд\"", "НКО \"Фонд\"", "НКО \"Фонд\"" },
        { "company","ФОП Шевченко Тарас Григорович", null, [], null, 1, "Шевченко", "Шевченко Т.Г.", "ФОП Шевченко Т.Г.", "ФОП Шевченко Т.Г." },
        { "company","ИП Петров Иван Сергеевич", null, ["Blocked"], null, 1, "X Петров", "X ИП Петров И.С.", "X ИП Петров И.С.", "X ИП Петров И.С." },
        { "company","ИП Иванов Иван Иванович", null, [], null, 1, "Иванов И.И.", "ИП Иванов И.И.", "ИП Иванов И.И.", "ИП Иванов И.И." },
        { "company","Индивидуальный предприниматель Иванов Иван Иванович", null, [], null, 1, "Иванов И.И.", "ИП Иванов И.И.", "ИП Иванов И.И.", "ИП Иванов И.И." },
        { "company","ФЛП Ґудзь Євген Юрійович", null, ["VIP"], null, 1, "* Ґудзь Є.Ю.", "* ФЛП Ґудзь Є.Ю.", "* ФЛП Ґудзь Є.Ю.", "* ФЛП Ґудзь Є.Ю." },
        { "company","Фізична особа-підприємець Бойко Василь Миколайович", "ФОП Бойко Василь Миколайович", [], null, 1, "Бойко В.М.", "ФОП Бойко В.М.", "ФОП Бойко В.М.", "ФОП Бойко В.М." },
        // A sole trader kept in 1C as a person (ЮрФизЛицо = ФизЛицо) gets the same initials as one kept as a company.
        { "person","ФОП Шевченко Тарас Григорович", null, [], null, 1, "Шевченко", "Шевченко Т.Г.", "ФОП Шевченко Т.Г.", "ФОП Шевченко Т.Г." },
        { "person","ИП Иванов Иван Иванович", null, [], null, 1, "Иванов И.И.", "ИП Иванов И.И.", "ИП Иванов И.И.", "ИП Иванов И.И." },
        { "person","Фізична особа-підприємець Коваль Іван Петрович", null, ["VIP"], null, 1, "* Коваль", "* Коваль І.П.", "* ФОП Коваль І.П.", "* ФОП Коваль І.П." },
        { "person","Индивидуальный предприниматель Петров Иван Сергеевич", null, [], null, 2, "Петров И.С.", "ИП Петров И.С.", "ИП Петров И.С. +1", "ИП Петров И.С. +1" },
        { "person","Бойко Василь Миколайович", "ФОП Бойко Василь Миколайович", [], null, 1, "Бойко В.М.", "ФОП Бойко В.М.", "ФОП Бойко В.М.", "ФОП Бойко В.М." },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void DefaultScreen_AtEveryWidth(string kind, string name, string? shortName, string[] flags, string? contact, int matches, string at12, string at16, string at20, string at24)
    {
        var party = new Party("id", "code", kind == "person" ? PartyKind.Person : PartyKind.Company, name, shortName, flags, null, null, null, null,
            new Dictionary<string, string>(), false, [new PartyPhone("+380441234567", null, contact, [])]);
        string[] expected = [at12, at16, at20, at24];
        for (var i = 0; i < Widths.Length; i++)
        {
            var screen = ScreenComposer.Compose(Profile(Widths[i]), new PartyMatch(party, party.Phones[0]), matches, Kyiv);
            Assert.Equal(expected[i], screen);
            Assert.True(ScreenWidth.Length(screen) <= Widths[i], $"'{screen}' is wider than {Widths[i]}");
        }
    }

    [Theory]
    [InlineData("ТОВ \"Ромашка\"", "TOV \"Romashka\"")]
    [InlineData("Шевченко Тарас", "Shevchenko Taras")]
    [InlineData("Їжакевич Яна Юріївна", "Yizhakevych Yana Yuriivna")]
    [InlineData("Єрмак Євген", "Yermak Yevhen")]
    [InlineData("Згурська Ірина", "Zghurska Iryna")]
    [InlineData("ФОП Ґудзь Є.Ю.", "FOP Gudz Ye.Yu.")]
    [InlineData("Пʼятак Олег Іванович", "Piatak Oleh Ivanovych")]
    [InlineData("ООО Северный ветер", "OOO Severnyi veter")]
    [InlineData("Щукин Юрий", "Shchukin Iurii")]
    [InlineData("Соловьёв Подъячев", "Solovev Podieiachev")]
    [InlineData("Wisła Trading", "Wisła Trading")]
    public void Transliteration_UkrainianOrRussianByTheString(string cyrillic, string latin) =>
        Assert.Equal(latin, Transliteration.ToLatin(cyrillic));

    [Fact]
    public void MaxBytes_CutsForOldPhonesThatCountBytes()
    {
        var party = new Party("id", "c", PartyKind.Company, "Товариство з обмеженою відповідальністю \"Будмайстер\"", null, [], null, null, null, null,
            new Dictionary<string, string>(), false, [new PartyPhone("x", null, null, [])]);
        var profile = Profile(24) with { Width = new ScreenWidth(24, 20) };
        var screen = ScreenComposer.Compose(profile, new PartyMatch(party, party.Phones[0]), 1, Kyiv);
        Assert.Equal("Будмайстер", screen);
        Assert.Equal("Будмайст", ScreenComposer.Compose(Profile(24) with { Width = new ScreenWidth(24, 16) }, new PartyMatch(party, party.Phones[0]), 1, Kyiv));
    }

    [Fact]
    public void Transliterated_ProfileWritesLatinAndFitsTheLatinLength()
    {
        var party = new Party("id", "c", PartyKind.Company, "Товариство з обмеженою відповідальністю «Їжак»", null, ["VIP"], null, null, null, null,
            new Dictionary<string, string>(), false, [new PartyPhone("x", null, "Щербак Юлія Євгенівна", [])]);
        var profile = Profile(24) with { Transliterate = true };
        Assert.Equal("* TOV \"Yizhak\", Shcherbak Yu.Ye.", ScreenComposer.Compose(profile with { Width = new ScreenWidth(32, null) }, new PartyMatch(party, party.Phones[0]), 1, Kyiv));
        Assert.Equal("* TOV \"Yizhak\"", ScreenComposer.Compose(profile, new PartyMatch(party, party.Phones[0]), 1, Kyiv));
    }

    [Theory]
    [InlineData("{name", "column 1: expected '}'")]
    [InlineData("{nmae}", "column 2: expected a field")]
    [InlineData("{name}[ {contact}", "']' to close")]
    [InlineData("[[{name}]]", "groups do not nest")]
    [InlineData("just text", "at least one {field}")]
    public void BadTemplate_SaysWhereAndWhatWasExpected(string template, string message) =>
        Assert.Contains(message, Assert.Throws<TemplateException>(() => ScreenTemplate.Parse(template)).Message, StringComparison.Ordinal);

    [Fact]
    public void CustomTemplate_ShowsManagerDebtAndHint()
    {
        var party = new Party("id", "c", PartyKind.Company, "ТОВ \"Ромашка\"", null, ["Prepayment"], 12500.5m, new Manager("Коваленко Олена Миколаївна", "101"), null, null,
            new Dictionary<string, string> { ["hint"] = "Тільки передоплата" }, false, [new PartyPhone("x", null, null, [])]);
        var profile = Profile(48) with { Template = ScreenTemplate.Parse("{name} {debt}[ ({manager_ext})][ {hint}]") };
        Assert.Equal("ТОВ \"Ромашка\" 12500.5 (101) Тільки передоплата", ScreenComposer.Compose(profile, new PartyMatch(party, party.Phones[0]), 1, new CallerNumber("1", string.Empty, string.Empty)));
    }

    private static ScreenProfile Profile(int width) => new(
        "default",
        ScreenTemplate.Parse(AgiIdent.Display.DisplayOptions.DefaultTemplate),
        new ScreenWidth(width, null),
        [new("Blocked", "X"), new("Prepayment", "$"), new("VIP", "*")],
        false,
        []);
}
