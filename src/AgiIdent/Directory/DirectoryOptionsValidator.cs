using Microsoft.Extensions.Options;

namespace AgiIdent.Directory;

/// <summary>The per-key checks of <see cref="DirectoryOptions"/>, generated from its attributes.</summary>
[OptionsValidator]
internal sealed partial class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>;
