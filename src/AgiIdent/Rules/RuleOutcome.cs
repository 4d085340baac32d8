namespace AgiIdent.Rules;

/// <summary>What one rule did for a call, for <c>agiident lookup</c>.</summary>
public sealed record RuleOutcome(Rule Rule, bool Fired, string Why);
