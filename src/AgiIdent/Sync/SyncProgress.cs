namespace AgiIdent.Sync;

/// <summary>How far a sync has read: the set being read, rows read and requests made since the client was created.</summary>
public readonly record struct SyncProgress(string Set, long Rows, int Requests);
