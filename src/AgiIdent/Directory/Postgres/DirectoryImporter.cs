using System.Globalization;
using System.Text.Json;
using AgiIdent.Numbering;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// Loads a directory file into the canonical schema in one transaction: by default replacing the directory's whole
/// content, with <c>--merge</c> inserting or updating the parties in the file and leaving the others. Calls see the
/// previous directory until the transaction commits, never a half-written one.
/// </summary>
public static class DirectoryImporter
{
    /// <summary>Reads a JSON or CSV directory file (by its extension; JSON when unsure).</summary>
    public static DirectoryFileContent ReadFile(string path, NumberParser numbers)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var text = new StreamReader(path, System.Text.Encoding.UTF8);
            return DirectoryCsv.Read(text, numbers);
        }

        using var json = File.OpenRead(path);
        return DirectoryJson.Read(json, numbers);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to the database; parties whose id appears twice are reported and the later one
    /// left out. Throws <see cref="ImportRefusedException"/>, having changed nothing, when the file holds no party or
    /// would remove more of the directory than <paramref name="guard"/> allows.
    /// </summary>
    public static Task<ImportResult> ImportAsync(NpgsqlDataSource database, DirectoryFileContent content, bool merge, ImportGuard guard, CancellationToken cancellationToken) =>
        ImportAsync(database, content, merge, guard, null, cancellationToken);

    /// <summary>As <see cref="ImportAsync(NpgsqlDataSource, DirectoryFileContent, bool, ImportGuard, CancellationToken)"/>, telling <paramref name="progress"/> how far it has got every few hundred rows.</summary>
    public static async Task<ImportResult> ImportAsync(NpgsqlDataSource database, DirectoryFileContent content, bool merge, ImportGuard guard, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(guard);
        var rejects = content.Rejects.ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var parties = new List<Party>(content.Parties.Count);
        for (var index = 0; index < content.Parties.Count; index++)
        {
            var party = content.Parties[index];
            var position = content.Positions is { } positions ? positions[index] : index;
            if (seen.TryGetValue(party.Id, out var first))
            {
                rejects.Add(new DirectoryReject(position, party.Id, $"the id appears again (first as party #{first + 1}); this one is left out"));
                continue;
            }

            seen[party.Id] = position;
            parties.Add(party);
        }

        // Duplicates are found after the file's own rejects: list them all in file order (a CSV has no duplicates,
        // its rows of one id are one party).
        rejects = [.. rejects.OrderBy(static r => r.Line ?? r.Index)];

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version != SchemaMigrator.LatestVersion)
        {
            throw new InvalidOperationException($"The database schema is at version {version}, this AgiIdent needs {SchemaMigrator.LatestVersion}: run 'agiident db migrate' first.");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!guard.Force)
        {
            await GuardAsync(connection, parties, rejects.Count, merge, guard.MaxRemovedPercent, cancellationToken).ConfigureAwait(false);
        }

        await Execute(connection, "SET LOCAL agiident.bulk = 'on'", cancellationToken).ConfigureAwait(false);
        string partyTable, phoneTable;
        if (merge)
        {
            await Execute(connection, "CREATE TEMP TABLE import_party (LIKE agiident.party INCLUDING DEFAULTS) ON COMMIT DROP; CREATE TEMP TABLE import_phone (LIKE agiident.phone) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
            (partyTable, phoneTable) = ("import_party", "import_phone");
        }
        else
        {
            await Execute(connection, "DELETE FROM agiident.phone; DELETE FROM agiident.party; DELETE FROM agiident.party_removed; UPDATE agiident.meta SET generation = generation + 1, replaced_at = now()", cancellationToken).ConfigureAwait(false);
            (partyTable, phoneTable) = ("agiident.party", "agiident.phone");
        }

        var numbers = await CopyAsync(connection, parties, partyTable, phoneTable, progress, cancellationToken).ConfigureAwait(false);
        if (merge)
        {
            await Execute(
                connection,
                CanonicalSchema.UpsertParties("import_party", bySync: false) + "; " +
                "DELETE FROM agiident.phone WHERE party_id IN (SELECT id FROM import_party); " +
                $"INSERT INTO agiident.phone ({CanonicalSchema.PhoneColumns}) SELECT {CanonicalSchema.PhoneColumns} FROM import_phone",
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ImportResult(parties.Count, numbers, rejects);
    }

    /// <summary>Stops, before anything is written, an import of no party at all, or one that would remove too much of the directory.</summary>
    private static async Task GuardAsync(NpgsqlConnection connection, List<Party> parties, int rejected, bool merge, int maxRemovedPercent, CancellationToken cancellationToken)
    {
        var existing = await CountAsync(connection, "SELECT count(*) FROM agiident.party", null, cancellationToken).ConfigureAwait(false);
        var leftOut = rejected > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({rejected} rows or phones left out)") : string.Empty;
        if (parties.Count == 0)
        {
            // An empty export is a failed export far more often than an empty customer base.
            throw new ImportRefusedException(merge || existing == 0
                ? $"The file holds no party{leftOut}, so nothing was changed. Check the file; run again with --force to import it anyway."
                : string.Create(CultureInfo.InvariantCulture, $"The file holds no party{leftOut}, so nothing was changed: importing it would remove all {existing} parties of the directory. If that is what you want, run again with --force."));
        }

        if (merge || maxRemovedPercent >= 100 || existing <= ImportOptions.MassRemovalFloor)
        {
            return;
        }

        var kept = await CountAsync(connection, "SELECT count(*) FROM agiident.party JOIN unnest(@ids) AS file(id) USING (id)", parties.Select(static p => PostgresText.Clean(p.Id)).ToArray(), cancellationToken).ConfigureAwait(false);
        var removed = existing - kept;
        if (removed > ImportOptions.MassRemovalFloor && removed * 100 > existing * maxRemovedPercent)
        {
            throw new ImportRefusedException(string.Create(
                CultureInfo.InvariantCulture,
                $"The file would remove {removed} of the {existing} parties of the directory ({Math.Ceiling(removed * 100.0 / existing)}%), more than AgiIdent:Import:MaxRemovedPercent ({maxRemovedPercent}%) allows, so nothing was changed. " +
                $"Check that the file is the whole export; if those parties really are gone, run again with --force (or set AgiIdent__Import__MaxRemovedPercent=100)."));
        }
    }

    private static Task<long> CountAsync(NpgsqlConnection connection, string sql, string[]? ids, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { ids }, cancellationToken: cancellationToken));

    /// <summary>Rows written between two reports to <see cref="ImportProgress"/>.</summary>
    private const int ProgressStep = 500;

    private static async Task<int> CopyAsync(NpgsqlConnection connection, List<Party> parties, string partyTable, string phoneTable, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var totalNumbers = parties.Sum(static p => p.Phones.Sum(static phone => phone.Numbers.DistinctBy(static n => n.Suffix).Count()));
        var written = 0;
        progress?.Report(new ImportProgress(0, parties.Count, 0, totalNumbers));
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {partyTable} ({CanonicalSchema.PartyColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            var now = DateTime.UtcNow;
            foreach (var party in parties)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(party.Id), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(party.Code), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PartyBuilder.KindText(party.Kind), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(party.Name), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, party.ShortName, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(party.Flags.Select(PostgresText.Clean).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                if (party.Debt is { } debt)
                {
                    await writer.WriteAsync(debt, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }

                await PostgresText.WriteAsync(writer, party.Manager?.Name, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, party.Manager?.Extension, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, party.Language, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, party.Greeting, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(JsonSerializer.Serialize(party.Attributes.ToDictionary(a => PostgresText.Clean(a.Key), a => PostgresText.Clean(a.Value)))), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(party.Deleted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(party.Changed?.UtcDateTime ?? now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                if (++written % ProgressStep == 0)
                {
                    progress?.Report(new ImportProgress(written, parties.Count, 0, totalNumbers));
                }
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {phoneTable} ({CanonicalSchema.PhoneColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var party in parties)
            {
                for (var position = 0; position < party.Phones.Count; position++)
                {
                    var phone = party.Phones[position];
                    foreach (var number in phone.Numbers.DistinctBy(n => n.Suffix))
                    {
                        await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        await writer.WriteAsync(PostgresText.Clean(party.Id), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                        await writer.WriteAsync(position, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        await writer.WriteAsync(PostgresText.Clean(phone.Raw), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                        await PostgresText.WriteAsync(writer, phone.Kind, cancellationToken).ConfigureAwait(false);
                        await PostgresText.WriteAsync(writer, phone.Contact, cancellationToken).ConfigureAwait(false);
                        await PostgresText.WriteAsync(writer, number.E164, cancellationToken).ConfigureAwait(false);
                        await writer.WriteAsync(number.Suffix, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                        if (++count % ProgressStep == 0)
                        {
                            progress?.Report(new ImportProgress(parties.Count, parties.Count, count, totalNumbers));
                        }
                    }
                }
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new ImportProgress(parties.Count, parties.Count, count, totalNumbers));
        return count;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
