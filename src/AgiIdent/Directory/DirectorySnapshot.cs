using System.Globalization;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// An immutable in-memory index of the directory, compact enough for a million phones. A caller's E.164 number is
/// matched exactly first; when nothing matches, its last national digits are matched against stored numbers whose
/// country was not known. Matches are ranked once, when the snapshot is built: parties not marked deleted first,
/// then a contact person's own phone before a company line, then the most recently changed party, then load order.
/// </summary>
public sealed class DirectorySnapshot
{
    private readonly Party[] _parties;
    private readonly Entry[] _entries;
    private readonly Dictionary<long, int> _exact;
    private readonly Dictionary<long, int> _suffix;
    private readonly PhoneNumber _numbers;

    /// <summary>Indexes <paramref name="parties"/> by every number of their <see cref="Party.Phones"/>.</summary>
    public DirectorySnapshot(IReadOnlyList<Party> parties, PhoneNumber numbers)
        : this(parties, PhonesOf(parties), numbers)
    {
    }

    /// <summary>
    /// Indexes <paramref name="parties"/> with <paramref name="phones"/>, each naming its party by position in the
    /// list; of a phone only the contact and kind are kept, so loaders need not keep phone objects alive.
    /// </summary>
    public DirectorySnapshot(IReadOnlyList<Party> parties, IEnumerable<IndexedNumber> phones, PhoneNumber numbers)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(numbers);
        _numbers = numbers;
        _parties = [.. parties];

        var keys = new List<long>();
        var entries = new List<Entry>();
        foreach (var phone in phones)
        {
            var number = phone.Number;
            keys.Add(Key(number.E164 ?? number.Suffix, number.E164 is not null));
            entries.Add(new Entry(phone.Party, -1, string.IsNullOrEmpty(phone.Contact) ? null : phone.Contact, phone.Kind));
        }

