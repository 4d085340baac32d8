using System.Data;
using AgiIdent.Numbering;
using Npgsql;

namespace AgiIdent.Directory.Postgres;

/// <summary>Reads the canonical schema for snapshots: all of it, or what changed since the last read.</summary>
internal sealed class DirectoryLoader(NpgsqlDataSource database, NumberParser numbers)
{
    // Parties and phones are read in the same order so they can be joined as they stream in.
    private static readonly string AllParties = $"SELECT {CanonicalSchema.SelectParty} FROM agiident.party p ORDER BY p.id COLLATE \"C\"";
    private static readonly string AllPhones = $"SELECT ph.party_id, {CanonicalSchema.SelectPhone} FROM agiident.phone ph ORDER BY ph.party_id COLLATE \"C\", ph.position";

    private static readonly string ChangedParties = $"SELECT {CanonicalSchema.SelectParty} FROM agiident.party p WHERE p.change >= @since ORDER BY p.id COLLATE \"C\"";
    private static readonly string ChangedPhones =
        $"SELECT ph.party_id, {CanonicalSchema.SelectPhone} FROM agiident.phone ph JOIN agiident.party p ON p.id = ph.party_id " +
        "WHERE p.change >= @since ORDER BY ph.party_id COLLATE \"C\", ph.position";

    private const string Removed = "SELECT DISTINCT id FROM agiident.party_removed WHERE change >= @since";

    // The oldest transaction still running when this read began: the next read starts from it.
    private const string Watermark = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, (SELECT generation FROM agiident.meta)";

    /// <summary>Reads the whole directory in one consistent snapshot of the database.</summary>
    public async Task<FullLoad> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var (watermark, generation) = await ReadWatermarkAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var builder = new DirectorySnapshotBuilder();
        await using (var command = new NpgsqlCommand(AllParties, connection, transaction))
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var reader = new PartyRowReader(rows, new PartyBuilder(share: true));
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Each party is packed into the store as it arrives and is garbage right after.
                builder.Add(reader.Read(rows));
            }
        }

        await ReadAllPhonesAsync(new NpgsqlCommand(AllPhones, connection, transaction), builder, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new FullLoad(builder.Build(numbers), generation, watermark);
    }

    /// <summary>
    /// Reads every phone into <paramref name="builder"/>. Phones come in the order of the parties (both by id under
    /// <c>COLLATE "C"</c>, byte order of UTF-8), so each is joined to its party by walking the parties along, without
    /// a map of all ids. A database not in UTF8 sorts by the bytes of its own encoding, where the walk can pass a
    /// party: a phone the walk does not find is then joined through a map of the ids, made once.
    /// </summary>
    private static async Task ReadAllPhonesAsync(NpgsqlCommand command, DirectorySnapshotBuilder builder, CancellationToken cancellationToken)
    {
        await using (command)
        await using (var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false))
        {
            string? lastId = null;
            var party = -1;
            var next = 0;
            Dictionary<string, int>? byId = null;
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = rows.GetString(0);
                if (id != lastId)
                {
                    lastId = id;
                    party = -1;
                    while (next < builder.Count && builder.CompareId(next, id) is var order && order <= 0)
                    {
                        next++;
                        if (order == 0)
                        {
                            party = next - 1;
                            break;
                        }
                    }

                    if (party < 0)
                    {
                        byId ??= IdsOf(builder);
                        party = byId.GetValueOrDefault(id, -1);
                    }
                }

                if (party >= 0 && PartyRowReader.ReadPhone(rows, 1) is var (number, contact, kind))
                {
                    builder.AddNumber(party, number, contact, kind);
                }
            }
        }
    }

    private static Dictionary<string, int> IdsOf(DirectorySnapshotBuilder builder)
    {
        var ids = new Dictionary<string, int>(builder.Count, StringComparer.Ordinal);
        for (var i = 0; i < builder.Count; i++)
        {
            ids.TryAdd(builder.IdAt(i), i);
        }

        return ids;
    }

    /// <summary>Reads what changed since <paramref name="since"/> (a watermark of an earlier read).</summary>
    public async Task<ChangeSet> LoadChangesAsync(long since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var (watermark, generation) = await ReadWatermarkAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var partyCommand = new NpgsqlCommand(ChangedParties, connection, transaction);
        partyCommand.Parameters.AddWithValue("since", since);
        var (parties, ids) = await ReadPartiesAsync(partyCommand, cancellationToken).ConfigureAwait(false);

        var phoneCommand = new NpgsqlCommand(ChangedPhones, connection, transaction);
        phoneCommand.Parameters.AddWithValue("since", since);
        var phones = await ReadPhonesAsync(phoneCommand, ids, cancellationToken).ConfigureAwait(false);
        var removed = new List<string>();
        await using (var command = new NpgsqlCommand(Removed, connection, transaction))
        {
            command.Parameters.AddWithValue("since", since);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = rows.GetString(0);
                if (!ids.ContainsKey(id))
                {
                    removed.Add(id);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ChangeSet(generation, watermark, parties, phones, removed);
    }

    private static async Task<(long Watermark, long Generation)> ReadWatermarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Watermark, connection, transaction);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await row.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (row.GetInt64(0), row.GetInt64(1));
    }

    /// <summary>Reads parties, and where each one is in the list, by id.</summary>
    private static async Task<(List<Party> Parties, Dictionary<string, int> Ids)> ReadPartiesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var parties = new List<Party>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (command)
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var reader = new PartyRowReader(rows, new PartyBuilder(share: true));
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var party = reader.Read(rows);
                ids[party.Id] = parties.Count;
                parties.Add(party);
            }
        }

        return (parties, ids);
    }

    private static async Task<List<IndexedNumber>> ReadPhonesAsync(NpgsqlCommand command, Dictionary<string, int> ids, CancellationToken cancellationToken)
    {
        var phones = new List<IndexedNumber>();
        await using (command)
        await using (var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false))
        {
            string? lastId = null;
            var party = -1;
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = rows.GetString(0);
                if (id != lastId)
                {
                    lastId = id;
                    party = ids.TryGetValue(id, out var index) ? index : -1;
                }

                if (party >= 0 && PartyRowReader.ReadPhone(rows, 1) is var (number, contact, kind))
                {
                    phones.Add(new IndexedNumber(party, number, contact, kind));
                }
            }
        }

        return phones;
    }
}
