namespace AgiIdent.Directory;

/// <summary>A directory that reports its health.</summary>
public interface IDirectoryHealth
{
    /// <summary>The directory's state now.</summary>
    DirectoryHealth Health { get; }
}
