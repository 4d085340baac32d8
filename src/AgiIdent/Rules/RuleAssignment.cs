using System.Text;

namespace AgiIdent.Rules;

/// <summary>A variable a rule sets, with its value template (<c>{manager_ext}</c>).</summary>
public sealed record RuleAssignment(string Variable, IReadOnlyList<(string Text, Func<RuleFacts, object?>? Fact)> Value)
{
    /// <summary>The value for a call.</summary>
    public string Render(RuleFacts facts)
    {
        var text = new StringBuilder();
        foreach (var (literal, fact) in Value)
        {
            text.Append(fact is null ? literal : RuleFacts.Text(fact(facts)));
        }

        return text.ToString();
    }
}
