namespace AgiIdent.Directory.Postgres;

/// <summary>The <c>AgiIdent:Import</c> configuration section: what <c>agiident import</c> may do without <c>--force</c>.</summary>
public sealed class ImportOptions
{
    /// <summary>
    /// An import that would remove more than this share (percent) of the directory's parties, and more than
    /// <see cref="MassRemovalFloor"/> of them, changes nothing instead: a truncated or wrong export must not empty the
    /// directory. The same default and floor as the sync's <c>AgiIdent:Sync:MaxRemovedPercent</c>; 100 turns the guard off.
    /// </summary>
    public int MaxRemovedPercent { get; set; } = 50;

    /// <summary>Removals up to this many parties never trip <see cref="MaxRemovedPercent"/> (as in the sync).</summary>
    public const int MassRemovalFloor = AgiIdent.Sync.SyncOptions.MassRemovalFloor;
}

/// <summary>What one import may remove: <paramref name="Force"/> (<c>--force</c>) lets through what the guard would stop.</summary>
public sealed record ImportGuard(int MaxRemovedPercent, bool Force = false)
{
    /// <summary>The guard of the default <see cref="ImportOptions"/>.</summary>
    public static ImportGuard Default { get; } = new(new ImportOptions().MaxRemovedPercent);

    /// <summary>No guard: what <c>--force</c> asks for.</summary>
    public static ImportGuard Forced { get; } = new(100, Force: true);
}

/// <summary>An import stopped by its guard before it changed anything; the message says why and how to go on.</summary>
public sealed class ImportRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportRefusedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public ImportRefusedException() : this("the import was refused")
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ImportRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
