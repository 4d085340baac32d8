using System.Collections.Frozen;
using System.Globalization;
using AgiIdent.CallerId;
using AgiIdent.Directory;
using AgiIdent.Contract;

namespace AgiIdent.Rules;

/// <summary>What rules can see of a call: the identification and what Asterisk sent.</summary>
public sealed class RuleFacts(Identification identification, string dnid, string callerName, IReadOnlyDictionary<string, string> options)
{
    /// <summary>
    /// How rules read the facts that are not the party's (those <see cref="CallerField.Read"/> reads), by the name of
    /// their <see cref="CallerFields"/> entry.
    /// </summary>
    private static readonly FrozenDictionary<string, Func<RuleFacts, object?>> OfTheCall = new Dictionary<string, Func<RuleFacts, object?>>(StringComparer.Ordinal)
    {
        ["status"] = static f => ContractText.Status(f.Identification.Status),
        ["number"] = static f => f.Identification.Number,
        ["number_type"] = static f => f.Identification.NumberType,
        ["region"] = static f => f.Identification.Region,
        ["dnid"] = static f => f.Dnid,
        ["callername"] = static f => f.CallerName,
        ["tenant"] = static f => f.Option("tenant"),
        ["for"] = static f => f.Option("for"),
        ["matches"] = static f => (decimal)f.Identification.Matches.Count,
        ["source"] = static f => f.Identification.Source,
        ["screen"] = static f => f.Identification.ScreenText,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly IReadOnlyList<string> NoFlags = [];

    /// <summary>The identification the rules look at.</summary>
    public Identification Identification { get; } = identification;

    /// <summary>The dialled number.</summary>
    public string Dnid { get; } = dnid;

    /// <summary>The caller name the trunk sent.</summary>
    public string CallerName { get; } = callerName;

    /// <summary>One query option of the AGI URL; empty when absent.</summary>
    public string Option(string name) => options.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>The facts rules may name, for messages: <c>status, number, ..., attributes.NAME, options.NAME</c>.</summary>
    internal static string Known => CallerFields.Known(CallerFieldUse.Rules);

    /// <summary>A fact's accessor by name, bound to its <see cref="CallerFields"/> entry; null when the name is not a fact.</summary>
    internal static Func<RuleFacts, object?>? Accessor(string name) =>
        CallerFields.Find(name, CallerFieldUse.Rules) is { } field ? Bind(field) : null;

    private static Func<RuleFacts, object?> Bind(CallerField field)
    {
        if (field.Read is { } read)
        {
            // A caller who was not found has the party's facts empty: no flags, an attribute's empty text, else nothing.
            object? missing = field.Type == CallerFieldType.List ? NoFlags : field.Key is null ? null : string.Empty;
            return f => f.Identification.Best is { } best ? read(best) : missing;
        }

        if (field.Source == CallerFieldSource.Call && field.Key is { } option)
        {
            return f => f.Option(option);
        }

        return OfTheCall.TryGetValue(field.Name, out var accessor)
            ? accessor
            : throw new InvalidOperationException($"the fact '{field.Name}' has no reading in the rules");
    }

    /// <summary>A fact's value as text, for <c>{field}</c> templates and explanations.</summary>
    internal static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IEnumerable<string> list => string.Join(',', list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
