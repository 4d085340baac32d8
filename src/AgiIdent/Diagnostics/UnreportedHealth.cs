namespace AgiIdent.Diagnostics;

/// <summary>The health of a directory that reports none (one a test puts in): ready, and nothing counted.</summary>
public sealed class UnreportedHealth : IDirectoryHealth
{
    /// <summary>The one instance.</summary>
    public static readonly UnreportedHealth Instance = new();

    private UnreportedHealth()
    {
    }

    /// <inheritdoc />
    public DirectoryHealth Health { get; } = new(true, string.Empty, 0, 0, null, 0, null);
}
