using Microsoft.Extensions.Options;

namespace AgiIdent.Sync;

/// <summary>The per-key checks of <see cref="SyncOptions"/> and its <c>OData</c> section, generated from their attributes.</summary>
[OptionsValidator]
internal sealed partial class SyncOptionsValidator : IValidateOptions<SyncOptions>;
