using Microsoft.Extensions.Options;

namespace AgiIdent.Display;

/// <summary>The checks of <see cref="DisplayOptions"/> that compiling the screens makes: templates, marks, and each profile's extensions and widths.</summary>
internal sealed class DisplayOptionsCustomValidator : IValidateOptions<DisplayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DisplayOptions options)
    {
        var errors = new List<string>();
        // The country only picks the language of {place}: no message depends on it.
        _ = ScreenProfileFactory.Compile(options, country: null, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
