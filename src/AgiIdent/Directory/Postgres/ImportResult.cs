namespace AgiIdent.Directory.Postgres;

/// <summary>What an import did.</summary>
public sealed record ImportResult(int Parties, int Numbers, IReadOnlyList<DirectoryReject> Rejects);
