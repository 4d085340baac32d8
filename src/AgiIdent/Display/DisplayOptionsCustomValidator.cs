using AgiIdent.Settings;

namespace AgiIdent.Display;

/// <summary>The checks of <see cref="DisplayOptions"/> that compiling the screens makes: templates, marks, and each profile's extensions and widths.</summary>
internal sealed class DisplayOptionsCustomValidator : SettingsValidator<DisplayOptions>
{
    /// <inheritdoc />
    protected override void Check(DisplayOptions options, List<string> errors) =>
        // The country only picks the language of {place}: no message depends on it.
        _ = ScreenProfileFactory.Compile(options, country: null, errors);
}
