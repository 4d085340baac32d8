using Microsoft.Extensions.Options;

namespace AgiIdent.Display;

/// <summary>The per-key checks of <see cref="DisplayOptions"/>, generated from its attributes.</summary>
[OptionsValidator]
internal sealed partial class DisplayOptionsValidator : IValidateOptions<DisplayOptions>;
