using System.Globalization;
using System.Text.RegularExpressions;
using AgiIdent.CallerId;

namespace AgiIdent.Rules;

/// <summary>
/// The admin's routing rules (<c>AgiIdent:Rules</c>), compiled once at startup and evaluated in order on each call.
/// </summary>
public sealed partial class RuleSet
{
    /// <summary>Dialplan functions rules may set besides <c>AGIIDENT_*</c> variables.</summary>
    public static readonly IReadOnlySet<string> AllowedFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        VariableNames.CallerName, "CHANNEL(language)", "CHANNEL(musicclass)", "CDR(userfield)", "CDR(accountcode)",
    };

    private RuleSet(IReadOnlyList<Rule> rules) => Rules = rules;

    /// <summary>No rules.</summary>
    public static RuleSet Empty { get; } = new([]);

    /// <summary>The rules, in order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Compiles validated rules (<see cref="RulesOptionsValidator"/> has reported what is wrong with them).</summary>
    public static RuleSet Compile(IReadOnlyList<RuleOptions>? options)
    {
        var errors = new List<string>();
        var rules = Compile(options, errors);
        return errors.Count == 0 ? rules : throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>Compiles the rules; every problem is listed with the rule's key, name and column.</summary>
    public static RuleSet Compile(IReadOnlyList<RuleOptions>? options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var rules = new List<Rule>();
        for (var i = 0; i < (options?.Count ?? 0); i++)
        {
            var option = options![i];
            var name = string.IsNullOrWhiteSpace(option.Name) ? $"#{i + 1}" : option.Name.Trim();
            var key = string.Create(CultureInfo.InvariantCulture, $"AgiIdent:Rules:{i}");
            RuleExpression? when = null;
            if (!string.IsNullOrWhiteSpace(option.When))
            {
                try
                {
                    when = RuleExpression.Compile(option.When);
                }
                catch (RuleSyntaxException e)
                {
                    errors.Add($"{key}:When: rule '{name}': {e.Message}");
                }
            }

            if (option.Set.Count == 0)
            {
                errors.Add($"{key}:Set: rule '{name}' sets nothing; give at least one variable, e.g. \"AGIIDENT_ROUTE\": \"vip\"");
            }

            var set = new List<RuleAssignment>();
            foreach (var (variable, value) in option.Set)
            {
                if (!IsAllowed(variable))
                {
                    errors.Add($"{key}:Set: rule '{name}' may not set '{variable}'; allowed: AGIIDENT_* (except AGIIDENT_STATUS) and {string.Join(", ", AllowedFunctions)}");
                    continue;
                }

                try
                {
                    set.Add(new RuleAssignment(variable, ParseValue(value ?? string.Empty)));
                }
                catch (RuleSyntaxException e)
                {
                    errors.Add($"{key}:Set:{variable}: rule '{name}': {e.Message}");
                }
            }

            rules.Add(new Rule(name, when, set, option.Stop));
        }

        return new RuleSet(rules);
    }

    /// <summary>The variables the rules set for a call, in order; a later rule overrides an earlier one.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Evaluate(RuleFacts facts) => Run(facts, null);

    /// <summary>Evaluates the rules and says, for each, whether it fired and why.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Explain(RuleFacts facts, List<RuleOutcome> outcomes) => Run(facts, outcomes);

    private IReadOnlyList<KeyValuePair<string, string>> Run(RuleFacts facts, List<RuleOutcome>? outcomes)
    {
        if (Rules.Count == 0)
        {
            return Array.Empty<KeyValuePair<string, string>>();
        }

        var variables = new List<KeyValuePair<string, string>>();
        foreach (var rule in Rules)
        {
            var fired = rule.When?.Evaluate(facts) ?? true;
            outcomes?.Add(new RuleOutcome(rule, fired, Why(rule, facts)));
            if (!fired)
            {
                continue;
            }

            foreach (var assignment in rule.Set)
            {
                var value = assignment.Render(facts);
                variables.RemoveAll(v => v.Key == assignment.Variable);
                variables.Add(new KeyValuePair<string, string>(assignment.Variable, value));
            }

            if (rule.Stop)
            {
                break;
            }
        }

        return variables;
    }

    private static string Why(Rule rule, RuleFacts facts)
    {
        if (rule.When is null)
        {
            return "no condition";
        }

        var values = rule.When.Facts.Select(f => $"{f} = '{RuleFacts.Text(RuleFacts.Accessor(f)!(facts))}'");
        return $"{rule.When.Text}  [{string.Join(", ", values)}]";
    }

    private static bool IsAllowed(string variable) =>
        AllowedFunctions.Contains(variable) || (AgiIdentVariable().IsMatch(variable) && variable != VariableNames.Status);

    private static List<(string, Func<RuleFacts, object?>?)> ParseValue(string value)
    {
        var parts = new List<(string, Func<RuleFacts, object?>?)>();
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('{', i);
            if (open < 0)
            {
                parts.Add((value[i..], null));
                break;
            }

            if (open > i)
            {
                parts.Add((value[i..open], null));
            }

            var close = value.IndexOf('}', open);
            if (close < 0)
            {
                throw new RuleSyntaxException(string.Create(CultureInfo.InvariantCulture, $"column {open + 1}: expected '}}' to close the field in \"{value}\""));
            }

            var name = value[(open + 1)..close].Trim();
            var fact = RuleFacts.Accessor(name)
                ?? throw new RuleSyntaxException(string.Create(CultureInfo.InvariantCulture, $"column {open + 2}: expected a fact ({RuleFacts.Known}), not '{name}' in \"{value}\""));
            parts.Add((name, fact));
            i = close + 1;
        }

        return parts;
    }

    [GeneratedRegex("^AGIIDENT_[A-Z0-9_]+$")]
    private static partial Regex AgiIdentVariable();
}
