using System.Globalization;
using System.Text;
using AgiIdent.Directory.Postgres;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace AgiIdent.Sync;

/// <summary>
/// Writes what a run read into the staging tables and from them into the canonical schema (<c>agiident.party</c>,
/// <c>agiident.phone</c>), all on the run's connection and inside its transaction. Knows SQL, not OData. Small
/// queries go through Dapper (parameters from an anonymous object, rows into tuples; an array is passed to PostgreSQL
/// as an array, not expanded into a list: Dapper's FeatureSupport for Npgsql), the bulk rows through binary COPY.
/// </summary>
internal sealed class SyncStaging(NpgsqlConnection connection)
{
    public const string Customer = "customer";
    public const string Entity = "entity";
    public const string Contact = "contact";

    /// <summary>Above this many changed or missing objects of a set, reading the whole set is cheaper than asking for each.</summary>
    public const int ByReferenceLimit = 2000;

    private const string ObjectColumns = "role, ref, version, party, code, name, full_name, person, manager, deleted, folder, seen_at";
    private const string PhoneColumns = "role, ref, line, raw, kind, e164, suffix";

    public NpgsqlConnection Connection { get; } = connection;

    /// <summary>Takes the sync lock; false when another run holds it.</summary>
    public async Task<bool> TryLockAsync(CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("SELECT pg_try_advisory_xact_lock(@id)", new { id = CanonicalSchema.SyncLock }, cancellationToken).ConfigureAwait(false);

    /// <summary>What the last run left: its settings fingerprint, when it last ran whole, and the infobase's metadata it read.</summary>
    public async Task<(string? Settings, DateTime? LastFull, string? Metadata)> ReadStateAsync(CancellationToken cancellationToken)
    {
        return await Connection.QuerySingleOrDefaultAsync<(string?, DateTime?, string?)>(
            new CommandDefinition("SELECT settings, last_full, metadata FROM agiident.sync_state", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records a run that committed (called inside its transaction).</summary>
    public async Task RecordSuccessAsync(string settings, string metadata, bool full, int parties, int phones, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "UPDATE agiident.sync_state SET settings = @settings, metadata = @metadata, last_run = now(), last_success = now(), last_error = NULL, parties = @parties, phones = @phones" +
            (full ? ", last_full = now()" : string.Empty),
            new { settings, metadata, parties, phones },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the last run of any instance committed; read outside the lock, by a run that was skipped.</summary>
    public static async Task<DateTimeOffset?> LastSuccessAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("SELECT last_success FROM agiident.sync_state", cancellationToken: cancellationToken)).ConfigureAwait(false) is { } last
            ? new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc))
            : null;
    }

    /// <summary>Records a failed run once, after its transaction rolled back; the next run reads the infobase's metadata again.</summary>
    public static async Task RecordFailureAsync(NpgsqlConnection connection, string error)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE agiident.sync_state SET last_run = now(), last_error = @error, metadata = NULL", new { error })).ConfigureAwait(false);
    }

    /// <summary>The run's scratch tables, dropped at commit.</summary>
    public Task CreateRunTablesAsync(CancellationToken cancellationToken) => ExecuteAsync(
        "CREATE TEMP TABLE dirty (party text) ON COMMIT DROP; " +
        "CREATE TEMP TABLE incoming_object (LIKE agiident.sync_object INCLUDING DEFAULTS) ON COMMIT DROP; " +
        "CREATE TEMP TABLE remote_version (ref text, version text) ON COMMIT DROP; " +
        "CREATE TEMP TABLE incoming_manager (LIKE agiident.sync_manager) ON COMMIT DROP; " +
        "CREATE TEMP TABLE incoming_debt (LIKE agiident.sync_debt) ON COMMIT DROP; " +
        "CREATE TEMP TABLE incoming_flag (LIKE agiident.sync_flag) ON COMMIT DROP; " +
        "CREATE TEMP TABLE incoming_link (contact text, party text) ON COMMIT DROP",
        cancellationToken);

