namespace AgiIdent.Sync;

/// <summary>What one sync run did.</summary>
public sealed record SyncResult(
    bool Full,
    int Parties,
    int Phones,
    int Changed,
    int Removed,
    int Rejected,
    IReadOnlyList<string> RejectSamples,
    int Requests,
    TimeSpan Elapsed);
