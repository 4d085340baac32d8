namespace AgiIdent.Directory;

/// <summary>How a PostgreSQL directory answers calls (<c>AgiIdent:Directory:Mode</c>).</summary>
public enum DirectoryMode
{
    /// <summary>Everything held in memory, refreshed by what changed; no database round trip during a call.</summary>
    Snapshot,

    /// <summary>One indexed query per call, for directories too big to hold.</summary>
    Direct,
}
