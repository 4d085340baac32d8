namespace AgiIdent.Rules;

/// <summary>One routing rule of <c>AgiIdent:Rules</c>.</summary>
public sealed class RuleOptions
{
    /// <summary>The rule's name, for messages and <c>agiident lookup</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The condition, e.g. <c>flags has 'VIP' and debt &lt; 100000</c>; empty means always.</summary>
    public string? When { get; set; }

    /// <summary>Variables to set when the condition holds; values may use <c>{field}</c>.</summary>
    public Dictionary<string, string> Set { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Stop evaluating later rules once this one fired.</summary>
    public bool Stop { get; set; }
}
