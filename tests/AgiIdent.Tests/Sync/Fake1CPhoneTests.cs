using AgiIdent.Fake1C;

namespace AgiIdent.Tests.Sync;

/// <summary>The fake splits a typed phone as БСП's ДесериализацияТелефонаФаксаВJSON does, so the reader is tested against what 1C really stores.</summary>
public sealed class Fake1CPhoneTests
{
    [Theory]
    [InlineData("067 111 22 33", "067", "111", "22 33", "")]
    [InlineData("(044) 235-00-11", "044", "235", "00-11", "")]
    [InlineData("8 (916) 123-45-67", "8", "916", "123-45-67", "")]
    [InlineData("+38 (044) 123-45-67", "38", "044", "123-45-67", "")]
    [InlineData("+38 (044) 123-45-67, доб. 12", "38", "044", "123-45-67", "12")]
    [InlineData("+38 (044) 200-10-20 доб. 15", "38", "044", "200-10-20", "15")]
    [InlineData("+7 (495) 987-65-43, вн. 204", "7", "495", "987-65-43", "вн. 204")]
    [InlineData("067 765 43 21, 050 111 22 33", "067", "765", "43 21", "050 111 22 33")]
    [InlineData("123-45-67", "123", "45", "67", "")]
    [InlineData("+7 (495) (123) 45-67", "7", "495", "123", ") 45-67")]
    public void TypedText_IsSplitByDigitGroups_TheFirstBeingTheCountryCode(string typed, string country, string area, string number, string extension)
    {
        var phone = Fake1CPhone.Parse(typed);

        Assert.Equal((country, area, number, extension, string.Empty, typed), (phone.CountryCode, phone.AreaCode, phone.Number, phone.Extension, phone.Comment, phone.Presentation));
    }

    [Theory]
    [InlineData("89161234567", "", "", "89161234567")]
    [InlineData("101", "", "", "101")]
    [InlineData("Иван Петрович", "", "", "Иван Петрович")]
    [InlineData("тел. 8916...", "", "", "тел. 8916...")]
    [InlineData("вн. 205", "", "", "вн. 205")]
    [InlineData("+79161234567", "", "", "+79161234567")]
    [InlineData("+7 9161234567", "7", "", " 9161234567")]
    public void TextWithoutThreeDigitGroups_IsNotSplit(string typed, string country, string area, string number)
    {
        var phone = Fake1CPhone.Parse(typed);

        Assert.Equal((country, area, number, string.Empty), (phone.CountryCode, phone.AreaCode, phone.Number, phone.Extension));
    }

    [Theory]
    [InlineData("067 111 22 33", "0671112233", "2233")]
    [InlineData("(044) 235-00-11", "0442350011", "0011")]
    [InlineData("0 44 1234567 0 44 1234567 0 44 1234567", "04412345670441234567", "12345670441234567044")]
    public void DerivedColumns_FollowFromTheParts_OfATypedNationalNumber(string typed, string phoneNumber, string withoutCodes)
    {
        var phone = Fake1CPhone.Parse(typed);

        Assert.Equal((phoneNumber, withoutCodes), (phone.PhoneNumberColumn, phone.NumberWithoutCodesColumn));
    }

    [Fact]
    public void DialogParts_AreKeptAsTyped_AndShownWithAPlus()
    {
        var phone = new Fake1CPhone("38", "044", "123-45-67\nстарий", "12");

        Assert.Equal("38", phone.CountryCode);
        Assert.StartsWith("+38 (044) 123-45-67", phone.Presentation, StringComparison.Ordinal);
        Assert.Equal(("380441234567", "1234567"), (phone.PhoneNumberColumn, phone.NumberWithoutCodesColumn));
    }

    [Fact]
    public void TypedRow_StoresTheFirstGroupAsCountryCode_InEveryGeneration()
    {
        var owner = Fake1CRef.Of("owner");
        var kind = Fake1CRef.Of("kind");

        var json = Fake1CContactInformation.PhoneRow(owner, 1, kind, "067 111 22 33");
        var keyValue = Fake1CContactInformation.PhoneRow(owner, 2, kind, "8 (916) 123-45-67", Fake1CContactStorage.KeyValue);
        var xml = Fake1CContactInformation.PhoneRow(owner, 3, kind, "(044) 235-00-11", Fake1CContactStorage.Xml);

        Assert.Contains("\"countryCode\":\"067\",\"areaCode\":\"111\",\"number\":\"22 33\"", (string)json["Значение"]!, StringComparison.Ordinal);
        Assert.StartsWith("КодСтраны=8\r\nКодГорода=916\r\n", (string)keyValue["ЗначенияПолей"]!, StringComparison.Ordinal);
        Assert.Contains("КодСтраны=\"044\" КодГорода=\"235\" Номер=\"00-11\"", (string)xml["ЗначенияПолей"]!, StringComparison.Ordinal);
    }
}
