namespace AgiIdent.Directory.Postgres;

/// <summary>Settings of the snapshot directory.</summary>
public sealed record SnapshotSettings(TimeSpan Refresh, string CacheFile, int RebuildAfter = 5000)
{
    /// <summary>
    /// The least time between two writes of the cache file: a write of a big directory takes seconds of disk and CPU,
    /// and changes can come every second. A change inside it is written once it has passed, and on shutdown.
    /// </summary>
    public TimeSpan CacheWriteInterval { get; init; } = TimeSpan.FromSeconds(30);
}
