using System.Globalization;
using AgiIdent.Contract;

namespace AgiIdent.CallerId;

/// <summary>
/// The channel variables of the public contract, in the order they are sent, most important first so that a session
/// cut short keeps what the dialplan routes on: the status, the rules' route and settings, the screen text, the
/// manager's extension, then the rest. Empty values are not sent. Their names are <see cref="VariableNames"/>.
/// </summary>
public static class ContractVariables
{
    /// <summary>The variables to set for <paramref name="identification"/>, in sending order, empty values left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(Identification identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        var variables = new List<KeyValuePair<string, string>>(16);
        Add(variables, VariableNames.Status, ContractText.Status(identification.Status));
        if (identification.Best is { } best)
        {
            var party = best.Party;
            Add(variables, VariableNames.CallerName, identification.ScreenText);
            // Dialplans put these into Dial() and Playback(): a value typed in 1C must not add a destination or an option.
            Add(variables, VariableNames.ManagerExtension, SafeExtension(party.Manager?.Extension));
            Add(variables, VariableNames.Number, identification.Number);
            Add(variables, VariableNames.Id, party.Id);
            Add(variables, VariableNames.Code, party.Code);
            Add(variables, VariableNames.Name, party.Name);
            Add(variables, VariableNames.Contact, best.Phone.Contact);
            Add(variables, VariableNames.Manager, party.Manager?.Name);
            Add(variables, VariableNames.Flags, FlagList(party.Flags));
            Add(variables, VariableNames.Debt, party.Debt?.ToString("0.00", CultureInfo.InvariantCulture));
            Add(variables, VariableNames.Language, party.Language);
            Add(variables, VariableNames.Greeting, SafeSoundName(party.Greeting));
        }
        else
        {
            // Set only by AgiIdent:Display:UnknownTemplate: without it an unknown caller's name is left as the trunk sent it.
            Add(variables, VariableNames.CallerName, identification.ScreenText);
            Add(variables, VariableNames.Number, identification.Number);
        }

        if (identification.Status is IdentStatus.Found or IdentStatus.NotFound)
        {
            Add(variables, VariableNames.Matches, identification.Matches.Count.ToString(CultureInfo.InvariantCulture));
        }

        Add(variables, VariableNames.Source, identification.Source);
        return variables;
    }

    /// <summary>
    /// The contract's variables with what the rules set: the status first, then the rules' variables (the route first,
    /// then the rest in the rules' order), then the contract's others. A rule's value replaces the contract's value of
    /// the same name; empty values are not sent.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WithRules(IReadOnlyList<KeyValuePair<string, string>> contract, IReadOnlyList<KeyValuePair<string, string>> rules)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return contract;
        }

        var merged = new List<KeyValuePair<string, string>>(contract.Count + rules.Count);
        merged.AddRange(contract.Where(static v => v.Key == VariableNames.Status));
        merged.AddRange(rules.Where(static r => r.Key == VariableNames.Route));
        merged.AddRange(rules.Where(static r => r.Key is not (VariableNames.Route or VariableNames.Status)));
        foreach (var variable in contract)
        {
            if (variable.Key != VariableNames.Status && !rules.Any(r => r.Key == variable.Key))
            {
                merged.Add(variable);
            }
        }

        merged.RemoveAll(static v => v.Value.Length == 0);
        return merged;
    }

    /// <summary>The extension when it is one (digits, <c>*</c>, <c>#</c>), else null: <c>101&amp;PJSIP/0900...</c> is not.</summary>
    public static string? SafeExtension(string? extension) =>
        extension is { Length: > 0 and <= 20 } && extension.AsSpan().IndexOfAnyExcept(ExtensionCharacters) < 0 ? extension : null;

    /// <summary>The sound name when it is one (letters, digits, <c>_ - . /</c>, no <c>..</c>), else null.</summary>
    public static string? SafeSoundName(string? sound) =>
        sound is { Length: > 0 and <= 200 } && !sound.Contains("..", StringComparison.Ordinal)
            && sound.AsSpan().IndexOfAnyExcept(SoundNameCharacters) < 0
            ? sound
            : null;

    private static readonly System.Buffers.SearchValues<char> ExtensionCharacters = System.Buffers.SearchValues.Create("0123456789*#");

    private static readonly System.Buffers.SearchValues<char> SoundNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./");

    /// <summary>The flags comma-separated; a single flag is its own string.</summary>
    private static string FlagList(IReadOnlyList<string> flags) => flags.Count switch
    {
        0 => string.Empty,
        1 => flags[0] ?? string.Empty,
        _ => string.Join(',', flags),
    };

    private static void Add(List<KeyValuePair<string, string>> variables, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            variables.Add(new KeyValuePair<string, string>(name, value));
        }
    }
}
