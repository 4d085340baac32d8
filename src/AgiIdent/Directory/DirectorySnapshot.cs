using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// An immutable in-memory index of the directory, compact enough for a million phones. A caller's E.164 number is
/// matched exactly first; when nothing matches, its last national digits are matched against stored numbers whose
/// country was not known. Matches are ranked once, when the snapshot is built: parties not marked deleted first,
/// then a contact person's own phone before a company line, then the most recently changed party, then load order.
/// </summary>
/// <remarks>
/// The parties are held densely, not as <see cref="Party"/> objects: one struct per party (a GUID id as 16 bytes, the
/// other texts as offsets into one UTF-8 array, what repeats across parties — flags, manager, language, greeting,
/// kind, deletion mark — as an index into a small table of shared profiles), and the number index as a sorted
/// <c>long[]</c> of keys searched by halving, with each key's matches in one contiguous run of entries. A lookup
/// builds <see cref="Party"/> objects for its matches only. For 500,000 parties with 1,000,000 phones this is about a
/// third of the heap that records, strings and <c>Dictionary&lt;long, int&gt;</c> took (docs/BENCHMARKS.md).
/// </remarks>
public sealed class DirectorySnapshot
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = FrozenDictionary<string, string>.Empty;

    private readonly PartyRow[] _rows;
    private readonly byte[] _text;
    private readonly PartyProfile[] _profiles;
    private readonly decimal[] _bigDebts;
    private readonly string?[] _kinds;
    private readonly long[] _keys;
    private readonly int[] _starts;
    private readonly NumberEntry[] _entries;
    private readonly bool _hasSuffixes;
    private readonly NumberParser _numbers;

    /// <summary>Indexes <paramref name="parties"/> by every number of their <see cref="Party.Phones"/>.</summary>
    public DirectorySnapshot(IReadOnlyList<Party> parties, NumberParser numbers)
        : this(parties, PhonesOf(parties), numbers)
    {
    }

    /// <summary>
    /// Indexes <paramref name="parties"/> with <paramref name="phones"/>, each naming its party by position in the
    /// list; of a phone only the contact and kind are kept, so loaders need not keep phone objects alive.
    /// </summary>
    public DirectorySnapshot(IReadOnlyList<Party> parties, IEnumerable<IndexedNumber> phones, NumberParser numbers)
        : this(Collect(parties, phones, numbers))
    {
    }

    private DirectorySnapshot(DirectorySnapshot built)
    {
        _rows = built._rows;
        _text = built._text;
        _profiles = built._profiles;
        _bigDebts = built._bigDebts;
        _kinds = built._kinds;
        _keys = built._keys;
        _starts = built._starts;
        _entries = built._entries;
        _hasSuffixes = built._hasSuffixes;
        _numbers = built._numbers;
        Parties = new SnapshotPartyList(this);
    }

    internal DirectorySnapshot(PartyRow[] rows, byte[] text, PartyProfile[] profiles, decimal[] bigDebts, string?[] kinds, long[] keys, int[] starts, NumberEntry[] entries, NumberParser numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        _rows = rows;
        _text = text;
        _profiles = profiles;
        _bigDebts = bigDebts;
        _kinds = kinds;
        _keys = keys;
        _starts = starts;
        _entries = entries;
        _numbers = numbers;
        _hasSuffixes = Array.Exists(keys, static key => !IsExact(key));
        Parties = new SnapshotPartyList(this);
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

    /// <summary>The parties held, in load order; each one read is built anew from the dense store (without phones).</summary>
    public IReadOnlyList<Party> Parties { get; }

    /// <summary>How many parties are held.</summary>
    public int PartyCount => _rows.Length;

    /// <summary>How many distinct numbers the index holds.</summary>
    public int PhoneCount => _keys.Length;

    /// <summary>The bytes of the store's arrays: party structs, UTF-8 texts, number keys with their runs, match entries; and the shared profiles.</summary>
    internal (long Rows, long Text, long Keys, long Entries, int Profiles) Footprint() =>
        (_rows.Length * (long)System.Runtime.CompilerServices.Unsafe.SizeOf<PartyRow>(), _text.Length, (_keys.Length * 8L) + (_starts.Length * 4L),
            _entries.Length * (long)System.Runtime.CompilerServices.Unsafe.SizeOf<NumberEntry>(), _profiles.Length);

    /// <summary>The party at <paramref name="index"/> (load order), built from the dense store; its phones are not kept.</summary>
    public Party PartyAt(int index)
    {
        ref readonly var row = ref _rows[index];
        var profile = _profiles[row.Profile];
        return new Party(
            IdOf(in row),
            TextArena.Text(_text, row.Code)!,
            profile.Kind,
            TextArena.Text(_text, row.Name)!,
            TextArena.Text(_text, row.ShortName),
            profile.Flags,
            DebtOf(row.Debt),
            profile.Manager,
            profile.Language,
            profile.Greeting,
            AttributesOf(row.Attributes),
            profile.Deleted,
            [])
        {
            Changed = row.Changed == 0 ? null : new DateTimeOffset(row.Changed, TimeSpan.Zero),
        };
    }

    /// <summary>The id of the party at <paramref name="index"/>.</summary>
    public string IdOf(int index) => IdOf(in _rows[index]);

    /// <summary>The parties owning <paramref name="e164"/>, best first; empty when none.</summary>
    public IReadOnlyList<PartyMatch> Find(string e164) => Find(e164, out _);

    /// <summary>As <see cref="Find(string)"/>; <paramref name="exact"/> tells whether the full number matched (rather than its last digits).</summary>
    public IReadOnlyList<PartyMatch> Find(string e164, out bool exact)
    {
        ArgumentNullException.ThrowIfNull(e164);
        exact = false;
        if (!IsNumber(e164))
        {
            return [];
        }

        var at = Array.BinarySearch(_keys, Key(e164, exact: true));
        exact = at >= 0;
        if (!exact && (!_hasSuffixes || (at = Array.BinarySearch(_keys, Key(_numbers.SuffixOf(e164), exact: false))) < 0))
        {
            return [];
        }

        return Matches(at);
    }

    /// <summary>The parties matched by the last national digits of <paramref name="e164"/> only, ignoring full-number matches.</summary>
    public IReadOnlyList<PartyMatch> FindBySuffix(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        int at;
        if (!_hasSuffixes || !IsNumber(e164) || (at = Array.BinarySearch(_keys, Key(_numbers.SuffixOf(e164), exact: false))) < 0)
        {
            return [];
        }

        return Matches(at);
    }

    /// <summary>Every number held, with its party's position, contact and kind: what a cache file stores.</summary>
    public IEnumerable<IndexedNumber> Numbers()
    {
        for (var k = 0; k < _keys.Length; k++)
        {
            var key = _keys[k];
            var digits = Digits(key);
            var number = IsExact(key) ? new StoredNumber(digits, _numbers.SuffixOf(digits)) : new StoredNumber(null, digits);
            for (var e = _starts[k]; e < _starts[k + 1]; e++)
            {
                var entry = _entries[e];
                yield return new IndexedNumber(entry.Party, number, TextArena.Text(_text, entry.Contact), _kinds[entry.Kind]);
            }
        }
    }

    /// <summary>Orders two matches of one number: not deleted, then a contact's own phone, then most recently changed.</summary>
    public static int CompareMatches(PartyMatch a, PartyMatch b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var deleted = a.Party.Deleted.CompareTo(b.Party.Deleted);
        if (deleted != 0)
        {
            return deleted;
        }

        var contact = string.IsNullOrEmpty(a.Phone.Contact).CompareTo(string.IsNullOrEmpty(b.Phone.Contact));
        return contact != 0 ? contact : Nullable.Compare(b.Party.Changed, a.Party.Changed);
    }

    /// <summary>The arrays of the dense store as they are held, for the cache file to write as they are.</summary>
    internal DenseStore Store => new(_rows, _text, _profiles, _bigDebts, _kinds, _keys, _starts, _entries);

    private List<PartyMatch> Matches(int key)
    {
        var first = _starts[key];
        var end = _starts[key + 1];
        var matches = new List<PartyMatch>(end - first);
        for (var e = first; e < end; e++)
        {
            var entry = _entries[e];
            matches.Add(new PartyMatch(PartyAt(entry.Party), new MatchedPhone(TextArena.Text(_text, entry.Contact), _kinds[entry.Kind])));
        }

        return matches;
    }

    private string IdOf(in PartyRow row) => row.IdText >= 0 ? TextArena.Text(_text, row.IdText)! : row.Id.ToString("D");

    private decimal? DebtOf(long bits) => bits switch
    {
        -1 => null,
        < -1 => _bigDebts[-2 - bits],
        _ => new decimal((int)(bits >> 6), (int)(bits >> 38), 0, (bits & 1) == 1, (byte)((bits >> 1) & 31)),
    };

    private IReadOnlyDictionary<string, string> AttributesOf(int offset)
    {
        if (offset < 0)
        {
            return NoAttributes;
        }

        // Held as the cache file stores them: a 32-bit count, then keys and values as length-prefixed UTF-8.
        var bytes = TextArena.Bytes(_text, offset);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var attributes = new Dictionary<string, string>(count, StringComparer.OrdinalIgnoreCase);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            var key = Encoding.UTF8.GetString(TextArena.Next(bytes, ref at));
            attributes[key] = Encoding.UTF8.GetString(TextArena.Next(bytes, ref at));
        }

        return attributes;
    }

    private static DirectorySnapshot Collect(IReadOnlyList<Party> parties, IEnumerable<IndexedNumber> phones, NumberParser numbers)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(numbers);
        var builder = new DirectorySnapshotBuilder(parties.Count);
        foreach (var party in parties)
        {
            builder.Add(party);
        }

        foreach (var phone in phones)
        {
            builder.AddNumber(phone.Party, phone.Number, phone.Contact, phone.Kind);
        }

        return builder.Build(numbers);
    }

    private static bool IsNumber(string e164)
    {
        if (e164.Length is 0 or > NumberParser.MaxE164Length)
        {
            return false;
        }

        foreach (var c in e164)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Digits as a number, with their count on top so that leading zeros of a suffix still count.</summary>
    internal static long Key(string digits, bool exact)
    {
        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return ((long)digits.Length << 52) | ((exact ? 1L : 0L) << 51) | value;
    }

    private static bool IsExact(long key) => ((key >> 51) & 1) == 1;

    private static string Digits(long key) =>
        (key & ((1L << 51) - 1)).ToString(CultureInfo.InvariantCulture).PadLeft((int)(key >> 52), '0');
}
