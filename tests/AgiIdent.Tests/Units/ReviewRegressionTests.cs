using AgiIdent.CallerId;
using AgiIdent.Contract;
using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Tests.Units;

/// <summary>Defects found in review, each kept as a named regression test.</summary>
public sealed class ReviewRegressionTests
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [Fact]
    public void Regression_LayeredSnapshot_FallsBackToLastDigitsWhenEveryFullNumberMatchChanged()
    {
        var a = Party("a", "+7 916 123-45-67");
        var b = Party("b", "8 (916) 123-45-67");
        var layered = new LayeredSnapshot(new DirectorySnapshot([a, b], Numbers), Numbers);
        Assert.Equal("a", Assert.Single(layered.Find("79161234567")).Party.Id);

        var moved = Party("a", "+7 916 000-00-00");
        var changed = layered.Apply([moved], [.. DirectorySnapshot.PhonesOf([moved])], []);
        Assert.Equal("b", Assert.Single(changed.Find("79161234567")).Party.Id);
        Assert.Equal("a", Assert.Single(changed.Find("79160000000")).Party.Id);
    }

    [Theory]
    [InlineData("12500.00", "12500.00")]
    [InlineData("12500,00", "12500.00")]
    [InlineData("12 500,50", "12500.50")]
    [InlineData("12,500.50", "12500.50")]
    [InlineData("-620,5", "-620.5")]
    public void Regression_DecimalComma_IsTheDecimalPoint(string text, string expected)
    {
        Assert.True(DecimalText.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void Regression_CsvDebtWithADecimalComma_IsNotAHundredTimesLarger()
    {
        var content = DirectoryCsv.Read(new StringReader("id,name,debt\nx,Name,\"12500,00\"\n"), Numbers);
        Assert.Equal(12500m, Assert.Single(content.Parties).Debt);
    }

    [Theory]
    [InlineData("101&PJSIP/0900123456@trunk")]
    [InlineData("101,20,U(x)")]
    [InlineData("1 01")]
    public void Regression_ManagerExtensionThatWouldInjectIntoDial_IsNotSent(string extension)
    {
        var party = Party("x", "0441234567") with { Manager = new Manager("M", extension), Greeting = "hello&tt-monkeys" };
        var variables = ContractVariables.For(new Identification(IdentStatus.Found, "380441234567", [new PartyMatch(party, party.Phones[0])], "snapshot", "x"));
        Assert.DoesNotContain(variables, v => v.Key is VariableNames.ManagerExtension or VariableNames.Greeting);
        Assert.Contains(variables, v => v.Key == VariableNames.Manager);
    }

    [Fact]
    public void Regression_ProperExtensionAndSound_AreSent()
    {
        var party = Party("x", "0441234567") with { Manager = new Manager("M", "*101#"), Greeting = "agiident/vip-welcome.v2" };
        var variables = ContractVariables.For(new Identification(IdentStatus.Found, "380441234567", [new PartyMatch(party, party.Phones[0])], "snapshot", "x"));
        Assert.Contains(new KeyValuePair<string, string>(VariableNames.ManagerExtension, "*101#"), variables);
        Assert.Contains(new KeyValuePair<string, string>(VariableNames.Greeting, "agiident/vip-welcome.v2"), variables);
    }

    private static Party Party(string id, string phone) =>
        new(id, id, PartyKind.Company, "Party " + id, null, [], null, null, null, null, new Dictionary<string, string>(), false,
            [new PartyPhone(phone, null, null, Numbers.ParseStored(phone).Numbers)]);
}
