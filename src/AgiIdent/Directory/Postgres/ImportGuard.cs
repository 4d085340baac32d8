namespace AgiIdent.Directory.Postgres;

/// <summary>What one import may remove: <paramref name="Force"/> (<c>--force</c>) lets through what the guard would stop.</summary>
public sealed record ImportGuard(int MaxRemovedPercent, bool Force = false)
{
    /// <summary>The guard of the default <see cref="ImportOptions"/>.</summary>
    public static ImportGuard Default { get; } = new(new ImportOptions().MaxRemovedPercent);

    /// <summary>No guard: what <c>--force</c> asks for.</summary>
    public static ImportGuard Forced { get; } = new(100, Force: true);
}