    /// <summary>
    /// Drops what earlier runs staged from parts the settings no longer map (flags taken out of the configuration, a
    /// preset without contacts, debt or managers): the full run that follows such a change rebuilds every party from
    /// what is staged, and stale rows would live on in it.
    /// </summary>
    public async Task ForgetUnmappedAsync(SyncMapping mapping, bool flags, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        if (!flags)
        {
            sql.Append("DELETE FROM agiident.sync_flag; ");
        }

        if (mapping.Debt is null)
        {
            sql.Append("DELETE FROM agiident.sync_debt; ");
        }

        if (mapping.Debt?.KeyCatalog is null)
        {
            sql.Append("DELETE FROM agiident.sync_key; ");
        }

        if (mapping.Managers is null)
        {
            sql.Append("DELETE FROM agiident.sync_manager; ");
        }

        foreach (var (role, set) in new[] { (Entity, mapping.Entities), (Contact, mapping.Contacts) })
        {
            if (set is null)
            {
                sql.Append(CultureInfo.InvariantCulture, $"DELETE FROM agiident.sync_object WHERE role = '{role}'; DELETE FROM agiident.sync_phone WHERE role = '{role}'; ");
            }
        }

        if (sql.Length > 0)
        {
            await ExecuteAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Empties the per-set scratch tables before the next catalog.</summary>
    public Task StartSetAsync(CancellationToken cancellationToken) => ExecuteAsync("TRUNCATE incoming_object, remote_version", cancellationToken);

    /// <summary>Copies a catalog's <c>Ref_Key, DataVersion</c> list into <c>remote_version</c> and analyzes it.</summary>
    public async Task CopyVersionsAsync(IAsyncEnumerable<(string Ref, string Version)> rows, CancellationToken cancellationToken)
    {
        await using (var writer = await Connection.BeginBinaryImportAsync("COPY remote_version (ref, version) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            await foreach (var (reference, version) in rows.ConfigureAwait(false))
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reference, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(version), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // A temporary table has no statistics until analyzed: without them the comparison that follows plans badly at size.
        await ExecuteAsync("ANALYZE remote_version", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Listed objects whose version differs from the staged one (or that are new), up to one more than <see cref="ByReferenceLimit"/>.</summary>
    public Task<List<string>> ChangedAsync(string role, CancellationToken cancellationToken) => RefsAsync(
        "SELECT r.ref FROM remote_version r LEFT JOIN agiident.sync_object o ON o.role = @role AND o.ref = r.ref WHERE o.version IS DISTINCT FROM r.version LIMIT @limit",
        role,
        cancellationToken);

    /// <summary>Staged objects the list does not have: gone, or shifted out of a <c>$skip</c> page while 1C deleted something.</summary>
    public Task<List<string>> MissingAsync(string role, CancellationToken cancellationToken) => RefsAsync(
        "SELECT o.ref FROM agiident.sync_object o WHERE o.role = @role AND NOT EXISTS (SELECT 1 FROM remote_version r WHERE r.ref = o.ref) LIMIT @limit",
        role,
        cancellationToken);

    /// <summary>Makes what was read whole the list: a full run's <c>remote_version</c>.</summary>
    public async Task ListReadAsWholeAsync(Func<CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        await ExecuteAsync("TRUNCATE remote_version", cancellationToken).ConfigureAwait(false);
        await read(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync("INSERT INTO remote_version SELECT ref, version FROM incoming_object", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stages objects in <c>incoming_object</c>; <paramref name="rejected"/> (still in 1C, but unreadable) go on the
    /// list of what 1C holds, so what an earlier run staged of them stays.
    /// </summary>
    public async Task CopyObjectsAsync(IAsyncEnumerable<StagedObject> objects, List<string> rejected, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using (var writer = await Connection.BeginBinaryImportAsync($"COPY incoming_object ({ObjectColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            await foreach (var staged in objects.ConfigureAwait(false))
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(staged.Role, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(staged.Ref, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(staged.Version), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(staged.Party, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(staged.Code), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(staged.Name), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, staged.FullName, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(staged.Person, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, staged.Manager, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(staged.Deleted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(staged.Folder, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // A reference asked for twice (listed and then confirmed) must be staged once.
        await ExecuteAsync(
            "DELETE FROM incoming_object a USING incoming_object b WHERE a.ctid < b.ctid AND a.role = b.role AND a.ref = b.ref; " +
            "INSERT INTO remote_version SELECT r, NULL FROM unnest(@rejected) r",
            new { rejected = rejected.ToArray() },
            cancellationToken).ConfigureAwait(false);
        rejected.Clear();
    }

    /// <summary>Objects staged, not listed and not found by reference: gone from 1C (table <c>vanished</c> until <see cref="ApplyObjectsAsync"/>).</summary>
    public Task FindVanishedAsync(string role, CancellationToken cancellationToken) => ExecuteAsync(
        "CREATE TEMP TABLE vanished ON COMMIT DROP AS SELECT o.ref, o.party, o.folder FROM agiident.sync_object o " +
        "WHERE o.role = @role AND NOT EXISTS (SELECT 1 FROM remote_version r WHERE r.ref = o.ref) AND NOT EXISTS (SELECT 1 FROM incoming_object i WHERE i.ref = o.ref)",
        new { role },
        cancellationToken);

    /// <summary>How many objects of <paramref name="role"/> would vanish and how many are staged, folders not counted.</summary>
    public Task<(long Vanished, long Staged)> CountRemovalAsync(string role, CancellationToken cancellationToken) => Connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
        "SELECT (SELECT count(*) FROM vanished WHERE NOT folder), (SELECT count(*) FROM agiident.sync_object WHERE role = @role AND NOT folder)",
        new { role },
        cancellationToken: cancellationToken));

    /// <summary>
    /// Applies a catalog's staged objects: removes the vanished, writes the read ones, marks the customers concerned
    /// dirty, and returns the objects whose tabular sections must be read again (all when <paramref name="all"/>).
    /// </summary>
    public async Task<List<string>> ApplyObjectsAsync(string role, bool all, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "CREATE TEMP TABLE touched ON COMMIT DROP AS SELECT i.ref FROM incoming_object i LEFT JOIN agiident.sync_object o ON o.role = i.role AND o.ref = i.ref " +
            "WHERE o.ref IS NULL OR o.version <> i.version OR o.party <> i.party OR @full; " +
            "INSERT INTO dirty SELECT party FROM vanished; " +
            "INSERT INTO dirty SELECT o.party FROM agiident.sync_object o JOIN touched t ON t.ref = o.ref WHERE o.role = @role; " +
            "INSERT INTO dirty SELECT i.party FROM incoming_object i JOIN touched t ON t.ref = i.ref; " +
            "DELETE FROM agiident.sync_object o USING vanished v WHERE o.role = @role AND o.ref = v.ref; " +
            "DELETE FROM agiident.sync_phone p USING vanished v WHERE p.role = @role AND p.ref = v.ref; " +
            "DELETE FROM agiident.sync_flag f USING vanished v WHERE @role = 'customer' AND f.source = 'attribute' AND f.ref = v.ref; " +
            $"INSERT INTO agiident.sync_object ({ObjectColumns}) SELECT {ObjectColumns} FROM incoming_object ON CONFLICT (role, ref) DO UPDATE SET " +
            "version = EXCLUDED.version, party = EXCLUDED.party, code = EXCLUDED.code, name = EXCLUDED.name, full_name = EXCLUDED.full_name, " +
            "person = EXCLUDED.person, manager = EXCLUDED.manager, deleted = EXCLUDED.deleted, folder = EXCLUDED.folder, " +
            "seen_at = CASE WHEN agiident.sync_object.version = EXCLUDED.version THEN agiident.sync_object.seen_at ELSE EXCLUDED.seen_at END",
            new { role, full = all },
            cancellationToken).ConfigureAwait(false);

        var touched = await RefsAsync("SELECT ref FROM touched LIMIT @limit", role, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync("DROP TABLE vanished; DROP TABLE touched", cancellationToken).ConfigureAwait(false);
        return touched;
    }

    /// <summary>Forgets the staged phones of <paramref name="refs"/> (all of <paramref name="role"/> when null) before they are read again.</summary>
    public Task ClearPhonesAsync(string role, IReadOnlyList<string>? refs, CancellationToken cancellationToken) => ExecuteAsync(
        refs is null ? "DELETE FROM agiident.sync_phone WHERE role = @role" : "DELETE FROM agiident.sync_phone WHERE role = @role AND ref = ANY(@refs)",
        new { role, refs = refs?.ToArray() },
        cancellationToken);

    /// <summary>Stages phone numbers.</summary>
    public Task CopyPhonesAsync(IAsyncEnumerable<StagedPhone> phones, CancellationToken cancellationToken) => CopyPhonesAsync("agiident.sync_phone", phones, cancellationToken);

    private async Task CopyPhonesAsync(string table, IAsyncEnumerable<StagedPhone> phones, CancellationToken cancellationToken)
    {
        await using var writer = await Connection.BeginBinaryImportAsync($"COPY {table} ({PhoneColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await foreach (var phone in phones.ConfigureAwait(false))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(phone.Role, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(phone.Ref, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(phone.Line, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(PostgresText.Clean(phone.Raw), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(phone.Kind, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await PostgresText.WriteAsync(writer, phone.E164, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(phone.Suffix, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the phones of customers and contact persons read from a register (read whole every run): only the
    /// objects whose rows differ are rewritten and their customers marked dirty.
    /// </summary>
    public async Task ReplaceRegisterPhonesAsync(IAsyncEnumerable<StagedPhone> phones, CancellationToken cancellationToken)
    {
        await ExecuteAsync("CREATE TEMP TABLE incoming_phone (LIKE agiident.sync_phone) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
        await CopyPhonesAsync("incoming_phone", phones, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            $"CREATE TEMP TABLE phone_changed ON COMMIT DROP AS SELECT DISTINCT role, ref FROM ((SELECT {PhoneColumns} FROM agiident.sync_phone WHERE role IN ('customer', 'contact') " +
            $"EXCEPT ALL SELECT {PhoneColumns} FROM incoming_phone) UNION ALL (SELECT {PhoneColumns} FROM incoming_phone EXCEPT ALL SELECT {PhoneColumns} FROM agiident.sync_phone)) d; " +
            "INSERT INTO dirty SELECT o.party FROM agiident.sync_object o JOIN phone_changed c ON c.role = o.role AND c.ref = o.ref; " +
            "DELETE FROM agiident.sync_phone p USING phone_changed c WHERE p.role = c.role AND p.ref = c.ref; " +
            $"INSERT INTO agiident.sync_phone ({PhoneColumns}) SELECT {PhoneColumns} FROM incoming_phone i WHERE EXISTS (SELECT 1 FROM phone_changed c WHERE c.role = i.role AND c.ref = i.ref); " +
            "DROP TABLE phone_changed; DROP TABLE incoming_phone",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The code and name of the customer each object of <paramref name="refs"/> belongs to, for reports an admin can act on.</summary>
    public async Task<Dictionary<string, (string Code, string Name)>> CustomersOfAsync(string role, IReadOnlyCollection<string> refs, CancellationToken cancellationToken)
    {
        var customers = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (refs.Count == 0)
        {
            return customers;
        }

        var rows = await Connection.QueryAsync<(string Ref, string Code, string Name)>(new CommandDefinition(
            "SELECT o.ref, coalesce(c.code, ''), coalesce(nullif(c.name, ''), c.full_name, '') FROM agiident.sync_object o " +
            "LEFT JOIN agiident.sync_object c ON c.role = 'customer' AND c.ref = o.party WHERE o.role = @role AND o.ref = ANY(@refs)",
            new { role, refs = refs.ToArray() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (reference, code, name) in rows)
        {
            customers[reference] = (code, name);
        }

        return customers;
    }

    /// <summary>Forgets the attribute flags of <paramref name="refs"/> (all when null) before they are read again.</summary>
    public Task ClearAttributeFlagsAsync(IReadOnlyList<string>? refs, CancellationToken cancellationToken) => ExecuteAsync(
        refs is null ? "DELETE FROM agiident.sync_flag WHERE source = 'attribute'" : "DELETE FROM agiident.sync_flag WHERE source = 'attribute' AND ref = ANY(@refs)",
        new { refs = refs?.ToArray() },
        cancellationToken);

    /// <summary>Copies resolved flags into <paramref name="table"/> (<c>agiident.sync_flag</c> or <c>incoming_flag</c>).</summary>
    public async Task CopyFlagsAsync(string table, string source, IAsyncEnumerable<(string Ref, string Flag)> flags, CancellationToken cancellationToken)
    {
        await using var writer = await Connection.BeginBinaryImportAsync($"COPY {table} (ref, flag, source) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await foreach (var (reference, flag) in flags.ConfigureAwait(false))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(reference, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(flag, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the register flags with <c>incoming_flag</c>; customers whose flags differ are dirty.</summary>
    public Task ReplaceRegisterFlagsAsync(CancellationToken cancellationToken) => ExecuteAsync(
        "INSERT INTO dirty SELECT ref FROM ((SELECT ref, flag FROM agiident.sync_flag WHERE source = 'register' EXCEPT SELECT ref, flag FROM incoming_flag) " +
        "UNION ALL (SELECT ref, flag FROM incoming_flag EXCEPT SELECT ref, flag FROM agiident.sync_flag WHERE source = 'register')) d; " +
        "DELETE FROM agiident.sync_flag WHERE source = 'register'; INSERT INTO agiident.sync_flag SELECT * FROM incoming_flag",
        cancellationToken);

    /// <summary>Replaces the managers; customers whose manager's row differs are dirty.</summary>
    public async Task ReplaceManagersAsync(IEnumerable<(string Ref, string Name, string? Extension, bool Deleted)> managers, CancellationToken cancellationToken)
    {
        await using (var writer = await Connection.BeginBinaryImportAsync("COPY incoming_manager (ref, name, extension, deleted) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var (reference, name, extension, deleted) in managers)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reference, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(name), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, extension, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(deleted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            "INSERT INTO dirty SELECT o.party FROM agiident.sync_object o WHERE o.role = 'customer' AND o.manager IN (" +
            "SELECT ref FROM ((SELECT * FROM agiident.sync_manager EXCEPT SELECT * FROM incoming_manager) UNION ALL (SELECT * FROM incoming_manager EXCEPT SELECT * FROM agiident.sync_manager)) d); " +
            "DELETE FROM agiident.sync_manager; INSERT INTO agiident.sync_manager SELECT * FROM incoming_manager",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stages which counterparty each contact person belongs to (УНФ's link register) and moves the contacts whose
    /// link changed; both their old and their new customer are dirty.
    /// </summary>
    public async Task ApplyContactLinksAsync(IReadOnlyDictionary<string, string> links, CancellationToken cancellationToken)
    {
        await using (var writer = await Connection.BeginBinaryImportAsync("COPY incoming_link (contact, party) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var (contact, party) in links)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(contact, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(party, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            "CREATE TEMP TABLE moved ON COMMIT DROP AS SELECT o.ref, o.party AS old_party, coalesce(l.party, '') AS new_party FROM agiident.sync_object o " +
            "LEFT JOIN incoming_link l ON l.contact = o.ref WHERE o.role = 'contact' AND o.party <> coalesce(l.party, ''); " +
            "INSERT INTO dirty SELECT old_party FROM moved UNION ALL SELECT new_party FROM moved; " +
            "UPDATE agiident.sync_object o SET party = m.new_party FROM moved m WHERE o.role = 'contact' AND o.ref = m.ref; " +
            "DROP TABLE moved",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages analytics keys with their customer; <paramref name="replace"/> forgets the others (a full read).</summary>
    public async Task StoreKeysAsync(IAsyncEnumerable<(string Ref, string Party)> keys, bool replace, CancellationToken cancellationToken)
    {
        await ExecuteAsync("CREATE TEMP TABLE incoming_key (ref text, party text) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
        await using (var writer = await Connection.BeginBinaryImportAsync("COPY incoming_key (ref, party) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            await foreach (var (reference, party) in keys.ConfigureAwait(false))
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reference, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(party, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            (replace ? "DELETE FROM agiident.sync_key; " : string.Empty) +
            "INSERT INTO agiident.sync_key SELECT DISTINCT ON (ref) ref, party FROM incoming_key ORDER BY ref ON CONFLICT (ref) DO UPDATE SET party = EXCLUDED.party; DROP TABLE incoming_key",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies debt rows into <c>incoming_debt</c>.</summary>
    public async Task CopyDebtAsync(IAsyncEnumerable<(string Party, string Currency, decimal Amount)> rows, CancellationToken cancellationToken)
    {
        await using var writer = await Connection.BeginBinaryImportAsync("COPY incoming_debt (party, currency, amount) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await foreach (var (party, currency, amount) in rows.ConfigureAwait(false))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(party, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(PostgresText.Clean(currency), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(Math.Round(amount, 2, MidpointRounding.AwayFromZero), NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the debts of the customers whose rows differ from <c>incoming_debt</c> (a key's customer when the
    /// rows name analytics keys); a run writes what changed, not the whole register.
    /// </summary>
    public Task ReplaceDebtAsync(bool byKey, CancellationToken cancellationToken) => ExecuteAsync(
        (byKey
            ? "CREATE TEMP TABLE keyed_debt ON COMMIT DROP AS SELECT k.party, d.currency, d.amount FROM incoming_debt d JOIN agiident.sync_key k ON k.ref = d.party; " +
              "TRUNCATE incoming_debt; INSERT INTO incoming_debt SELECT * FROM keyed_debt; DROP TABLE keyed_debt; "
            : string.Empty) +
        "CREATE TEMP TABLE debt_changed ON COMMIT DROP AS SELECT DISTINCT party FROM " +
        "((SELECT * FROM agiident.sync_debt EXCEPT ALL SELECT * FROM incoming_debt) UNION ALL (SELECT * FROM incoming_debt EXCEPT ALL SELECT * FROM agiident.sync_debt)) d; " +
        "INSERT INTO dirty SELECT party FROM debt_changed; " +
        "DELETE FROM agiident.sync_debt s USING debt_changed c WHERE s.party = c.party; " +
        "INSERT INTO agiident.sync_debt SELECT i.* FROM incoming_debt i JOIN debt_changed c ON c.party = i.party; " +
        "DROP TABLE debt_changed",
        cancellationToken);

    /// <summary>Analytics keys the debt rows name that are not staged yet.</summary>
    public async Task<List<string>> UnknownKeysAsync(CancellationToken cancellationToken) =>
        (await Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT d.party FROM incoming_debt d WHERE NOT EXISTS (SELECT 1 FROM agiident.sync_key k WHERE k.ref = d.party)",
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();

    /// <summary>
    /// Computes the directory rows of the dirty customers (all on a full run) from the staged data and writes only
    /// what differs, so a snapshot reloads only the parties that really changed.
    /// </summary>
    public async Task<(int Changed, int Removed)> BuildDirectoryAsync(bool full, bool hasDebt, string currency, CancellationToken cancellationToken)
    {
        var scope = full ? "true" : "o.party IN (SELECT party FROM dirty)";
        await ExecuteAsync(
            "CREATE TEMP TABLE built_party ON COMMIT DROP AS " +
            "SELECT o.ref AS id, o.code, CASE WHEN o.person THEN 'person' ELSE 'company' END AS kind, " +
            "coalesce(nullif(o.full_name, ''), o.name) AS name, " +
            "CASE WHEN nullif(o.full_name, '') IS NOT NULL AND o.name <> '' AND o.name <> o.full_name THEN o.name END AS short_name, " +
            "coalesce((SELECT array_agg(DISTINCT f.flag ORDER BY f.flag) FROM agiident.sync_flag f WHERE f.ref = o.ref), '{}') AS flags, " +
            (hasDebt ? "coalesce((SELECT sum(d.amount) FROM agiident.sync_debt d WHERE d.party = o.ref AND d.currency IN (@currency, '')), 0)::numeric(18,2) AS debt, " : "NULL::numeric(18,2) AS debt, ") +
            "CASE WHEN NOT m.deleted THEN nullif(m.name, '') END AS manager_name, CASE WHEN NOT m.deleted THEN m.extension END AS manager_ext, " +
            "NULL::text AS language, NULL::text AS greeting, " +
            (hasDebt
                ? "coalesce((SELECT jsonb_object_agg('debt_' || d.currency, d.amount::text) FROM (SELECT currency, sum(amount) AS amount FROM agiident.sync_debt " +
                  "  WHERE party = o.ref AND currency NOT IN (@currency, '') GROUP BY currency) d), '{}'::jsonb) AS attributes, "
                : "'{}'::jsonb AS attributes, ") +
            "o.deleted, o.seen_at AS changed_at " +
            $"FROM agiident.sync_object o LEFT JOIN agiident.sync_manager m ON m.ref = o.manager WHERE o.role = 'customer' AND NOT o.folder AND {scope}; " +
            "CREATE TEMP TABLE built_phone ON COMMIT DROP AS " +
            "SELECT x.party AS party_id, (dense_rank() OVER (PARTITION BY x.party ORDER BY x.rank, x.ref, x.line) - 1)::int AS position, " +
            "x.raw, x.kind, x.contact, x.e164, x.suffix FROM (" +
            "  SELECT o.party, CASE o.role WHEN 'customer' THEN 0 WHEN 'entity' THEN 1 ELSE 2 END AS rank, p.ref, p.line, p.raw, p.kind, " +
            "  CASE WHEN o.role = 'contact' THEN nullif(o.name, '') END AS contact, p.e164, p.suffix " +
            "  FROM agiident.sync_phone p JOIN agiident.sync_object o ON o.role = p.role AND o.ref = p.ref " +
            $"  WHERE (o.role = 'customer' OR NOT o.deleted) AND NOT o.folder AND {scope}) x " +
            "WHERE x.party IN (SELECT id FROM built_party); " +
            "CREATE INDEX ON built_phone (party_id)",
            new { currency },
            cancellationToken).ConfigureAwait(false);

        var inScope = full ? string.Empty : " AND p.id IN (SELECT party FROM dirty)";
        var removed = await ExecuteAsync($"DELETE FROM agiident.party p WHERE NOT EXISTS (SELECT 1 FROM built_party b WHERE b.id = p.id){inScope}", cancellationToken).ConfigureAwait(false);
        const string PhoneRow = CanonicalSchema.PhoneColumns;
        var phoneScope = full ? string.Empty : " WHERE party_id IN (SELECT party FROM dirty)";
        await ExecuteAsync(
            "CREATE TEMP TABLE changed_party (id text) ON COMMIT DROP; " +
            $"WITH written AS ({CanonicalSchema.UpsertParties("built_party", bySync: true)} RETURNING id) INSERT INTO changed_party SELECT id FROM written; " +
            $"CREATE TEMP TABLE phone_gone ON COMMIT DROP AS SELECT {PhoneRow} FROM agiident.phone{phoneScope} EXCEPT SELECT {PhoneRow} FROM built_phone; " +
            $"CREATE TEMP TABLE phone_new ON COMMIT DROP AS SELECT {PhoneRow} FROM built_phone EXCEPT SELECT {PhoneRow} FROM agiident.phone{phoneScope}; " +
            "DELETE FROM agiident.phone p USING phone_gone d WHERE p.party_id = d.party_id AND p.position = d.position AND p.suffix = d.suffix; " +
            $"INSERT INTO agiident.phone ({PhoneRow}) SELECT {PhoneRow} FROM phone_new",
            cancellationToken).ConfigureAwait(false);
        var changed = await ScalarAsync<int>(
            "SELECT count(*) FROM (SELECT id FROM changed_party UNION SELECT party_id FROM phone_gone UNION SELECT party_id FROM phone_new) c", cancellationToken).ConfigureAwait(false);
        return (changed, removed);
    }

    /// <summary>How many parties and phones the directory holds.</summary>
    public async Task<(int Parties, int Phones)> CountDirectoryAsync(CancellationToken cancellationToken) => (
        await ScalarAsync<int>("SELECT count(*) FROM agiident.party", cancellationToken).ConfigureAwait(false),
        await ScalarAsync<int>("SELECT count(*) FROM agiident.phone", cancellationToken).ConfigureAwait(false));

    private async Task<List<string>> RefsAsync(string sql, string role, CancellationToken cancellationToken) =>
        (await Connection.QueryAsync<string>(new CommandDefinition(sql, new { role, limit = ByReferenceLimit + 1 }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteAsync(sql, null, cancellationToken);

    private Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        Connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));

    private Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken) => ScalarAsync<T>(sql, null, cancellationToken);

    private Task<T?> ScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        Connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
}
