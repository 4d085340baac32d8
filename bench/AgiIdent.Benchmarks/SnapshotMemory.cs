using System.Globalization;
using AgiIdent.Directory;

namespace AgiIdent.Benchmarks;

/// <summary>
/// Where a snapshot's memory goes, estimated from what it holds: the party records and the strings they point to
/// (each counted once, by reference), the number index, the contacts. Object sizes are those of the 64-bit runtime:
/// a string is 22 bytes and 2 per character, rounded up to 8; a party record's size is measured by copying some.
/// </summary>
internal static class SnapshotMemory
{
    /// <summary>Prints the estimate against <paramref name="liveHeap"/>, the measured growth of the live heap.</summary>
    public static void Print(DirectorySnapshot snapshot, long liveHeap, TextWriter output)
    {
        var parties = snapshot.Parties;
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        long Strings(IEnumerable<string?> values) => values.Sum(v => v is not null && seen.Add(v) ? StringBytes(v) : 0);

        var records = parties.Count * (RecordBytes(parties) + 8);
        var ids = Strings(parties.Select(p => p.Id));
        var codes = Strings(parties.Select(p => p.Code));
        var names = Strings(parties.Select(p => p.Name));
        var shortNames = Strings(parties.Select(p => p.ShortName));
        var other = Strings(parties.SelectMany(p => p.Flags.Concat([p.Language, p.Greeting, p.Manager?.Name, p.Manager?.Extension])));
        var withAttributes = parties.Where(p => p.Attributes.Count > 0).ToList();
        // A small Dictionary: the object, its buckets and entries (a prime capacity of 3), the strings.
        var attributes = (withAttributes.Count * (80 + 40 + 96)) + Strings(withAttributes.SelectMany(p => p.Attributes.SelectMany(a => new[] { a.Key, a.Value })));

        var entries = 0L;
        var contacts = 0L;
        foreach (var number in snapshot.Numbers())
        {
            entries++;
            contacts += number.Contact is { } contact && seen.Add(contact) ? StringBytes(contact) : 0;
        }

        // Dictionary<long, int>: 24-byte entries and 4-byte buckets per distinct number; 24-byte chain entries per number.
        var index = (snapshot.PhoneCount * 28L) + (entries * 24);
        var accounted = records + ids + codes + names + shortNames + other + attributes + index + contacts;
        string M(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine($"           of which, estimated: {parties.Count:N0} party records {M(records)} MiB ({RecordBytes(parties)} bytes each and 8 in the array), their ids {M(ids)}, codes {M(codes)}, names {M(names)}, short names {M(shortNames)}, attributes {M(attributes)}, other strings {M(other)} MiB;");
        output.WriteLine($"           the number index {M(index)} MiB ({snapshot.PhoneCount:N0} keys, {entries:N0} entries), contacts {M(contacts)} MiB; {M(accounted)} MiB in all, {M(liveHeap - accounted)} MiB not accounted for");
    }

    private static long StringBytes(string value) => (22 + (2L * value.Length) + 7) & ~7L;

    /// <summary>The size of one party record: the bytes allocated by copying some.</summary>
    private static long RecordBytes(IReadOnlyList<Party> parties)
    {
        const int Copies = 1000;
        var copies = new Party[Copies];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Copies; i++)
        {
            copies[i] = parties[i % parties.Count] with { };
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / Copies;
        GC.KeepAlive(copies);
        return bytes;
    }
}
