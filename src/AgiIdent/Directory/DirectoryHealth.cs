namespace AgiIdent.Directory;

/// <summary>
/// What a directory can tell the readiness check and the metrics about itself; <see cref="Problem"/> says why it is
/// not ready or stale (the database is unreachable, and the reason).
/// </summary>
public sealed record DirectoryHealth(
    bool Ready,
    string Source,
    int Parties,
    int Numbers,
    DateTimeOffset? LastSuccess,
    long DatabaseErrors,
    string? Circuit,
    string? Problem = null);
