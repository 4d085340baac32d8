using System.Globalization;
using System.Text;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// The last good snapshot on local disk, so that a daemon restarted while the database is down still identifies
/// callers. A compact binary file, written to a temporary name and renamed, so a crash never leaves half a file. It
/// names the database it was read from: a file of another database is never served.
/// </summary>
public static class SnapshotCacheFile
{
    private const string Magic = "AGIIDENT-SNAPSHOT";

    /// <summary>2 names the database; 1 (read, never written) did not.</summary>
    private const int FormatVersion = 2;

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

    /// <summary>Writes the parties and numbers, with the database they come from and the generation and watermark they were read at.</summary>
    public static void Write(string path, IReadOnlyList<Party> parties, IEnumerable<IndexedNumber> numbers, long generation, long watermark, string database)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(numbers);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        // The whole customer directory: readable by the daemon's user only.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(database);
            writer.Write(generation);
            writer.Write(watermark);
            writer.Write(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            writer.Write(parties.Count);
            // The parties of a snapshot are copied from its dense store as they are held, without building each one.
            var held = parties as SnapshotPartyList;
            for (var i = 0; i < parties.Count; i++)
            {
                if (held?.BaseIndex(i) is >= 0 and var at)
                {
                    held.Snapshot.WriteParty(at, writer);
                }
                else
                {
                    WriteParty(writer, parties[i]);
                }
            }

            foreach (var number in numbers)
            {
                writer.Write(number.Party);
                WriteText(writer, number.Number.E164);
                writer.Write(number.Number.Suffix);
                WriteText(writer, number.Contact);
                WriteText(writer, number.Kind);
            }

            writer.Write(-1);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads a cache file of <paramref name="database"/> (host:port/database); throws <see cref="InvalidDataException"/>
    /// when it is not one, is damaged, or holds another database's directory.
    /// </summary>
    public static (DirectorySnapshot Snapshot, long Generation, long Watermark, DateTimeOffset Written) Read(string path, PhoneNumber numbers, string database)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var version = reader.ReadString() == Magic ? reader.ReadInt32() : 0;
            if (version is not (1 or FormatVersion))
            {
                throw new InvalidDataException($"'{path}' is not an AgiIdent snapshot cache of this version");
            }

            // A version 1 file is the one this daemon wrote before it named the database: it was at this path.
            if (version == FormatVersion && reader.ReadString() is var source && source != database)
            {
                throw new InvalidDataException($"'{path}' holds the directory of {source}, not of {database}");
            }

            var generation = reader.ReadInt64();
            var watermark = reader.ReadInt64();
            var written = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var count = reader.ReadInt32();
            if (count < 0 || count > stream.Length - stream.Position)
            {
                throw new InvalidDataException($"'{path}' is damaged: {count} parties");
            }

            // Straight into the dense store: no party object, and no string for a text that is only kept.
            var builder = new DirectorySnapshotBuilder(count);
            for (var i = 0; i < count; i++)
            {
                try
                {
                    builder.ReadParty(reader);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"'{path}' is damaged: party {i}: {e.Message}", e);
                }
            }

            for (var party = reader.ReadInt32(); party >= 0; party = reader.ReadInt32())
            {
                if (party >= count)
                {
                    throw new InvalidDataException($"'{path}' is damaged: a phone of party {party} of {count}");
                }

                try
                {
                    builder.ReadNumber(reader, party);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"'{path}' is damaged: a phone of party {party}: {e.Message}", e);
                }
            }

            return (builder.Build(numbers), generation, watermark, written);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' is truncated", e);
        }
    }

    private static void WriteParty(BinaryWriter writer, Party party)
    {
        writer.Write(party.Id);
        writer.Write(party.Code);
        writer.Write(party.Kind == PartyKind.Person);
        writer.Write(party.Name);
        WriteText(writer, party.ShortName);
        writer.Write(party.Flags.Count);
        foreach (var flag in party.Flags)
        {
            writer.Write(flag);
        }

        writer.Write(party.Debt.HasValue);
        if (party.Debt is { } debt)
        {
            writer.Write(debt);
        }

        WriteText(writer, party.Manager?.Name);
        WriteText(writer, party.Manager?.Extension);
        WriteText(writer, party.Language);
        WriteText(writer, party.Greeting);
        writer.Write(party.Attributes.Count);
        foreach (var (key, value) in party.Attributes)
        {
            writer.Write(key);
            writer.Write(value);
        }

        writer.Write(party.Deleted);
        writer.Write(party.Changed?.UtcTicks ?? 0L);
    }

    private static void WriteText(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
    }
}
