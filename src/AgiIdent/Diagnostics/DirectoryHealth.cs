namespace AgiIdent.Diagnostics;

/// <summary>
/// What a directory can tell the readiness check and the metrics about itself; <see cref="Problem"/> says why it is
/// not ready or stale (the database is unreachable, and the reason). <see cref="Source"/> is an <c>AGIIDENT_SOURCE</c>
/// (<see cref="Contract.ContractText.Sources"/>), empty when the directory does not say; <see cref="Circuit"/> is the
/// state of its circuit breaker (<see cref="ClosedCircuit"/> while calls reach the database), null when it has none.
/// </summary>
public sealed record DirectoryHealth(
    bool Ready,
    string Source,
    int Parties,
    int Numbers,
    DateTimeOffset? LastSuccess,
    long DatabaseErrors,
    string? Circuit,
    string? Problem = null)
{
    /// <summary>The <see cref="Circuit"/> of a breaker that lets calls through.</summary>
    public const string ClosedCircuit = "closed";
}
