namespace AgiIdent.Directory;

/// <summary>Where the directory comes from (<c>AgiIdent:Directory:Source</c>).</summary>
public enum DirectorySource
{
    /// <summary>A JSON directory file, or the embedded demo directory when no file is named.</summary>
    File,

    /// <summary>The replicated PostgreSQL copy of the 1C data.</summary>
    Postgres,
}
