using AgiIdent.Fake1C;
using AgiIdent.Numbering;

namespace AgiIdent.Tests.Numbering;

/// <summary>
/// Every form of a phone in shared/1C-DATA.md, read back: what БСП stores when a phone is typed in place (its first
/// digit group becomes the country code whatever it is), what its dialog stores, and the older generations.
/// </summary>
public sealed class NumberParserBspStorageTests
{
    private const string Ua = "UA";
    private const string Ru = "RU";

    public static TheoryData<string, string, string> Fields => new()
    {
        // Current БСП, a real country code after '+' (the dialog), kept as it is.
        { Ua, Json("+38 (044) 123-45-67", "+38", "044", "123-45-67"), "380441234567" },
        { Ua, Json("+380 (44) 123-45-67", "+380", "44", "123-45-67"), "380441234567" },
        { Ua, Json("+7 (495) 987-65-43", "+7", "495", "987-65-43"), "74959876543" },
        { Ru, Json("+7 (916) 123-45-67", "+7", "916", "123-45-67"), "79161234567" },
        { Ru, Json("+38 (044) 123-45-67", "+38", "044", "123-45-67"), "380441234567" },

        // Current БСП, typed in place: the first digit group is no country code, the number is national.
        { Ua, Json("067 111 22 33", "067", "111", "22 33"), "380671112233" },
        { Ua, Json("(044) 235-00-11", "044", "235", "00-11"), "380442350011" },
        { Ua, Json("0 44 123 45 67", "0", "44", "123 45 67"), "380441234567" },
        { Ua, Json("80 (44) 123-45-67", "80", "44", "123-45-67"), "380441234567" },
        { Ua, Json("+38 (044) 123-45-67", "38", "044", "123-45-67"), "380441234567" },
        { Ua, Json("50 111 22 33", "50", "111", "22 33"), "380501112233" },
        { Ua, Json("8 (916) 123-45-67", "8", "916", "123-45-67"), "suffix:161234567" },
        { Ru, Json("8 (916) 123-45-67", "8", "916", "123-45-67"), "79161234567" },
        { Ru, Json("8 916 123-45-67", "8", "916", "123-45-67"), "79161234567" },
        { Ru, Json("(495) 987-65-43", "495", "987", "65-43"), "74959876543" },
        { Ru, Json("+8 (916) 123-45-67", "+8", "916", "123-45-67"), "79161234567" },
        { Ua, Json("+0 (44) 123-45-67", "+0", "44", "123-45-67"), "380441234567" },

        // Digits that can be a country code, written without '+' (the split drops it), read internationally when no plan fits.
        { Ua, Json("+7 (495) 987-65-43", "7", "495", "987-65-43"), "74959876543" },
        { Ru, Json("+38 (044) 123-45-67", "38", "044", "123-45-67"), "380441234567" },

        // The key=value generation.
        { Ua, "КодСтраны=+38\r\nКодГорода=044\r\nНомерТелефона=123-45-67\r\nДобавочный=12\r\nПредставление=+38 (044) 123-45-67, доб. 12", "380441234567" },
        { Ua, "КодСтраны=067\r\nКодГорода=111\r\nНомерТелефона=22 33\r\nДобавочный=\r\nПредставление=067 111 22 33", "380671112233" },
        { Ru, "КодСтраны=8\r\nКодГорода=916\r\nНомерТелефона=123-45-67\r\nДобавочный=\r\nПредставление=8 (916) 123-45-67", "79161234567" },
        { Ua, "кодстраны=044\r\nкодгорода=235\r\nномертелефона=00-11", "380442350011" },

        // The XML generation: КодСтраны holds no '+' there, a real one as well as a typed one.
        { Ua, Xml("+7 (495) 987-65-43", "7", "495", "987-65-43"), "74959876543" },
        { Ua, Xml("+380 (32) 245-67-89", "380", "32", "245-67-89"), "380322456789" },
        { Ua, Xml("067 111 22 33", "067", "111", "22 33"), "380671112233" },
        { Ru, Xml("8 (916) 123-45-67", "8", "916", "123-45-67"), "79161234567" },

        // Presentations with an extension.
        { Ua, "+38 (044) 123-45-67, доб. 12", "380441234567" },
        { Ua, "+38 (044) 123-45-67 вн. 15", "380441234567" },
        { Ua, "+38 (044) 123-45-67 ext 15", "380441234567" },
        { Ru, "+7 (495) 987-65-43, вн. 204", "74959876543" },

        // A label before the number.
        { Ru, "тел. 89161234567", "79161234567" },
        { Ua, "моб. 067 111 22 33", "380671112233" },

        // Under Другое the number is only in the presentation, and its JSON has no number parts.
        { Ua, "Viber: +380 93 555 66 77", "380935556677" },
        { Ua, """{"version":5,"value":"Viber: +380 93 555 66 77","comment":"","type":"Другое"}""", "380935556677" },
        { Ua, "WhatsApp: 093 555 66 77", "380935556677" },
    };

    public static TheoryData<string, string, string[]> TwoNumbers => new()
    {
        // Typed in place, the second number lands in extNumber and stays in the presentation.
        { Ua, Json("067 765 43 21, 050 111 22 33", "067", "765", "43 21", "050 111 22 33"), ["380677654321", "380501112233"] },
        { Ua, Json("+38 (032) 297-11-22, +38 (067) 311-22-33", "+38", "032", "297-11-22"), ["380322971122", "380673112233"] },
        { Ru, Json("8 (916) 123-45-67; 8 (495) 987-65-43", "8", "916", "123-45-67", "; 8 (495) 987-65-43"), ["79161234567", "74959876543"] },
        { Ua, "КодСтраны=+38\r\nКодГорода=044\r\nНомерТелефона=123-45-67\r\nПредставление=+38 (044) 123-45-67,\r\n\t+38 (067) 311-22-33", ["380441234567", "380673112233"] },
    };

