namespace AgiIdent.Rules;

/// <summary>One compiled rule.</summary>
public sealed record Rule(string Name, RuleExpression? When, IReadOnlyList<RuleAssignment> Set, bool Stop);
