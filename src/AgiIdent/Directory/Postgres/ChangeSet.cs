namespace AgiIdent.Directory.Postgres;

/// <summary>What changed since a watermark: parties rewritten (with their phones) and parties removed.</summary>
internal sealed record ChangeSet(long Generation, long Watermark, IReadOnlyList<Party> Parties, IReadOnlyList<IndexedNumber> Phones, IReadOnlyList<string> Removed);
