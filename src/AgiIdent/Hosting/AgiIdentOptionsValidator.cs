using Microsoft.Extensions.Options;

namespace AgiIdent.Hosting;

/// <summary>The per-key checks of the host's own keys of <see cref="AgiIdentOptions"/>, generated from its attributes.</summary>
[OptionsValidator]
internal sealed partial class AgiIdentOptionsValidator : IValidateOptions<AgiIdentOptions>;
