namespace AgiIdent.Benchmarks;

/// <summary>The steps of a directory run, in the order they run.</summary>
[Flags]
internal enum DirectoryStep
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>agiident serve</c> in snapshot mode: load time, RSS, sessions with 1 and N clients.</summary>
    Snapshot = 1,

    /// <summary>On that server: from COMMIT of changed parties until a call sees them (LISTEN/NOTIFY).</summary>
    Notify = 2,

    /// <summary>In this process: full load, lookups, and the refresh of changed parties (LoadChangesAsync + Apply).</summary>
    Refresh = 4,

    /// <summary><c>agiident serve</c> in direct mode: one query per call, sessions with 1 and N clients.</summary>
    Direct = 8,

    /// <summary><c>agiident serve</c> from a JSON directory file of the generated directory: time to listen, RSS, sessions.</summary>
    File = 16,

    /// <summary><c>agiident serve</c> in snapshot mode with PostgreSQL unreachable, from the cache file: time to listen, RSS, sessions.</summary>
    Cache = 32,

    /// <summary>Everything.</summary>
    All = Snapshot | Notify | Refresh | Direct | File | Cache,
}
