using AgiIdent.Agi;
using AgiIdent.Contract;
using AgiIdent.Rules;

namespace AgiIdent.CallerId;

/// <summary>
/// What one call gets, worked out without any I/O: the identification, the facts the rules see, the rules' outcome,
/// the ordered variables, and the command lines that carry them. The <c>ident</c> script sends
/// <see cref="Commands"/>; <c>agiident lookup</c> prints <see cref="Delivered"/> and, with <c>--wire</c>, the lines.
/// </summary>
public sealed class CallAnswer
{
    private CallAnswer(Identification identification, IReadOnlyList<KeyValuePair<string, string>> variables, AgiVariableCommands style)
    {
        Identification = identification;
        Variables = variables;
        Commands = AgiCommand.SetVariables(variables, style);
    }

    /// <summary>Who the caller is.</summary>
    public Identification Identification { get; }

    /// <summary>The variables to set, most important first, as values before they meet the wire.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; }

    /// <summary>The commands that set them, in sending order.</summary>
    public IReadOnlyList<AgiCommand> Commands { get; }

    /// <summary>What Asterisk stores: each variable as sanitized and cut on the wire.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Delivered => field ??= DeliveredVariables(Commands);

    /// <summary>Made when asked for (by <c>lookup</c>): a call only sends the commands.</summary>
    private static KeyValuePair<string, string>[] DeliveredVariables(IReadOnlyList<AgiCommand> commands)
    {
        var delivered = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < commands.Count; i++)
        {
            delivered.AddRange(commands[i].Variables);
        }

        return [.. delivered];
    }

    /// <summary>The answer on the caller's channel: the contract's variables and what the rules set from the call's facts.</summary>
    public static CallAnswer ForCaller(
        Identification identification,
        RuleSet rules,
        string dnid,
        string callerName,
        IReadOnlyDictionary<string, string> options,
        AgiVariableCommands style,
        List<RuleOutcome>? outcomes = null)
    {
        ArgumentNullException.ThrowIfNull(identification);
        ArgumentNullException.ThrowIfNull(rules);
        var facts = new RuleFacts(identification, dnid, callerName, options);
        var set = outcomes is null ? rules.Evaluate(facts) : rules.Explain(facts, outcomes);
        return new CallAnswer(identification, ContractVariables.WithRules(ContractVariables.For(identification), set), style);
    }

    /// <summary>The answer on a ringing phone's leg: the status, and that phone's screen text when the caller was found.</summary>
    public static CallAnswer ForPhone(Identification identification, AgiVariableCommands style)
    {
        ArgumentNullException.ThrowIfNull(identification);
        List<KeyValuePair<string, string>> variables = [new(VariableNames.Status, ContractText.Status(identification.Status))];
        if (identification.ScreenText is { Length: > 0 } screen)
        {
            variables.Add(new(IdentScript.ConnectedName, screen));
        }

        return new CallAnswer(identification, variables, style);
    }

    /// <summary>The answer of a call that could not be served: <c>AGIIDENT_STATUS=ERROR</c>.</summary>
    public static CallAnswer Error(AgiVariableCommands style)
    {
        var error = Identification.Error();
        return new CallAnswer(error, ContractVariables.For(error), style);
    }
}
