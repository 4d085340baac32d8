namespace AgiIdent.Diagnostics;

/// <summary>
/// The directory that <c>/health/ready</c> and <c>/metrics</c> observe: its health, read from it each time, or for a
/// directory that reports none (one a test puts in) ready with nothing counted. A view of its own rather than the
/// directory itself under a second service, which the container would dispose a second time.
/// </summary>
public sealed class ObservedDirectory(IDirectoryHealth? directory) : IDirectoryHealth
{
    private static readonly DirectoryHealth Unreported = new(true, string.Empty, 0, 0, null, 0, null);

    /// <inheritdoc />
    public DirectoryHealth Health => directory?.Health ?? Unreported;
}
