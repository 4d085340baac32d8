using System.Text;
using AgiIdent.CallerId;
using AgiIdent.Contract;
using AgiIdent.Directory;
using AgiIdent.Numbering;
using AgiIdent.Rules;

namespace AgiIdent.Fuzz.Targets;

/// <summary>
/// The rules language. Input: UTF-8 text, its first line a condition (<c>When</c>), every further line the value of
/// one variable the rule sets (a template with <c>{field}</c>). Expected rejection: <see cref="RuleSyntaxException"/>
/// from <see cref="RuleExpression.Compile"/>, and from <see cref="RuleSet.Compile"/> a list of errors naming the key;
/// a compiled rule must evaluate and explain itself for a found and an unknown caller without throwing.
/// </summary>
internal static class RulesTarget
{
    private static readonly Party Found = new(
        "11111111-1111-4111-8111-111111111111", "000123", PartyKind.Company, "ТОВ \"Ромашка\"", "Ромашка", ["VIP", "Prepayment"], 12500.50m,
        new Manager("Коваленко Олена", "101"), "uk", "agiident/romashka", new Dictionary<string, string> { ["segment"] = "Опт", ["city"] = "Київ" }, false,
        [new PartyPhone("+380441234567", "Телефон", "Мельник Андрій", [new StoredNumber("380441234567", "441234567")])]);

    private static readonly RuleFacts[] Facts =
    [
        new(new Identification(IdentStatus.Found, "380441234567", [new PartyMatch(Found, Found.Phones[0])], "snapshot", "$ Ромашка") { NumberType = "fixed", Region = "UA" },
            "0443334455", "CALLER", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["tenant"] = "kyiv", ["vip"] = "1" }),
        new(new Identification(IdentStatus.NotFound, "380449999999", [], "snapshot", null), string.Empty, string.Empty, new Dictionary<string, string>()),
        new(new Identification(IdentStatus.Anonymous, string.Empty, [], "none", null), "unknown", "unknown", new Dictionary<string, string>()),
    ];

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var lines = Encoding.UTF8.GetString(data).Split('\n');
        var when = lines[0];
        try
        {
            var expression = RuleExpression.Compile(when);
            foreach (var facts in Facts)
            {
                expression.Evaluate(facts);
            }

            FuzzFailure.Check(expression.Facts.All(f => f.Length > 0), "an empty fact name");
        }
        catch (RuleSyntaxException e)
        {
            FuzzFailure.Check(e.Message.StartsWith("column ", StringComparison.Ordinal), $"a syntax error without its column: {e.Message}");
        }

        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            set[i % 2 == 1 ? $"AGIIDENT_V{i}" : i == 2 ? "CALLERID(name)" : $"AGIIDENT_W{i}"] = lines[i];
        }

        var errors = new List<string>();
        var rules = RuleSet.Compile([new RuleOptions { Name = "fuzz", When = when, Set = set }, new RuleOptions { When = when, Set = set, Stop = true }], errors);
        FuzzFailure.Check(errors.All(e => e.StartsWith("AgiIdent:Rules:", StringComparison.Ordinal)), $"an error without its key: {errors.FirstOrDefault(e => !e.StartsWith("AgiIdent:Rules:", StringComparison.Ordinal))}");
        if (errors.Count > 0)
        {
            return;
        }

        foreach (var facts in Facts)
        {
            var outcomes = new List<RuleOutcome>();
            var variables = rules.Explain(facts, outcomes);
            FuzzFailure.Check(variables.SequenceEqual(rules.Evaluate(facts)), "Explain and Evaluate set different variables");
            FuzzFailure.Check(outcomes.All(o => o.Why.Length > 0), "an outcome without a reason");
        }
    }
}
