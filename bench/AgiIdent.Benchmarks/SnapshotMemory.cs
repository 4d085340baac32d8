using System.Globalization;
using AgiIdent.Directory;

namespace AgiIdent.Benchmarks;

/// <summary>
/// Where a snapshot's memory goes: the arrays of its dense store (party structs, UTF-8 texts, the sorted number keys
/// with their runs, the match entries), measured from their lengths, against the measured growth of the live heap.
/// </summary>
internal static class SnapshotMemory
{
    /// <summary>Prints the store's arrays against <paramref name="liveHeap"/>, the measured growth of the live heap.</summary>
    public static void Print(DirectorySnapshot snapshot, long liveHeap, TextWriter output)
    {
        var (rows, text, keys, entries, profiles) = snapshot.Footprint();
        var accounted = rows + text + keys + entries;
        string M(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine($"           of which, in the dense store: {snapshot.PartyCount:N0} party structs {M(rows)} MiB, UTF-8 texts (ids that are not GUIDs, codes, names, short names, attributes, contacts) {M(text)} MiB, {profiles:N0} shared profiles;");
        output.WriteLine($"           the number index {M(keys)} MiB of keys ({snapshot.PhoneCount:N0}) and {M(entries)} MiB of match entries; {M(accounted)} MiB in all, {M(liveHeap - accounted)} MiB in profiles, tables and the rest");
    }
}