    public static TheoryData<string, string, string> Problems => new()
    {
        { Ua, Json("101", "", "", "101"), "only 3 digits" },
        { Ua, "101", "only 3 digits" },
        { Ua, Json("тел. 8916...", "", "", "тел. 8916..."), "only 4 digits" },
        { Ua, "тел. 8916...", "only 4 digits" },
        { Ua, Json("Іван Петрович", "", "", "Іван Петрович"), "letters in the phone field" },
        { Ua, "КодСтраны=\r\nКодГорода=\r\nНомерТелефона=Олександр Їжак\r\nПредставление=Олександр Їжак", "letters in the phone field" },
        { Ua, Json("123-45-67", "123", "45", "67"), "AgiIdent:Numbering:AreaCode" },
        { Ua, """{"version":5,"value":"","comment":"","type":"Другое"}""", "no phone number" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void StoredField_IsReadAsTheNumberTheUserMeant(string plan, string field, string expected) =>
        Assert.Equal(expected, Show(Assert.Single(Parser(plan).ParseStored(field).Numbers)));

    [Theory]
    [MemberData(nameof(TwoNumbers))]
    public void TwoNumbersInOneField_TheSecondFromThePresentation(string plan, string field, string[] expected) =>
        Assert.Equal(expected, Parser(plan).ParseStored(field).Numbers.Select(Show));

    [Theory]
    [MemberData(nameof(Problems))]
    public void Junk_IsReportedAsAProblem_NotANumber(string plan, string field, string reason)
    {
        var stored = Parser(plan).ParseStored(field);

        Assert.Empty(stored.Numbers);
        Assert.Contains(reason, Assert.Single(stored.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123-45-67")]
    [InlineData("1234567")]
    public void LocalNumberTypedInPlace_TakesTheConfiguredAreaCode(string typed)
    {
        var withArea = new NumberParser(NumberingPlan.Ukraine, "044");

        Assert.All(
            Generations(typed),
            field => Assert.Equal("380441234567", Assert.Single(withArea.ParseStored(field).Numbers).E164));
    }

    [Theory]
    [InlineData(Ua, "067 111 22 33", "380671112233")]
    [InlineData(Ua, "(044) 235-00-11", "380442350011")]
    [InlineData(Ua, "+38 (044) 123-45-67, доб. 12", "380441234567")]
    [InlineData(Ua, "+380 44 123 45 67", "380441234567")]
    [InlineData(Ua, "0441234567", "380441234567")]
    [InlineData(Ua, "+7 (495) 987-65-43, вн. 204", "74959876543")]
    [InlineData(Ru, "8 (916) 123-45-67", "79161234567")]
    [InlineData(Ru, "+7 916 123-45-67", "79161234567")]
    [InlineData(Ru, "+7 9161234567", "79161234567")]
    [InlineData(Ru, "+79161234567", "79161234567")]
    [InlineData(Ru, "89161234567", "79161234567")]
    [InlineData(Ru, "(495) 987-65-43", "74959876543")]
    public void TypedInPlace_AndStoredInAnyGeneration_ReadsBack(string plan, string typed, string e164)
    {
        var numbers = Parser(plan);

        Assert.All(Generations(typed), field => Assert.Equal(e164, Assert.Single(numbers.ParseStored(field).Numbers).E164));
    }

    [Theory]
    [InlineData("38", true)]
    [InlineData("380", true)]
    [InlineData("7", true)]
    [InlineData("1", true)]
    [InlineData("48", true)]
    [InlineData("067", false)]
    [InlineData("044", false)]
    [InlineData("0", false)]
    [InlineData("8", false)]
    [InlineData("80", false)]
    [InlineData("3", false)]
    [InlineData("3801", false)]
    [InlineData("", false)]
    public void CountryCode_WrittenAfterPlus(string digits, bool real) =>
        Assert.Equal(real, NumberingPlan.IsCountryCode(digits));

    /// <summary>The same typed text as БСП stores it in each generation, and its presentation alone.</summary>
    private static string[] Generations(string typed)
    {
        var phone = Fake1CPhone.Parse(typed);
        return [Fake1CContactInformation.PhoneJson(phone), Fake1CContactInformation.PhoneKeyValue(phone), Fake1CContactInformation.PhoneXml(phone), phone.Presentation];
    }

    private static NumberParser Parser(string plan) => new(NumberingPlan.Known[plan]);

    private static string Show(StoredNumber number) => number.E164 ?? "suffix:" + number.Suffix;

    private static string Json(string value, string country, string area, string number, string extension = "") =>
        $$"""{"version":5,"value":"{{value}}","comment":"","type":"Телефон","countryCode":"{{country}}","areaCode":"{{area}}","number":"{{number}}","extNumber":"{{extension}}"}""";

    private static string Xml(string presentation, string country, string area, string number) =>
        $"""<КонтактнаяИнформация xmlns="http://www.v8.1c.ru/ssl/contactinfo" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Представление="{presentation}"><Комментарий/><Состав xsi:type="НомерТелефона" КодСтраны="{country}" КодГорода="{area}" Номер="{number}" Добавочный=""/></КонтактнаяИнформация>""";
}
