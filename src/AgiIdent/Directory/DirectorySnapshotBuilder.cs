using System.Buffers.Binary;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// Fills a <see cref="DirectorySnapshot"/> one party and one number at a time, so that a loader (PostgreSQL, the
/// cache file, a directory file) never holds all parties as objects: each one is packed as it arrives and is garbage
/// right after. Parties are numbered in the order added; numbers name their party by that position.
/// </summary>
public sealed class DirectorySnapshotBuilder
{
    private readonly Dictionary<ProfileKey, int> _profileIndex = [];
    private readonly List<PartyProfile> _profiles = [];
    private readonly Dictionary<string, int> _kindIndex = new(StringComparer.Ordinal);
    private readonly List<string?> _kinds = [null];
    private readonly List<byte[]> _kindBytes = [[]];
    private readonly List<decimal> _bigDebts = [];
    private List<PartyRow> _rows;
    private List<NumberRow> _numbers = [];
    private TextArena _text;

    /// <summary>A builder expecting about <paramref name="parties"/> parties.</summary>
    public DirectorySnapshotBuilder(int parties = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parties);
        _rows = new List<PartyRow>(parties);
        _text = new TextArena(Math.Max(1 << 16, (int)Math.Min(int.MaxValue / 2, parties * 160L)));
    }

    /// <summary>Parties added so far.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds <paramref name="party"/> without its phones (add them with <see cref="AddNumber"/>); its position.</summary>
    public int Add(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var row = new PartyRow { IdText = -1 };
        if (!TryGuid(party.Id, out row.Id))
        {
            row.IdText = _text.Add(party.Id);
        }

        row.Code = _text.Add(party.Code);
        row.Name = _text.Add(party.Name);
        row.ShortName = _text.Add(party.ShortName);
        row.Debt = PackDebt(party.Debt);
        row.Changed = party.Changed?.UtcTicks ?? 0;
        row.Attributes = AddAttributes(party.Attributes);
        row.Profile = Profile(party.Flags, party.Manager, party.Language, party.Greeting, party.Kind, party.Deleted);
        _rows.Add(row);
        return _rows.Count - 1;
    }

    /// <summary>
    /// Compares the id of the party at <paramref name="index"/> with <paramref name="id"/> in the byte order of their
    /// UTF-8 (what PostgreSQL's <c>COLLATE "C"</c> sorts by): UTF-16 order differs from it only where a surrogate pair
    /// meets a character from U+E000 up, which sorts after the pair in UTF-8.
    /// </summary>
    internal int CompareId(int index, string id)
    {
        var row = _rows[index];
        Span<char> guid = stackalloc char[36];
        ReadOnlySpan<char> held = row.IdText >= 0 ? _text.Text(row.IdText) : row.Id.TryFormat(guid, out _, "D") ? guid : [];
        var length = Math.Min(held.Length, id.Length);
        for (var i = 0; i < length; i++)
        {
            if (held[i] != id[i])
            {
                return CodePointOrder(held[i]).CompareTo(CodePointOrder(id[i]));
            }
        }

        return held.Length.CompareTo(id.Length);

        static int CodePointOrder(char c) => c >= 0xE000 ? c - 0x800 : char.IsSurrogate(c) ? c + 0x2000 : c;
    }

    /// <summary>The id of the party at <paramref name="index"/>.</summary>
    internal string IdAt(int index)
    {
        var row = _rows[index];
        return row.IdText >= 0 ? _text.Text(row.IdText) : row.Id.ToString("D");
    }

    /// <summary>Adds a number of the party at position <paramref name="party"/>, with the phone's contact and kind.</summary>
    public void AddNumber(int party, StoredNumber number, string? contact, string? kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(party);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(party, _rows.Count);
        var digits = number.E164 ?? number.Suffix;
        if (digits is not { Length: > 0 and <= NumberParser.MaxE164Length } || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"'{digits}' is not a number's digits", nameof(number));
        }

        _numbers.Add(new NumberRow(DirectorySnapshot.Key(digits, number.E164 is not null), 0, party, string.IsNullOrEmpty(contact) ? -1 : _text.Add(contact), Kind(kind)));
    }

    /// <summary>
    /// Ranks and indexes the numbers and returns the snapshot; the builder is empty afterwards. Matches of one number
    /// are ordered as <see cref="DirectorySnapshot.CompareMatches"/> does, then by position; a party is kept once per number.
    /// </summary>
    public DirectorySnapshot Build(NumberParser numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var rows = _rows.ToArray();
        _rows = [];
        var added = _numbers.ToArray();
        _numbers = [];
        var text = _text.ToArray();
        _text = new TextArena();
        return Build(rows, added, text, [.. _profiles], [.. _bigDebts], [.. _kinds], numbers);
    }

    /// <summary>
    /// Ranks and indexes <paramref name="added"/> (numbers naming their party by position in <paramref name="rows"/>;
    /// sorted in place) over a store already packed, as the cache file holds it.
    /// </summary>
    internal static DirectorySnapshot Build(PartyRow[] rows, NumberRow[] added, byte[] text, PartyProfile[] profiles, decimal[] bigDebts, string?[] kinds, NumberParser numbers)
    {
        for (var i = 0; i < added.Length; i++)
        {
            ref var number = ref added[i];
            var row = rows[number.Party];
            // Not deleted first, then a contact's own phone, then the latest change (unknown last), then position.
            var deleted = profiles[row.Profile].Deleted ? 1UL << 63 : 0;
            var noContact = number.Contact < 0 ? 1UL << 62 : 0;
            var age = row.Changed == 0 ? (1UL << 62) - 1 : (ulong)(DateTime.MaxValue.Ticks - row.Changed);
            number = number with { Rank = deleted | noContact | age };
        }

        added.AsSpan().Sort(new NumberOrder());
        var keys = new long[added.Length];
        var starts = new int[added.Length + 1];
        var entries = new NumberEntry[added.Length];
        var keyCount = 0;
        var entryCount = 0;
        for (var i = 0; i < added.Length; i++)
        {
            var number = added[i];
            if (keyCount == 0 || keys[keyCount - 1] != number.Key)
            {
                keys[keyCount] = number.Key;
                starts[keyCount++] = entryCount;
            }
            else if (Holds(entries, starts[keyCount - 1], entryCount, number.Party))
            {
                // The party's best-ranked entry for this number is already in.
                continue;
            }

            entries[entryCount++] = new NumberEntry(number.Party, number.Contact, number.Kind);
        }

        starts[keyCount] = entryCount;
        Array.Resize(ref keys, keyCount);
        Array.Resize(ref starts, keyCount + 1);
        Array.Resize(ref entries, entryCount);
        return new DirectorySnapshot(rows, text, profiles, bigDebts, kinds, keys, starts, entries, numbers);
    }

    /// <summary>
    /// Reads one party as <see cref="SnapshotCacheFile"/> stores it, copying its texts' bytes into the store without
    /// making strings of them; its position. Throws <see cref="InvalidDataException"/> when a length runs past the file.
    /// </summary>
    internal int ReadParty(BinaryReader reader)
    {
        var row = new PartyRow { IdText = -1 };
        var id = reader.ReadString();
        if (!TryGuid(id, out row.Id))
        {
            row.IdText = _text.Add(id);
        }

        row.Code = CopyText(reader);
        var kind = reader.ReadBoolean() ? PartyKind.Person : PartyKind.Company;
        row.Name = CopyText(reader);
        row.ShortName = reader.ReadBoolean() ? CopyText(reader) : -1;
        var flags = new string[CountAt(reader)];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = reader.ReadString();
        }

        row.Debt = PackDebt(reader.ReadBoolean() ? reader.ReadDecimal() : null);
        var managerName = ReadText(reader);
        var managerExtension = ReadText(reader);
        var language = ReadText(reader);
        var greeting = ReadText(reader);
        row.Attributes = CopyAttributes(reader);
        var deleted = reader.ReadBoolean();
        row.Changed = reader.ReadInt64();
        if (row.Changed < 0 || row.Changed > DateTimeOffset.MaxValue.UtcTicks)
        {
            // A file of version 1 or 2 has no hash: a damaged time must stop the read, not a later lookup of the party.
            throw new InvalidDataException($"a change time of {row.Changed} ticks");
        }
        row.Profile = Profile(flags, PartyBuilder.ManagerOf(managerName, managerExtension), language, greeting, kind, deleted);
        _rows.Add(row);
        return _rows.Count - 1;
    }

    /// <summary>
    /// Reads one number of the party at <paramref name="party"/> as <see cref="SnapshotCacheFile"/> stores it (E.164
    /// digits or none, the last digits, contact, kind), its digits straight into a key and its contact's bytes into
    /// the store: no string is made for any of them. Throws <see cref="InvalidDataException"/> when digits are not digits.
    /// </summary>
    internal void ReadNumber(BinaryReader reader, int party)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(party, _rows.Count);
        Span<byte> digits = stackalloc byte[NumberParser.MaxE164Length];
        var key = reader.ReadBoolean() ? ReadKey(reader, digits, exact: true) : -1;
        var suffix = ReadKey(reader, digits, exact: false);
        var contact = -1;
        if (reader.ReadBoolean())
        {
            var length = reader.Read7BitEncodedInt();
            if (length > 0)
            {
                contact = _text.Reserve(Within(reader, length), out var bytes);
                reader.BaseStream.ReadExactly(bytes);
            }
        }

        var kind = reader.ReadBoolean() ? Kind(reader) : 0;
        _numbers.Add(new NumberRow(key >= 0 ? key : suffix, 0, party, contact, kind));
    }

    private static long ReadKey(BinaryReader reader, Span<byte> digits, bool exact)
    {
        var length = reader.Read7BitEncodedInt();
        if (length is <= 0 or > NumberParser.MaxE164Length)
        {
            throw new InvalidDataException($"a number of {length} digits");
        }

        reader.BaseStream.ReadExactly(digits[..length]);
        var value = 0L;
        foreach (var digit in digits[..length])
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                throw new InvalidDataException("a number with a character that is not a digit");
            }

            value = (value * 10) + (digit - '0');
        }

        // As DirectorySnapshot.Key makes it from a string.
        return ((long)length << 52) | ((exact ? 1L : 0L) << 51) | value;
    }

    private int Kind(BinaryReader reader)
    {
        var length = Within(reader, reader.Read7BitEncodedInt());
        Span<byte> small = stackalloc byte[64];
        var bytes = length <= small.Length ? small[..length] : new byte[length];
        reader.BaseStream.ReadExactly(bytes);
        // A handful of kinds in a whole directory: compare bytes rather than make a string per number.
        for (var i = 1; i < _kindBytes.Count; i++)
        {
            if (bytes.SequenceEqual(_kindBytes[i]))
            {
                return i;
            }
        }

        return Kind(System.Text.Encoding.UTF8.GetString(bytes));
    }

    private int CopyText(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        var offset = _text.Reserve(Within(reader, length), out var bytes);
        reader.BaseStream.ReadExactly(bytes);
        return offset;
    }

    private int CopyAttributes(BinaryReader reader)
    {
        var count = CountAt(reader);
        if (count == 0)
        {
            return -1;
        }

        // Read into a scratch buffer first: the entry's length, written in front, is known only at the end.
        using var scratch = new MemoryStream();
        Span<byte> head = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(head, count);
        scratch.Write(head);
        for (var i = 0; i < count * 2; i++)
        {
            var length = reader.Read7BitEncodedInt();
            Within(reader, length);
            var value = (uint)length;
            while (value >= 0x80)
            {
                scratch.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            scratch.WriteByte((byte)value);
            var start = (int)scratch.Length;
            scratch.SetLength(start + length);
            reader.BaseStream.ReadExactly(scratch.GetBuffer().AsSpan(start, length));
            scratch.Position = scratch.Length;
        }

        var offset = _text.Reserve((int)scratch.Length, out var bytes);
        scratch.GetBuffer().AsSpan(0, (int)scratch.Length).CopyTo(bytes);
        return offset;
    }

    private static int CountAt(BinaryReader reader) => Within(reader, reader.ReadInt32());

    private static int Within(BinaryReader reader, int length)
    {
        // A damaged length must not make the store reserve gigabytes. A short one is not checked against the file's
        // length (a system call per text): reading past the end fails as a truncated file anyway.
        var stream = reader.BaseStream;
        if (length < 0 || (length > 1 << 16 && length > stream.Length - stream.Position))
        {
            throw new InvalidDataException($"a length of {length} at byte {stream.Position} runs past the end of the file");
        }

        return length;
    }

    private static string? ReadText(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private int AddAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return -1;
        }

        using var scratch = new MemoryStream();
        using (var writer = new BinaryWriter(scratch, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(attributes.Count);
            foreach (var (key, value) in attributes)
            {
                writer.Write(key);
                writer.Write(value);
            }
        }

        var offset = _text.Reserve((int)scratch.Length, out var bytes);
        scratch.GetBuffer().AsSpan(0, (int)scratch.Length).CopyTo(bytes);
        return offset;
    }

    private int Profile(IReadOnlyList<string> flags, Manager? manager, string? language, string? greeting, PartyKind kind, bool deleted)
    {
        flags ??= [];
        var key = new ProfileKey(flags.Count == 0 ? string.Empty : flags.Count + "\0" + string.Join('\0', flags), manager, language, greeting, kind, deleted);
        if (!_profileIndex.TryGetValue(key, out var index))
        {
            index = _profiles.Count;
            // Flags and texts are shared by every party of the profile: intern them so that equal values across
            // profiles (a flag, a manager's name) are one string too.
            var shared = manager is null ? null : new Manager(string.Intern(manager.Name ?? string.Empty), string.Intern(manager.Extension ?? string.Empty));
            _profiles.Add(new PartyProfile(
                [.. flags.Select(string.Intern)],
                shared,
                language is null ? null : string.Intern(language),
                greeting,
                kind,
                deleted));
            _profileIndex.Add(key, index);
        }

        return index;
    }

    private int Kind(string? kind)
    {
        if (kind is null)
        {
            return 0;
        }

        if (!_kindIndex.TryGetValue(kind, out var index))
        {
            index = _kinds.Count;
            _kinds.Add(kind);
            _kindBytes.Add(System.Text.Encoding.UTF8.GetBytes(kind));
            _kindIndex.Add(kind, index);
        }

        return index;
    }

    private long PackDebt(decimal? debt)
    {
        if (debt is not { } value)
        {
            return -1;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        // The common debt (up to 2^57 minor units, any scale) packs into the long; a bigger one goes to a side table.
        if (bits[2] == 0 && (uint)bits[1] < 1u << 25)
        {
            var mantissa = ((long)(uint)bits[1] << 32) | (uint)bits[0];
            var scale = (bits[3] >> 16) & 0xFF;
            return (mantissa << 6) | ((long)scale << 1) | (bits[3] < 0 ? 1L : 0L);
        }

        _bigDebts.Add(value);
        return -1 - _bigDebts.Count;
    }

    /// <summary>Whether <paramref name="id"/> is a GUID written as <see cref="Guid.ToString()"/> writes it, so that it can be held as 16 bytes and given back as it was.</summary>
    private static bool TryGuid(string id, out Guid guid)
    {
        if (id is { Length: 36 } && Guid.TryParseExact(id, "D", out guid))
        {
            Span<char> back = stackalloc char[36];
            if (guid.TryFormat(back, out _, "D") && back.SequenceEqual(id))
            {
                return true;
            }
        }

        guid = Guid.Empty;
        return false;
    }

    private static bool Holds(NumberEntry[] entries, int from, int to, int party)
    {
        for (var e = from; e < to; e++)
        {
            if (entries[e].Party == party)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct ProfileKey(string Flags, Manager? Manager, string? Language, string? Greeting, PartyKind Kind, bool Deleted);

    /// <summary>A number being indexed: its key, its rank among the matches of the key (set by Build), its party, contact and kind.</summary>
    internal readonly record struct NumberRow(long Key, ulong Rank, int Party, int Contact, int Kind);

    private readonly struct NumberOrder : IComparer<NumberRow>
    {
        public int Compare(NumberRow x, NumberRow y)
        {
            var byKey = x.Key.CompareTo(y.Key);
            if (byKey != 0)
            {
                return byKey;
            }

            var byRank = x.Rank.CompareTo(y.Rank);
            return byRank != 0 ? byRank : x.Party.CompareTo(y.Party);
        }
    }
}
