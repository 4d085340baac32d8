using AgiIdent.Numbering;

namespace AgiIdent.Tests.Numbering;

public sealed class NumberParserTests
{
    private static readonly NumberParser Ukraine = new(NumberingPlan.Ukraine);
    private static readonly NumberParser Russia = new(NumberingPlan.Russia);

    [Theory]
    [InlineData("0441234567")]
    [InlineData("+380441234567")]
    [InlineData("380441234567")]
    [InlineData("00380441234567")]
    [InlineData("80441234567")]
    [InlineData("441234567")]
    [InlineData("+38 (044) 123-45-67")]
    [InlineData("tel:+380441234567")]
    [InlineData("sip:0441234567@trunk.example")]
    public void UkrainianTrunkForms_AllBecomeOneE164Number(string caller)
    {
        Assert.Equal(CallerNumberKind.Usable, Ukraine.ParseCaller(caller, out var e164));
        Assert.Equal("380441234567", e164);
    }

    [Theory]
    [InlineData("+79161234567")]
    [InlineData("79161234567")]
    [InlineData("89161234567")]
    [InlineData("9161234567")]
    [InlineData("81079161234567")]
    public void RussianTrunkForms_WithRussianPlan(string caller)
    {
        Assert.Equal(CallerNumberKind.Usable, Russia.ParseCaller(caller, out var e164));
        Assert.Equal("79161234567", e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("unknown")]
    [InlineData("anonymous")]
    [InlineData("Restricted")]
    [InlineData("Withheld")]
    [InlineData("Unavailable")]
    [InlineData("123")]
    [InlineData("0441")]
    public void WithheldOrUnusable_IsAnonymous(string? caller)
    {
        Assert.Equal(CallerNumberKind.Anonymous, Ukraine.ParseCaller(caller, out var e164));
        Assert.Equal(string.Empty, e164);
    }

    [Theory]
    [InlineData("+38 (044) 123-45-67", new[] { "380441234567" })]
    [InlineData("067 765 43 21, 050 111 22 33", new[] { "380677654321", "380501112233" })]
    [InlineData("067-765-43-21; 050-111-22-33", new[] { "380677654321", "380501112233" })]
    [InlineData("+38 (044) 200-10-20 доб. 15", new[] { "380442001020" })]
    [InlineData("+7 (495) 987-65-43, вн. 204", new[] { "74959876543" })]
    [InlineData("8 (916) 123-45-67", new[] { "suffix:161234567" })]
    [InlineData("(812) 448-27-16", new[] { "suffix:124482716" })]
    [InlineData("+48 22 614 37 90", new[] { "48226143790" })]
    [InlineData("Иван Петрович", new string[0])]
    [InlineData("101", new string[0])]
    [InlineData("""{"version":5,"value":"+38 (032) 297-11-22, +38 (067) 311-22-33","comment":"+38 (067) 311-22-33","type":"Телефон","countryCode":"+38","areaCode":"032","number":"297-11-22","extNumber":""}""", new[] { "380322971122", "380673112233" })]
    [InlineData("""{"version":5,"value":"+38 (044) 123-45-67, Олександр, бухгалтер","comment":"Олександр, бухгалтер","type":"Телефон","countryCode":"+38","areaCode":"044","number":"123-45-67","extNumber":""}""", new[] { "380441234567" })]
    public void StoredFields_AsPeopleTypeThemIn1C(string field, string[] expected) =>
        Assert.Equal(expected, Ukraine.ParseStored(field).Numbers.Select(n => n.E164 ?? "suffix:" + n.Suffix));

    [Theory]
    [InlineData("""{"version":5,"value":"8 (916) 223-45-67","comment":"","type":"Телефон","countryCode":"8","areaCode":"916","number":"223-45-67","extNumber":""}""")]
    [InlineData("КодСтраны=8\r\nКодГорода=916\r\nНомерТелефона=223-45-67\r\nДобавочный=\r\nПредставление=8 (916) 223-45-67")]
    public void Regression_TrunkPrefixKeptAsTheCountryCode_IsNational(string field) =>
        Assert.Equal("79162234567", Assert.Single(Russia.ParseStored(field).Numbers).E164);

    [Theory]
    [InlineData("BY", "80171234567", "375171234567")]
    [InlineData("BY", "+375 29 123-45-67", "375291234567")]
    [InlineData("BY", "810375291234567", "375291234567")]
    [InlineData("PL", "226143790", "48226143790")]
    [InlineData("PL", "0048226143790", "48226143790")]
    [InlineData("KZ", "87272501836", "77272501836")]
    [InlineData("E164", "+380441234567", "380441234567")]
    [InlineData("E164", "4930123456789", "4930123456789")]
    public void OtherCountryPlans(string country, string caller, string e164)
    {
        var numbers = new NumberParser(NumberingPlan.Known[country]);
        Assert.Equal(CallerNumberKind.Usable, numbers.ParseCaller(caller, out var number));
        Assert.Equal(e164, number);
    }

    [Theory]
    [InlineData("1234567", "44", "380441234567")]
    [InlineData("1234567", "044", "380441234567")]
    [InlineData("123-45-67", "044", "380441234567")]
    public void AreaCode_CompletesLocalNumbers(string local, string area, string e164)
    {
        var numbers = new NumberParser(NumberingPlan.Ukraine, area);
        Assert.Equal(CallerNumberKind.Usable, numbers.ParseCaller(local, out var number));
        Assert.Equal(e164, number);
        Assert.Equal(e164, Assert.Single(numbers.ParseStored(local).Numbers).E164);
    }

    [Fact]
    public void LocalStoredNumber_WithoutAreaCode_IsRejectedWithAReason()
    {
        var stored = Ukraine.ParseStored("123-45-67");
        Assert.Empty(stored.Numbers);
        Assert.Contains("AgiIdent:Numbering:AreaCode", Assert.Single(stored.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version":5,"value":"+38 (044) 123-45-67, доб. 12","comment":"","type":"Телефон","countryCode":"+38","areaCode":"044","number":"123-45-67","extNumber":"12"}""", "380441234567")]
    [InlineData("""{"version":5,"value":"8 (916) 123-45-67","type":"Телефон","countryCode":"+7","areaCode":"916","number":"123-45-67"}""", "79161234567")]
    [InlineData("""{"version":5,"value":"067 765 43 21","type":"Телефон","countryCode":"","areaCode":"","number":""}""", "380677654321")]
    [InlineData("КодСтраны=+38\nКодГорода=044\nНомерТелефона=123-45-67\nДобавочный=\nПредставление=+38 (044) 123-45-67", "380441234567")]
    [InlineData("""<КонтактнаяИнформация xmlns="http://www.v8.1c.ru/ssl/contactinfo" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Представление="+7 (495) 987-65-43"><Состав xsi:type="НомерТелефона" КодСтраны="7" КодГорода="495" Номер="987-65-43" Добавочный="204"/></КонтактнаяИнформация>""", "74959876543")]
    [InlineData("380441234567", "380441234567")]
    [InlineData("тел. 044 123 45 67", "380441234567")]
    [InlineData("+38 (044) 123-45-67 # 15", "380441234567")]
    [InlineData("067 765 43 21 ext. 5", "380677654321")]
    public void StoredFields_EveryBspGeneration(string field, string e164) =>
        Assert.Equal(e164, Ukraine.ParseStored(field).Numbers[0].E164);

    [Theory]
    [InlineData("Иван Петрович", "letters in the phone field")]
    [InlineData("101", "only 3 digits")]
    [InlineData("12-34", "only 4 digits")]
    [InlineData("", "empty phone field")]
    [InlineData("<Контакт><Broken", "letters in the phone field")]
    public void Junk_IsRejectedWithTheReason(string field, string reason)
    {
        var stored = Ukraine.ParseStored(field);
        Assert.Empty(stored.Numbers);
        Assert.Contains(reason, Assert.Single(stored.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoNumbersAndJunk_InOneField_KeepTheNumbersAndReportTheJunk()
    {
        var stored = Ukraine.ParseStored("067 765 43 21 / 050 111 22 33; спросить Олега");
        Assert.Equal(["380677654321", "380501112233"], stored.Numbers.Select(n => n.E164));
        Assert.Contains("спросить Олега", Assert.Single(stored.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void MatchDigits_IsConfigurable()
    {
        var numbers = new NumberParser(NumberingPlan.Ukraine, matchDigits: 10);
        Assert.Equal("9161234567", numbers.ParseStored("8 (916) 123-45-67").Numbers[0].Suffix);
        Assert.Equal("161234567", Ukraine.ParseStored("8 (916) 123-45-67").Numbers[0].Suffix);
    }

    [Theory]
    [InlineData("DE", "030 12345678", "493012345678")]
    [InlineData("DE", "+49 89 1234567", "49891234567")]
    [InlineData("DE", "0049 30 12345678", "493012345678")]
    [InlineData("US", "(212) 812-0000", "12128120000")]
    [InlineData("US", "1 212 812 0000", "12128120000")]
    [InlineData("US", "011 380 44 123 4567", "380441234567")]
    [InlineData("GB", "020 7946 0018", "442079460018")]
    public void AnyRegionLibphonenumberKnows_ReadsItsNationalForms(string country, string caller, string e164)
    {
        Assert.True(NumberingPlan.TryFor(country, out var plan));
        Assert.Equal(CallerNumberKind.Usable, new NumberParser(plan).ParseCaller(caller, out var number));
        Assert.Equal(e164, number);
    }

    [Fact]
    public void AnyRegion_StoredNumbersOfVaryingLength_AreReadWithItsMetadata()
    {
        var germany = new NumberParser(NumberingPlan.For("DE"));
        Assert.Equal(["493012345678", "49891234567"], germany.ParseStored("030 12345678, 089 1234567").Numbers.Select(n => n.E164));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("Ukraine")]
    [InlineData("")]
    public void UnknownRegion_HasNoPlan(string country) =>
        Assert.False(NumberingPlan.TryFor(country, out _));

    [Theory]
    [InlineData("89161234567", "79161234567")]
    [InlineData("8 916 123-45-67", "79161234567")]
    [InlineData("74959876543", "74959876543")]
    [InlineData("48226143790", "48226143790")]
    [InlineData("375291234567", "375291234567")]
    public void CallerNumber_IsE164_EvenInAnotherCountrysForm(string caller, string e164)
    {
        Assert.Equal(CallerNumberKind.Usable, Ukraine.ParseCaller(caller, out var number));
        Assert.Equal(e164, number);
    }

    [Theory]
    [InlineData("0000000000")]
    [InlineData("+380000000000")]
    [InlineData("1111111111")]
    public void InvalidNumbers_AreNoCallerNumber(string caller) =>
        Assert.Equal(CallerNumberKind.Anonymous, Ukraine.ParseCaller(caller, out _));

    [Theory]
    [InlineData("0000000000")]
    [InlineData("+38 (000) 000-00-00")]
    [InlineData("""{"version":5,"value":"000 000 00 00","type":"Телефон","countryCode":"000","areaCode":"000","number":"00-00"}""")]
    public void InvalidStoredNumbers_AreJunkWithTheReason(string field)
    {
        var stored = Ukraine.ParseStored(field);
        Assert.Empty(stored.Numbers);
        Assert.Contains("not a valid number", Assert.Single(stored.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0677654321", "380677654321", "mobile", "UA")]
    [InlineData("0441234567", "380441234567", "fixed", "UA")]
    [InlineData("0800500500", "380800500500", "tollfree", "UA")]
    [InlineData("89161234567", "79161234567", "mobile", "RU")]
    [InlineData("+77272501836", "77272501836", "fixed", "KZ")]
    public void CallerNumber_CarriesItsTypeAndRegion(string caller, string e164, string type, string region) =>
        Assert.Equal(new CallerNumber(e164, type, region), Ukraine.ReadCaller(caller));

    [Theory]
    [InlineData("UA", "+380 (0) 67 123 45 67", "380671234567")]
    [InlineData("UA", "+380 067 123 45 67", "380671234567")]
    [InlineData("RU", "+7 (8) 916 123 45 67", "79161234567")]
    [InlineData("UA", "+44 (0) 20 7946 0958", "442079460958")]
    [InlineData("ZA", "071 123 4567", "27711234567")]
    [InlineData("BE", "012 34 56 78", "3212345678")]
    public void Regression_AStoredNumberWithATrunkZeroInside_IsStoredAsTheCallersNumberIs(string country, string field, string e164)
    {
        var numbers = new NumberParser(NumberingPlan.For(country));
        Assert.Equal(e164, Assert.Single(numbers.ParseStored(field).Numbers).E164);
        Assert.Equal(CallerNumberKind.Usable, numbers.ParseCaller("+" + e164, out var caller));
        Assert.Equal(e164, caller);
    }

    [Fact]
    public void Regression_APolishCallerWithALeadingZero_IsACaller_AndMeetsItsStoredNumber()
    {
        var poland = new NumberParser(NumberingPlan.Poland);
        Assert.Equal(CallerNumberKind.Usable, poland.ParseCaller("0221234567", out var caller));
        Assert.Equal("48221234567", caller);
        Assert.Equal("48221234567", Assert.Single(poland.ParseStored("0 22 123 45 67").Numbers).E164);
    }

    [Fact]
    public void Regression_ABareNationalNumberOfOurLength_IsNotANeighboursNumber() =>
        Assert.NotEqual("PL", Ukraine.ReadCaller("601234567")?.Region);

    [Theory]
    [InlineData("UA", "0322971122", "uk", "Брюховичі/Львів, Львівська")]
    [InlineData("UA", "0677000001", "uk", "Україна")]
    [InlineData("PL", "226143790", "pl", "Warszawa")]
    [InlineData("RU", "88123456789", "ru", "г. Санкт-Петербург")]
    [InlineData("DE", "030 12345678", "en", "Berlin")]
    public void CallerPlace_ComesFromTheCallersOwnParse_AndIsThePlaceOfItsDigits(string country, string raw, string language, string place)
    {
        var caller = new NumberParser(NumberingPlan.For(country)).ReadCaller(raw)!;
        var fromDigits = new CallerNumber(caller.E164, caller.Type, caller.Region);
        Assert.NotNull(caller.Parsed);
        Assert.Null(fromDigits.Parsed);
        Assert.Equal(fromDigits, caller);
        Assert.Equal(place, PhoneMetadata.Place(caller, language));
        Assert.Equal(place, PhoneMetadata.Place(fromDigits, language));

        // The digits are not parsed a second time: the place of the caller's own parse costs less than one read anew.
        const int Rounds = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            _ = PhoneMetadata.Place(caller, language);
        }

        var carried = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            _ = PhoneMetadata.Place(fromDigits, language);
        }

        var parsedAgain = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(carried < parsedAgain, $"the place of the caller's parse allocated {carried} bytes, parsing again {parsedAgain}");
    }
}
