namespace AgiIdent.Rules;

/// <summary>The <c>AgiIdent:Rules</c> list, bound from the <c>AgiIdent</c> section that holds it.</summary>
public sealed class RulesOptions
{
    /// <summary>The section holding the list.</summary>
    public const string Section = "AgiIdent";

    /// <summary>The rules, evaluated in order on every call.</summary>
    public RuleOptions[]? Rules { get; set; }
}
