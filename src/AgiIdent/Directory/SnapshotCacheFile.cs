using System.Text;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// The last good snapshot on local disk, so that a daemon restarted while the database is down still identifies
/// callers. A compact binary file, written to a temporary name and renamed, so a crash never leaves half a file.
/// </summary>
public static class SnapshotCacheFile
{
    private const string Magic = "AGIIDENT-SNAPSHOT";
    private const int FormatVersion = 1;

    /// <summary>Writes the parties and numbers, with the database generation and watermark they were read at.</summary>
    public static void Write(string path, IReadOnlyList<Party> parties, IEnumerable<IndexedNumber> numbers, long generation, long watermark)
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

    /// <summary>Reads a cache file; throws <see cref="InvalidDataException"/> when it is not one or is damaged.</summary>
    public static (DirectorySnapshot Snapshot, long Generation, long Watermark, DateTimeOffset Written) Read(string path, PhoneNumber numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException($"'{path}' is not an AgiIdent snapshot cache of this version");
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
