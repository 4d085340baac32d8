namespace AgiIdent.Diagnostics;

/// <summary>A directory that reports its health to <c>/health/ready</c> and <c>/metrics</c>.</summary>
public interface IDirectoryHealth
{
    /// <summary>The directory's state now.</summary>
    DirectoryHealth Health { get; }
}
