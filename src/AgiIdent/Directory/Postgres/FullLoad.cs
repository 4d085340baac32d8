namespace AgiIdent.Directory.Postgres;

/// <summary>Everything a snapshot needs from one consistent read of the database.</summary>
internal sealed record FullLoad(DirectorySnapshot Snapshot, long Generation, long Watermark);
