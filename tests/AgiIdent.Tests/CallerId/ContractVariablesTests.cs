using AgiIdent.CallerId;
using AgiIdent.Contract;
using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Tests.CallerId;

public sealed class ContractVariablesTests
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [Fact]
    public void EmptyValues_AreNotSent_MostImportantFirst()
    {
        var party = new Party("id-1", "C1", PartyKind.Company, "Name", null, [], null, new Manager("", "105"), null, null,
            new Dictionary<string, string>(), false, [new PartyPhone("0441234567", null, null, [new StoredNumber("380441234567", "441234567")])]);
        var variables = ContractVariables.For(new Identification(IdentStatus.Found, "380441234567", [new PartyMatch(party, party.Phones[0])], "snapshot", "Name"));

        Assert.Equal("AGIIDENT_STATUS", variables[0].Key);
        Assert.Equal(
            ["AGIIDENT_STATUS", "CALLERID(name)", "AGIIDENT_MANAGER_EXT", "AGIIDENT_NUMBER", "AGIIDENT_ID", "AGIIDENT_CODE", "AGIIDENT_NAME", "AGIIDENT_MATCHES", "AGIIDENT_SOURCE"],
            variables.Select(v => v.Key));
    }

    [Fact]
    public void Debt_IsInvariantWithTwoDecimals()
    {
        var party = new Party("id", "C", PartyKind.Company, "N", null, [], -1234567.891m, null, null, null,
            new Dictionary<string, string>(), false, []);
        var variables = ContractVariables.For(new Identification(IdentStatus.Found, "1", [new PartyMatch(party, new PartyPhone("x", null, null, [new StoredNumber("1", "1")]))], "snapshot", "N"));
        Assert.Equal("-1234567.89", variables.Single(v => v.Key == "AGIIDENT_DEBT").Value);
    }

    [Fact]
    public void Error_SendsOnlyTheStatus() =>
        Assert.Equal([new KeyValuePair<string, string>("AGIIDENT_STATUS", "ERROR")], ContractVariables.For(Identification.Error()));

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
