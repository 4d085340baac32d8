using System.Globalization;
using AgiIdent.CallerId;
using AgiIdent.Contract;

namespace AgiIdent.Rules;

/// <summary>What rules can see of a call: the identification and what Asterisk sent.</summary>
public sealed class RuleFacts(Identification identification, string dnid, string callerName, IReadOnlyDictionary<string, string> options)
{
    /// <summary>Facts rules may name, and how each is read; <c>attributes.X</c> and <c>options.X</c> come on top.</summary>
    internal static readonly IReadOnlyDictionary<string, Func<RuleFacts, object?>> Known = new Dictionary<string, Func<RuleFacts, object?>>(StringComparer.Ordinal)
    {
        ["status"] = static f => ContractText.Status(f.Identification.Status),
        ["number"] = static f => f.Identification.Number,
        ["number_type"] = static f => f.Identification.NumberType,
        ["region"] = static f => f.Identification.Region,
        ["dnid"] = static f => f.Dnid,
        ["callername"] = static f => f.CallerName,
        ["tenant"] = static f => f.Option("tenant"),
        ["for"] = static f => f.Option("for"),
        ["name"] = static f => f.Identification.Best?.Party.Name,
        ["code"] = static f => f.Identification.Best?.Party.Code,
        ["kind"] = static f => f.Identification.Best?.Party.Kind.ToString().ToLowerInvariant(),
        ["flags"] = static f => f.Identification.Best?.Party.Flags ?? [],
        ["debt"] = static f => f.Identification.Best?.Party.Debt,
        ["manager"] = static f => f.Identification.Best?.Party.Manager?.Name,
        ["manager_ext"] = static f => f.Identification.Best?.Party.Manager?.Extension,
        ["contact"] = static f => f.Identification.Best?.Phone.Contact,
        ["language"] = static f => f.Identification.Best?.Party.Language,
        ["greeting"] = static f => f.Identification.Best?.Party.Greeting,
        ["matches"] = static f => (decimal)f.Identification.Matches.Count,
        ["source"] = static f => f.Identification.Source,
        ["screen"] = static f => f.Identification.ScreenText,
    };

    /// <summary>The identification the rules look at.</summary>
    public Identification Identification { get; } = identification;

    /// <summary>The dialled number.</summary>
    public string Dnid { get; } = dnid;

    /// <summary>The caller name the trunk sent.</summary>
    public string CallerName { get; } = callerName;

    /// <summary>One query option of the AGI URL; empty when absent.</summary>
    public string Option(string name) => options.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>One attribute of the party; empty when absent or not found.</summary>
    public string Attribute(string name) =>
        Identification.Best?.Party.Attributes.TryGetValue(name, out var value) == true ? value : string.Empty;

    /// <summary>A fact's accessor by name; null when the name is not a fact.</summary>
    internal static Func<RuleFacts, object?>? Accessor(string name)
    {
        if (Known.TryGetValue(name, out var known))
        {
            return known;
        }

        if (name.StartsWith("attributes.", StringComparison.Ordinal) && name.Length > "attributes.".Length)
        {
            var attribute = name["attributes.".Length..];
            return f => f.Attribute(attribute);
        }

        if (name.StartsWith("options.", StringComparison.Ordinal) && name.Length > "options.".Length)
        {
            var option = name["options.".Length..];
            return f => f.Option(option);
        }

        return null;
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
