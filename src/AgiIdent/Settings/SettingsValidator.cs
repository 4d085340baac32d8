using Microsoft.Extensions.Options;

namespace AgiIdent.Settings;

/// <summary>A cross-field validator of an options class: lists every problem at once, each line naming its key.</summary>
public abstract class SettingsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Check(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Adds each problem of <paramref name="options"/> to <paramref name="errors"/>.</summary>
    protected abstract void Check(TOptions options, List<string> errors);
}
