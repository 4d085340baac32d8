using AgiIdent.CallerId;
using AgiIdent.Contract;
using AgiIdent.Directory;
using AgiIdent.Numbering;
using AgiIdent.Rules;

namespace AgiIdent.Tests.Rules;

public sealed class RuleTests
{
    private static readonly Party Vip = new("id-1", "000123", PartyKind.Company, "ТОВ \"Ромашка\"", null, ["VIP", "Prepayment"], 12500m,
        new Manager("Коваленко Олена", "101"), "uk", "agiident/romashka", new Dictionary<string, string> { ["segment"] = "Опт" }, false,
        [new PartyPhone("+380441234567", null, "Мельник Андрій", [new StoredNumber("380441234567", "441234567")])]);

    private static RuleFacts Facts(Party? party = null, string dnid = "0443334455", string tenant = "kyiv")
    {
        var identification = party is null
            ? new Identification(IdentStatus.NotFound, "380449999999", [], "snapshot", null)
            : new Identification(IdentStatus.Found, "380441234567", [new PartyMatch(party, party.Phones[0])], "snapshot", "screen");
        return new RuleFacts(identification, dnid, "CALLER", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["tenant"] = tenant, ["vip"] = "1" });
    }

    [Theory]
    [InlineData("flags has 'VIP' and debt < 100000", true)]
    [InlineData("flags has 'vip'", true)]
    [InlineData("flags has 'Blocked'", false)]
    [InlineData("debt >= 12500 and debt <= 12500", true)]
    [InlineData("debt > 12500", false)]
    [InlineData("not (debt > 12500)", true)]
    [InlineData("status == 'FOUND'", true)]
    [InlineData("status != 'FOUND' or matches == 1", true)]
    [InlineData("manager_ext == 101", true)]
    [InlineData("manager_ext in ['101', '102']", true)]
    [InlineData("manager_ext in ('103', '104')", false)]
    [InlineData("number startswith '38044'", true)]
    [InlineData("dnid == '0443334455' and tenant == 'kyiv'", true)]
    [InlineData("attributes.segment == 'опт'", true)]
    [InlineData("attributes.missing == ''", true)]
    [InlineData("options.vip == 1", true)]
    [InlineData("name has 'ромашка'", true)]
    [InlineData("contact == 'Мельник Андрій' and language == 'uk' and source == 'snapshot'", true)]
    [InlineData("kind == 'company' and code == '000123'", true)]
    [InlineData("true and not false", true)]
    [InlineData("flags has 'VIP' and (debt > 100000 or matches > 1)", false)]
    [InlineData("name == 'O''Brien'", false)]
    [InlineData("options.missing in ('kyiv')", false)]
    [InlineData("tenant in ('kyiv')", true)]
    [InlineData("tenant in ('kyi')", false)]
    public void Conditions_OnAFoundParty(string when, bool expected) =>
        Assert.Equal(expected, RuleExpression.Compile(when).Evaluate(Facts(Vip)));

    [Theory]
    [InlineData("debt < 100000", false)]
    [InlineData("flags has 'VIP'", false)]
    [InlineData("status == 'NOTFOUND' and matches == 0", true)]
    [InlineData("manager_ext == ''", true)]
    [InlineData("tenant in ('lviv')", false)]
    public void Conditions_WhenNobodyWasFound_MissingFactsAreEmpty(string when, bool expected) =>
        Assert.Equal(expected, RuleExpression.Compile(when).Evaluate(Facts()));

    [Theory]
    [InlineData("flags has", "column 10: expected a value or a fact, found the end")]
    [InlineData("flagz has 'VIP'", "column 1: expected a fact")]
    [InlineData("debt < 100 and", "column 15: expected a value or a fact")]
    [InlineData("(debt < 100", "column 12: expected ')'")]
    [InlineData("debt < 100 debt", "column 12: expected 'and', 'or' or the end")]
    [InlineData("name == 'open", "column 9: expected a closing '")]
    [InlineData("debt ~ 5", "column 6: expected an operator")]
    [InlineData("code in 'x'", "column 9: expected a list after 'in'")]
    public void BadCondition_SaysTheColumnAndWhatWasExpected(string when, string message) =>
        Assert.Contains(message, Assert.Throws<RuleSyntaxException>(() => RuleExpression.Compile(when)).Message, StringComparison.Ordinal);

    [Fact]
    public void Rules_RunInOrder_LaterOverrides_StopStops_TemplatesFillIn()
    {
        var errors = new List<string>();
        var rules = RuleSet.Compile(
            [
                new RuleOptions { Name = "manager", When = "manager_ext != ''", Set = { ["AGIIDENT_ROUTE"] = "manager", ["AGIIDENT_TARGET"] = "PJSIP/{manager_ext}" } },
                new RuleOptions { Name = "vip", When = "flags has 'VIP'", Set = { ["AGIIDENT_ROUTE"] = "vip", ["CHANNEL(language)"] = "{language}" }, Stop = true },
                new RuleOptions { Name = "never", Set = { ["AGIIDENT_ROUTE"] = "last" } },
            ],
            errors);
        Assert.Empty(errors);

        var outcomes = new List<RuleOutcome>();
        var variables = rules.Explain(Facts(Vip), outcomes);
        Assert.Equal(
            [new("AGIIDENT_TARGET", "PJSIP/101"), new("AGIIDENT_ROUTE", "vip"), new KeyValuePair<string, string>("CHANNEL(language)", "uk")],
            variables);
        Assert.Equal([true, true], outcomes.Select(o => o.Fired));
        Assert.Contains("flags = 'VIP,Prepayment'", outcomes[1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleVariables_ComeRightAfterTheStatus_RouteFirst_ReplacingTheContractsValues()
    {
        var contract = ContractVariables.For(new Identification(IdentStatus.Found, "380441234567", [new PartyMatch(Vip, Vip.Phones[0])], "snapshot", "screen"));
        var merged = ContractVariables.WithRules(contract, [new("CALLERID(name)", "VIP screen"), new("CDR(userfield)", "vip"), new("AGIIDENT_ROUTE", "vip"), new("AGIIDENT_LANG", "")]);
        Assert.Equal(
            [new("AGIIDENT_STATUS", "FOUND"), new("AGIIDENT_ROUTE", "vip"), new("CALLERID(name)", "VIP screen"), new KeyValuePair<string, string>("CDR(userfield)", "vip")],
            merged.Take(4));
        Assert.Single(merged, v => v.Key == "CALLERID(name)");
        Assert.DoesNotContain(merged, v => v.Key == "AGIIDENT_LANG");
        Assert.Equal(contract.Count(v => v.Key != "CALLERID(name)" && v.Key != "AGIIDENT_LANG") + 3, merged.Count);
    }

    [Fact]
    public void BadRules_AreAllReportedWithKeyNameAndColumn()
    {
        var errors = new List<string>();
        RuleSet.Compile(
            [
                new RuleOptions { Name = "broken", When = "debt <", Set = { ["AGIIDENT_ROUTE"] = "x" } },
                new RuleOptions { Name = "forbidden", Set = { ["DIAL"] = "x", ["AGIIDENT_STATUS"] = "FOUND" } },
                new RuleOptions { Name = "template", Set = { ["AGIIDENT_ROUTE"] = "{managr}" } },
                new RuleOptions { Name = "empty" },
            ],
            errors);
        Assert.Contains(errors, e => e.StartsWith("AgiIdent:Rules:0:When: rule 'broken': column 7", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AgiIdent:Rules:1:Set: rule 'forbidden' may not set 'DIAL'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AgiIdent:Rules:1:Set: rule 'forbidden' may not set 'AGIIDENT_STATUS'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AgiIdent:Rules:2:Set:AGIIDENT_ROUTE: rule 'template': column 2: expected a fact", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AgiIdent:Rules:3:Set: rule 'empty' sets nothing", StringComparison.Ordinal));
    }
}
