namespace AgiIdent.Directory;

/// <summary>The arrays of a <see cref="DirectorySnapshot"/>: party structs, texts, profiles, big debts, kinds, the number index.</summary>
internal readonly record struct DenseStore(PartyRow[] Rows, byte[] Text, PartyProfile[] Profiles, decimal[] BigDebts, string?[] Kinds, long[] Keys, int[] Starts, NumberEntry[] Entries);
