using Microsoft.Extensions.Options;

namespace AgiIdent.Rules;

/// <summary>
/// The checks of <c>AgiIdent:Rules</c>: each rule compiled, every problem named by the rule's key, name and column.
/// There is no generated validator beside it: every check needs the rule's place in the list and its name, which a
/// property attribute does not see.
/// </summary>
internal sealed class RulesOptionsValidator : IValidateOptions<RulesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        _ = RuleSet.Compile(options.Rules, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
