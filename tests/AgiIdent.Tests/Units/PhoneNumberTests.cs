using AgiIdent.Numbering;

namespace AgiIdent.Tests.Units;

public sealed class PhoneNumberTests
{
    private static readonly PhoneNumber Ukraine = new(NumberingPlan.Ukraine);
    private static readonly PhoneNumber Russia = new(NumberingPlan.Russia);

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
    public void StoredFields_AsPeopleTypeThemIn1C(string field, string[] expected) =>
        Assert.Equal(expected, Ukraine.ParseStored(field).Numbers.Select(n => n.E164 ?? "suffix:" + n.Suffix));
}
