using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// The last good snapshot on local disk, so that a daemon restarted while the database is down still identifies
/// callers. A compact binary file, written to a temporary name and renamed, so a crash never leaves half a file. It
/// names the database it was read from: a file of another database is never served.
/// </summary>
/// <remarks>
/// Since version 3 the file holds the snapshot's dense store as it is in memory (party structs, UTF-8 texts, profiles,
/// and the numbers as key, party, contact and kind), so that a start from it reads arrays in a few large reads instead
/// of half a million parties field by field; only the number index is sorted again. It ends with an XXH3 hash of
/// every byte before it (System.IO.Hashing), and every offset and index read is checked as well before the snapshot
/// is built: a damaged or cut file is refused as a whole, never served in part. Files of versions 1 and 2 (party by
/// party, no hash) are still read.
/// </remarks>
public static class SnapshotCacheFile
{
    private const string Magic = "AGIIDENT-SNAPSHOT";

    /// <summary>3 holds the dense store; 2 (read, no more written) held parties one by one and named the database; 1 did not name it.</summary>
    private const int FormatVersion = 3;



    /// <summary>
    /// The file name of a database's cache when <c>AgiIdent:Directory:CacheFile</c> is not set:
    /// <c>snapshot-HOST-PORT-DATABASE.cache</c> (<c>snapshot-127.0.0.1-5432-agiident.cache</c>), so two daemons of one
    /// user on two databases keep two files. Characters a file name cannot hold become <c>_</c>.
    /// </summary>
    public static string DefaultName(string? connectionString)
    {
        var (host, port, database) = ("default", 5432, "default");
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString ?? string.Empty);
            (host, port, database) = (builder.Host ?? "localhost", builder.Port, builder.Database ?? builder.Username ?? "default");
        }
        catch (ArgumentException)
        {
            // Startup has rejected a connection string it cannot read; a name is still needed for what remains.
        }

        return string.Create(CultureInfo.InvariantCulture, $"snapshot-{Part(host.ToLowerInvariant())}-{port}-{Part(database)}.cache");

        static string Part(string text)
        {
            var part = new string([.. text.Take(100).Select(static c => char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_')]).Trim('_', '.');
            return part.Length == 0 ? "_" : part;
        }
    }

    /// <summary>Writes <paramref name="snapshot"/>, with the database it comes from and the generation and watermark it was read at.</summary>
    public static void Write(string path, DirectorySnapshot snapshot, long generation, long watermark, string database)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Write(path, (snapshot, null, null, null, snapshot.PartyCount), generation, watermark, database);
    }

    /// <summary>Writes <paramref name="snapshot"/> with its changes folded in: what it answers, and nothing it replaced.</summary>
    public static void Write(string path, LayeredSnapshot snapshot, long generation, long watermark, string database)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Write(path, snapshot.Parts(), generation, watermark, database);
    }

    private static void Write(string path, (DirectorySnapshot Base, int[]? Position, DirectorySnapshot? Layer, int[]? LayerPosition, int Count) parts, long generation, long watermark, string database)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(database);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        // The whole customer directory: readable by the daemon's user only.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        using (var stream = new HashingStream(file))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(database);
            writer.Write(generation);
            writer.Write(watermark);
            writer.Write(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            DenseWriter.Write(writer, parts.Base.Store, parts.Position, parts.Layer?.Store, parts.LayerPosition, parts.Count);
            writer.Flush();
            writer.Write(stream.Hash);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads a cache file of <paramref name="database"/> (host:port/database); throws <see cref="InvalidDataException"/>
    /// when it is not one, is damaged, or holds another database's directory.
    /// </summary>
    public static (DirectorySnapshot Snapshot, long Generation, long Watermark, DateTimeOffset Written) Read(string path, NumberParser numbers, string database)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var stream = new HashingStream(file);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var version = reader.ReadString() == Magic ? reader.ReadInt32() : 0;
            if (version is not (1 or 2 or FormatVersion))
            {
                throw new InvalidDataException($"'{path}' is not an AgiIdent snapshot cache of this version");
            }

            // A version 1 file is the one this daemon wrote before it named the database: it was at this path.
            if (version >= 2 && reader.ReadString() is var source && source != database)
            {
                throw new InvalidDataException($"'{path}' holds the directory of {source}, not of {database}");
            }

            var generation = reader.ReadInt64();
            var watermark = reader.ReadInt64();
            var milliseconds = reader.ReadInt64();
            if (milliseconds < 0 || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                throw new InvalidDataException($"'{path}' is damaged: written at {milliseconds} ms");
            }

            var written = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            DirectorySnapshot snapshot;
            try
            {
                snapshot = version == FormatVersion ? DenseReader.Read(reader, numbers, () => CheckHash(stream, reader, file)) : ReadPartyByParty(reader, numbers);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"'{path}' is damaged: {e.Message}", e);
            }

            return (snapshot, generation, watermark, written);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' is truncated", e);
        }
        catch (FormatException e)
        {
            // A text's length that is not a 7-bit-encoded number, as BinaryReader reports it.
            throw new InvalidDataException($"'{path}' is damaged: {e.Message}", e);
        }
        catch (IOException e) when (e.InnerException is ArgumentException)
        {
            // A debt whose bits are no decimal, as BinaryReader.ReadDecimal reports it.
            throw new InvalidDataException($"'{path}' is damaged: {e.Message}", e);
        }
    }

    /// <summary>Reads the hash at the end of a version 3 file and compares it with the hash of the bytes before it.</summary>
    private static void CheckHash(HashingStream stream, BinaryReader reader, FileStream file)
    {
        var hash = stream.Hash;
        if (reader.ReadUInt64() != hash || file.Position != file.Length)
        {
            throw new InvalidDataException("its bytes do not match their hash");
        }
    }

    /// <summary>The parties and numbers of a version 1 or 2 file, one by one, straight into the dense store.</summary>
    private static DirectorySnapshot ReadPartyByParty(BinaryReader reader, NumberParser numbers)
    {
        var stream = reader.BaseStream;
        var count = reader.ReadInt32();
        if (count < 0 || count > stream.Length - stream.Position)
        {
            throw new InvalidDataException($"{count} parties");
        }

        // The count of a file without a hash sizes the store only as far as the file could hold parties (27 bytes the smallest).
        var builder = new DirectorySnapshotBuilder((int)Math.Min(count, (stream.Length - stream.Position) / 27));
        for (var i = 0; i < count; i++)
        {
            try
            {
                builder.ReadParty(reader);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"party {i}: {e.Message}", e);
            }
        }

        for (var party = reader.ReadInt32(); party >= 0; party = reader.ReadInt32())
        {
            if (party >= count)
            {
                throw new InvalidDataException($"a phone of party {party} of {count}");
            }

            try
            {
                builder.ReadNumber(reader, party);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"a phone of party {party}: {e.Message}", e);
            }
        }

        return builder.Build(numbers);
    }

    private static void WriteText(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
    }

    private static string? ReadText(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    /// <summary>A stream that hashes (XXH3, 64 bits) every byte read or written through it.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly System.IO.Hashing.XxHash3 _hash = new();

        /// <summary>The hash of the bytes so far.</summary>
        public ulong Hash => _hash.GetCurrentHashAsUInt64();

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _hash.Append(buffer[..read]);
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.Append(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A number as a version 3 file holds it: its key, its party's position, the contact's text offset, the kind's index.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct FileNumber
    {
        public long Key;
        public int Party;
        public int Contact;
        public int Kind;
    }

    /// <summary>
    /// Writes the dense store of a base (without the parties whose <c>position</c> is -1) and of a layer on top, as one
    /// store: the layer's texts, profiles, kinds and big debts follow the base's, and its rows and numbers are shifted
    /// to point into them. The base's texts are written whole (a replaced party's texts stay until the next full load).
    /// </summary>
    private static class DenseWriter
    {
        public static void Write(BinaryWriter writer, DenseStore below, int[]? position, DenseStore? above, int[]? abovePosition, int parties)
        {
            var parts = above is { } layer ? new[] { below, layer } : [below];
            writer.Write(Unsafe.SizeOf<PartyRow>());
            writer.Write(Unsafe.SizeOf<FileNumber>());
            writer.Write(parts.Sum(static p => p.Profiles.Length));
            foreach (var part in parts)
            {
                foreach (var profile in part.Profiles)
                {
                    WriteProfile(writer, profile);
                }
            }

            // Index 0 of every kinds table is "no kind": it is written once.
            writer.Write(parts.Sum(static p => p.Kinds.Length - 1));
            foreach (var part in parts)
            {
                foreach (var kind in part.Kinds.AsSpan(1))
                {
                    writer.Write(kind!);
                }
            }

            writer.Write(parts.Sum(static p => p.BigDebts.Length));
            foreach (var part in parts)
            {
                foreach (var debt in part.BigDebts)
                {
                    writer.Write(debt);
                }
            }

            var textLength = parts.Sum(static p => (long)p.Text.Length);
            if (textLength > Array.MaxLength)
            {
                throw new IOException($"the directory's texts exceed {Array.MaxLength / 1048576} MiB");
            }

            writer.Write((int)textLength);
            foreach (var part in parts)
            {
                writer.Write(part.Text);
            }

            // Rows go where their positions say (base and layer parties in one order); -1 - j names layer row j.
            var source = new int[parties];
            for (var i = 0; i < below.Rows.Length; i++)
            {
                if ((position is null ? i : position[i]) is >= 0 and var at)
                {
                    source[at] = i;
                }
            }

            for (var j = 0; j < (above?.Rows.Length ?? 0); j++)
            {
                source[abovePosition![j]] = -1 - j;
            }

            writer.Write(parties);
            var shift = new Shift(0, 0, 0, 0);
            var layerShift = new Shift(below.Text.Length, below.Profiles.Length, below.Kinds.Length - 1, below.BigDebts.Length);
            foreach (var at in source)
            {
                WriteRow(writer, at >= 0 ? below.Rows[at] : above!.Value.Rows[-1 - at], at >= 0 ? shift : layerShift);
            }

            var count = 0;
            foreach (var entry in below.Entries)
            {
                count += position is null || position[entry.Party] >= 0 ? 1 : 0;
            }

            writer.Write(count + (above?.Entries.Length ?? 0));
            WriteNumbers(writer, below, position, shift);
            if (above is { } top)
            {
                WriteNumbers(writer, top, abovePosition, layerShift);
            }
        }

        private static void WriteProfile(BinaryWriter writer, PartyProfile profile)
        {
            writer.Write(profile.Flags.Length);
            foreach (var flag in profile.Flags)
            {
                writer.Write(flag);
            }

            writer.Write(profile.Manager is not null);
            if (profile.Manager is { } manager)
            {
                writer.Write(manager.Name ?? string.Empty);
                writer.Write(manager.Extension ?? string.Empty);
            }

            WriteText(writer, profile.Language);
            WriteText(writer, profile.Greeting);
            writer.Write(profile.Kind == PartyKind.Person);
            writer.Write(profile.Deleted);
        }

        private static void WriteRow(BinaryWriter writer, PartyRow row, Shift shift)
        {
            row.IdText = shift.Text(row.IdText);
            row.Code = shift.Text(row.Code);
            row.Name = shift.Text(row.Name);
            row.ShortName = shift.Text(row.ShortName);
            row.Attributes = shift.Text(row.Attributes);
            row.Profile += shift.Profiles;
            row.Debt = row.Debt < -1 ? row.Debt - shift.BigDebts : row.Debt;
            writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<PartyRow>(in row)));
        }

        private static void WriteNumbers(BinaryWriter writer, DenseStore store, int[]? position, Shift shift)
        {
            for (var k = 0; k < store.Keys.Length; k++)
            {
                for (var e = store.Starts[k]; e < store.Starts[k + 1]; e++)
                {
                    var entry = store.Entries[e];
                    var party = position is null ? entry.Party : position[entry.Party];
                    if (party < 0)
                    {
                        continue;
                    }

                    var number = new FileNumber { Key = store.Keys[k], Party = party, Contact = shift.Text(entry.Contact), Kind = entry.Kind == 0 ? 0 : entry.Kind + shift.Kinds };
                    writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<FileNumber>(in number)));
                }
            }
        }

        private readonly record struct Shift(int TextBytes, int Profiles, int Kinds, int BigDebts)
        {
            public int Text(int offset) => offset < 0 ? offset : offset + TextBytes;
        }
    }

    /// <summary>Reads what <see cref="DenseWriter"/> wrote, checking every offset and index against what was read before it.</summary>
    private static class DenseReader
    {
        /// <summary>Reads the store, calls <paramref name="end"/> once every byte of it is in, then checks and builds it.</summary>
        public static DirectorySnapshot Read(BinaryReader reader, NumberParser numbers, Action end)
        {
            var stream = reader.BaseStream;
            if (reader.ReadInt32() != Unsafe.SizeOf<PartyRow>() || reader.ReadInt32() != Unsafe.SizeOf<FileNumber>() || !BitConverter.IsLittleEndian)
            {
                throw new InvalidDataException("written by a build with another layout of the store");
            }

            // A profile takes at least 9 bytes of the file (its flag count, manager, language, greeting, kind, mark).
            var profiles = new PartyProfile[Count(reader, 9)];
            for (var i = 0; i < profiles.Length; i++)
            {
                profiles[i] = ReadProfile(reader);
            }

            var kinds = new string?[Count(reader, 1) + 1];
            for (var i = 1; i < kinds.Length; i++)
            {
                kinds[i] = string.Intern(reader.ReadString());
            }

            var bigDebts = new decimal[Count(reader, 16)];
            for (var i = 0; i < bigDebts.Length; i++)
            {
                bigDebts[i] = reader.ReadDecimal();
            }

            var text = new byte[Count(reader, 1)];
            stream.ReadExactly(text);
            var rows = new PartyRow[Count(reader, Unsafe.SizeOf<PartyRow>())];
            stream.ReadExactly(MemoryMarshal.AsBytes(rows.AsSpan()));
            var read = new FileNumber[Count(reader, Unsafe.SizeOf<FileNumber>())];
            stream.ReadExactly(MemoryMarshal.AsBytes(read.AsSpan()));
            end();
            for (var i = 0; i < rows.Length; i++)
            {
                CheckRow(in rows[i], i, text, profiles.Length, bigDebts.Length);
            }

            var added = new DirectorySnapshotBuilder.NumberRow[read.Length];
            for (var i = 0; i < read.Length; i++)
            {
                var number = read[i];
                if ((uint)number.Party >= (uint)rows.Length || (uint)number.Kind >= (uint)kinds.Length || !IsKey(number.Key) || (number.Contact >= 0 && !IsEntry(text, number.Contact)) || number.Contact < -1)
                {
                    throw new InvalidDataException($"number {i} of {read.Length}");
                }

                added[i] = new DirectorySnapshotBuilder.NumberRow(number.Key, 0, number.Party, number.Contact, number.Kind);
            }

            return DirectorySnapshotBuilder.Build(rows, added, text, profiles, bigDebts, kinds, numbers);
        }

        /// <summary>A count followed by that many items of at least <paramref name="size"/> bytes each: refused when the file is too short for them.</summary>
        private static int Count(BinaryReader reader, int size)
        {
            var count = reader.ReadInt32();
            var stream = reader.BaseStream;
            if (count < 0 || (long)count * size > stream.Length - stream.Position)
            {
                throw new InvalidDataException($"a count of {count} at byte {stream.Position - 4} runs past the end of the file");
            }

            return count;
        }

        private static PartyProfile ReadProfile(BinaryReader reader)
        {
            var flags = new string[Count(reader, 1)];
            for (var i = 0; i < flags.Length; i++)
            {
                flags[i] = string.Intern(reader.ReadString());
            }

            var manager = reader.ReadBoolean() ? new Manager(string.Intern(reader.ReadString()), string.Intern(reader.ReadString())) : null;
            var language = ReadText(reader);
            var greeting = ReadText(reader);
            var kind = reader.ReadBoolean() ? PartyKind.Person : PartyKind.Company;
            return new PartyProfile(flags, manager, language is null ? null : string.Intern(language), greeting, kind, reader.ReadBoolean());
        }

        private static void CheckRow(in PartyRow row, int index, byte[] text, int profiles, int bigDebts)
        {
            var good = (row.IdText == -1 || IsEntry(text, row.IdText))
                && IsEntry(text, row.Code)
                && IsEntry(text, row.Name)
                && (row.ShortName == -1 || IsEntry(text, row.ShortName))
                && (row.Attributes == -1 || IsAttributes(text, row.Attributes))
                && (uint)row.Profile < (uint)profiles
                && (row.Debt == -1 || (row.Debt < -1 ? -2 - row.Debt < bigDebts : ((row.Debt >> 1) & 31) <= 28))
                && row.Changed >= 0 && row.Changed <= DateTimeOffset.MaxValue.UtcTicks;
            if (!good)
            {
                throw new InvalidDataException($"party {index}");
            }
        }

        /// <summary>Whether an entry (a 7-bit-encoded length and that many bytes) starts at <paramref name="offset"/> and ends inside <paramref name="text"/>.</summary>
        private static bool IsEntry(byte[] text, int offset) => TextArena.TryEntry(text, offset, out _, out _);

        /// <summary>Whether the entry at <paramref name="offset"/> holds attributes as the store keeps them: a count, then that many keys and values.</summary>
        private static bool IsAttributes(byte[] text, int offset)
        {
            if (!TextArena.TryEntry(text, offset, out var start, out var length) || length < 4)
            {
                return false;
            }

            var entry = text.AsSpan(start, length);
            var count = BinaryPrimitives.ReadInt32LittleEndian(entry);
            var at = 4;
            for (var i = 0; i < count * 2L; i++)
            {
                // Each key and value is itself an entry of the attributes' bytes.
                if (!TextArena.TryEntry(text, start + at, out var inner, out var innerLength) || inner + innerLength > start + length)
                {
                    return false;
                }

                at = inner + innerLength - start;
            }

            return count >= 0 && at == length;
        }

        /// <summary>Whether <paramref name="key"/> is a key as <see cref="DirectorySnapshot.Key"/> makes it: 1 to 15 digits' value under their count.</summary>
        private static bool IsKey(long key)
        {
            var digits = (int)(key >> 52);
            var value = key & ((1L << 51) - 1);
            return digits is >= 1 and <= NumberParser.MaxE164Length && value < Pow10(digits);

            static long Pow10(int digits)
            {
                var power = 1L;
                for (var i = 0; i < digits; i++)
                {
                    power *= 10;
                }

                return power;
            }
        }
    }
}
