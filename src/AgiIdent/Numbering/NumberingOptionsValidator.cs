using Microsoft.Extensions.Options;

namespace AgiIdent.Numbering;

/// <summary>The per-key checks of <see cref="NumberingOptions"/>, generated from its attributes.</summary>
[OptionsValidator]
internal sealed partial class NumberingOptionsValidator : IValidateOptions<NumberingOptions>;