        var keyArray = keys.ToArray();
        var entryArray = entries.ToArray();
        var order = new int[entryArray.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byKey = keyArray[a].CompareTo(keyArray[b]);
            return byKey != 0 ? byKey : Rank(entryArray[a], entryArray[b]);
        });

        _entries = new Entry[order.Length];
        _exact = new Dictionary<long, int>();
        _suffix = new Dictionary<long, int>();
        var count = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var key = keyArray[order[i]];
            var entry = entryArray[order[i]];
            var head = i > 0 && keyArray[order[i - 1]] == key;
            if (head && Chain(count - 1, key).Any(e => _entries[e].Party == entry.Party))
            {
                continue;
            }

            _entries[count] = entry;
            if (head)
            {
                _entries[count - 1] = _entries[count - 1] with { Next = count };
            }
            else
            {
                (IsExact(key) ? _exact : _suffix)[key] = count;
            }

            count++;
        }

        Array.Resize(ref _entries, count);
        _exact.TrimExcess();
        _suffix.TrimExcess();
        PhoneCount = _exact.Count + _suffix.Count;
    }

    /// <summary>Every number of every phone of <paramref name="parties"/>, for the index.</summary>
    public static IEnumerable<IndexedNumber> PhonesOf(IReadOnlyList<Party> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        for (var index = 0; index < parties.Count; index++)
        {
            foreach (var phone in parties[index].Phones)
            {
                foreach (var number in phone.Numbers)
                {
                    yield return new IndexedNumber(index, number, phone.Contact, phone.Kind);
                }
            }
        }
    }

    /// <summary>The parties held, in load order.</summary>
    public IReadOnlyList<Party> Parties => _parties;

    /// <summary>How many distinct numbers the index holds.</summary>
    public int PhoneCount { get; }

    /// <summary>The parties owning <paramref name="e164"/>, best first; empty when none.</summary>
    public IReadOnlyList<PartyMatch> Find(string e164) => Find(e164, out _);

    /// <summary>As <see cref="Find(string)"/>; <paramref name="exact"/> tells whether the full number matched (rather than its last digits).</summary>
    public IReadOnlyList<PartyMatch> Find(string e164, out bool exact)
    {
        ArgumentNullException.ThrowIfNull(e164);
        exact = false;
        if (e164.Length is 0 or > PhoneNumber.MaxE164Length || !e164.All(char.IsAsciiDigit))
        {
            return [];
        }

        exact = _exact.TryGetValue(Key(e164, exact: true), out var first);
        if (!exact && (_suffix.Count == 0 || !_suffix.TryGetValue(Key(_numbers.SuffixOf(e164), exact: false), out first)))
        {
            return [];
        }

        return Chain(first);
    }

    private List<PartyMatch> Chain(int first)
    {
        var matches = new List<PartyMatch>(1);
        for (var e = first; e >= 0; e = _entries[e].Next)
        {
            var entry = _entries[e];
            matches.Add(new PartyMatch(_parties[entry.Party], new PartyPhone(string.Empty, entry.Kind, entry.Contact, [])));
        }

        return matches;
    }

    /// <summary>The parties matched by the last national digits of <paramref name="e164"/> only, ignoring full-number matches.</summary>
    public IReadOnlyList<PartyMatch> FindBySuffix(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        if (_suffix.Count == 0 || e164.Length is 0 or > PhoneNumber.MaxE164Length || !e164.All(char.IsAsciiDigit)
            || !_suffix.TryGetValue(Key(_numbers.SuffixOf(e164), exact: false), out var first))
        {
            return [];
        }

        return Chain(first);
    }

    /// <summary>Every number held, with its party's position, contact and kind: what a cache file stores.</summary>
    public IEnumerable<IndexedNumber> Numbers()
    {
        foreach (var (key, head) in _exact.Concat(_suffix))
        {
            var digits = Digits(key);
            var number = IsExact(key) ? new StoredNumber(digits, _numbers.SuffixOf(digits)) : new StoredNumber(null, digits);
            for (var e = head; e >= 0; e = _entries[e].Next)
            {
                yield return new IndexedNumber(_entries[e].Party, number, _entries[e].Contact, _entries[e].Kind);
            }
        }
    }

    /// <summary>Orders two matches of one number: not deleted, then a contact's own phone, then most recently changed.</summary>
    public static int CompareMatches(PartyMatch a, PartyMatch b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(a.Party, a.Phone.Contact, b.Party, b.Phone.Contact);
    }

    private static int Compare(Party a, string? contactA, Party b, string? contactB)
    {
        var deleted = a.Deleted.CompareTo(b.Deleted);
        if (deleted != 0)
        {
            return deleted;
        }

        var contact = string.IsNullOrEmpty(contactA).CompareTo(string.IsNullOrEmpty(contactB));
        return contact != 0 ? contact : Nullable.Compare(b.Changed, a.Changed);
    }

    private IEnumerable<int> Chain(int last, long key)
    {
        // Entries of one key are contiguous: walk back from the last one written.
        for (var e = last; e >= 0 && (IsExact(key) ? _exact : _suffix).TryGetValue(key, out var head) && e >= head; e--)
        {
            yield return e;
        }
    }

    private int Rank(Entry a, Entry b)
    {
        var byMatch = Compare(_parties[a.Party], a.Contact, _parties[b.Party], b.Contact);
        return byMatch != 0 ? byMatch : a.Party.CompareTo(b.Party);
    }

    /// <summary>Digits as a number, with their count on top so that leading zeros of a suffix still count.</summary>
    private static long Key(string digits, bool exact)
    {
        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return ((long)digits.Length << 52) | ((exact ? 1L : 0L) << 51) | value;
    }

    private static bool IsExact(long key) => ((key >> 51) & 1) == 1;

    private static string Digits(long key) =>
        (key & ((1L << 51) - 1)).ToString(CultureInfo.InvariantCulture).PadLeft((int)(key >> 52), '0');

    private readonly record struct Entry(int Party, int Next, string? Contact, string? Kind);
}

/// <summary>One number of a phone, naming its party by position in the party list.</summary>
public readonly record struct IndexedNumber(int Party, StoredNumber Number, string? Contact, string? Kind);
