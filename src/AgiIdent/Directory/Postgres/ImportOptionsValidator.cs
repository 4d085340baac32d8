using Microsoft.Extensions.Options;

namespace AgiIdent.Directory.Postgres;

/// <summary>The per-key checks of <see cref="ImportOptions"/>, generated from its attributes.</summary>
[OptionsValidator]
internal sealed partial class ImportOptionsValidator : IValidateOptions<ImportOptions>;
