using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgiIdent.Directory.Postgres;
using AgiIdent.Hosting;
using AgiIdent.Numbering;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AgiIdent.Sync;

/// <summary>What one sync run did.</summary>
public sealed record SyncResult(
    bool Full,
    int Parties,
    int Phones,
    int Changed,
    int Removed,
    int Rejected,
    IReadOnlyList<string> RejectSamples,
    int Requests,
    TimeSpan Elapsed);

/// <summary>
/// One replication from 1C's standard OData interface into the canonical schema (docs/SYNC.md). Everything a run
/// writes, staging and directory alike, is one transaction: calls see the previous directory until it commits, and a
/// run that fails anywhere leaves nothing behind.
/// </summary>
internal sealed class ODataReplicator
{
    /// <summary>Above this many changed or missing objects of a set, reading the whole set is cheaper than asking for each.</summary>
    public const int ByReferenceLimit = 2000;

    private const int RejectSampleLimit = 50;
    private const string Customer = "customer";
    private const string Entity = "entity";
    private const string Contact = "contact";
    private const string ObjectColumns = "role, ref, version, party, code, name, full_name, person, manager, deleted, folder, seen_at";
    private const string PhoneColumns = "role, ref, line, raw, kind, e164, suffix";

    /// <summary>Where a phone row keeps its number, newest БСП generation first.</summary>
    private static readonly string[] StoredPhoneFields = ["Значение", "ЗначенияПолей", "Представление", "НомерТелефона"];

    private readonly SyncOptions _options;
    private readonly SyncMapping _mapping;
    private readonly PhoneNumber _numbers;
    private readonly string _currency;
    private readonly string _settings;
    private readonly NpgsqlDataSource _database;
    private readonly HttpMessageHandler? _handler;
    private readonly List<(string Property, string? Value, string Flag)> _flags;
    private readonly List<string> _rejectSamples = [];

    /// <summary>Objects read but rejected since the last copy: still in 1C, so not vanished (<see cref="CopyObjectsAsync"/>).</summary>
    private readonly List<string> _listedButRejected = [];
    private bool _guardRemovals;
    private int _rejected;
    private Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private Dictionary<string, string> _propertyValues = new(StringComparer.Ordinal);

    public ODataReplicator(SyncOptions options, NumberingOptions numbering, NpgsqlDataSource database, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(numbering);
        _options = options;
        _mapping = SyncMapping.For(options);
        _numbers = new PhoneNumber(NumberingPlan.Known[numbering.Country], numbering.AreaCode, numbering.MatchDigits);
        _currency = string.IsNullOrWhiteSpace(options.Currency) ? NationalCurrency(numbering.Country) : options.Currency.Trim();
        _database = database;
        _handler = handler;
        _flags = [.. options.Flags.Select(static f =>
        {
            var equals = f.Key.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (f.Key.Trim(), (string?)null, f.Value.Trim()) : (f.Key[..equals].Trim(), f.Key[(equals + 1)..].Trim(), f.Value.Trim());
        })];
        // Staged rows depend on these: when any changes, the next run re-reads everything.
        _settings = Fingerprint(JsonSerializer.Serialize(new
        {
            _mapping,
            flags = _flags.Select(f => $"{f.Property}={f.Value}={f.Flag}"),
            numbering.Country,
            numbering.AreaCode,
            numbering.MatchDigits,
            _currency,
        }));
    }

    private static string Fingerprint(params IEnumerable<string> parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16];

    /// <summary>Which 1C properties and values the configured flags stand for, by reference: what a rename in 1C changes.</summary>
    private IEnumerable<string> FlagMeaning()
    {
        foreach (var (property, value, flag) in _flags)
        {
            var properties = _properties.Where(p => string.Equals(p.Value, property, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).Order(StringComparer.Ordinal);
            IEnumerable<string> values = value is null
                ? []
                : _propertyValues.Where(v => string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase)).Select(v => v.Key).Order(StringComparer.Ordinal);
            yield return $"{flag}:{string.Join(',', properties)}:{string.Join(',', values)}";
        }
    }

    /// <summary>The currency 1C keeps debts in by default in each numbering country (ISO 4217 numeric code, as <c>Catalog_Валюты.Code</c>).</summary>
    public static string NationalCurrency(string country) => country switch
    {
        "RU" => "643",
        "KZ" => "398",
        "BY" => "933",
        "PL" => "985",
        _ => "980",
    };

    /// <summary>Runs one sync; <paramref name="forceFull"/> re-reads every object even when an incremental run would do.</summary>
    public async Task<SyncResult> RunAsync(bool forceFull, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var client = new ODataClient(_options.OData, _mapping.Name, _handler);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version < SchemaMigrator.LatestVersion)
        {
            throw new SyncException($"The database schema agiident is at version {version}, the sync needs {SchemaMigrator.LatestVersion}: run 'agiident db migrate' first.");
        }

        try
        {
            var result = await RunInTransactionAsync(connection, client, forceFull, clock, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is not SyncSkippedException)
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var failed = new NpgsqlCommand("UPDATE agiident.sync_state SET last_run = now(), last_error = @error", connection);
                failed.Parameters.AddWithValue("error", e is OperationCanceledException ? "interrupted" : e.Message);
                await failed.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<SyncResult> RunInTransactionAsync(NpgsqlConnection connection, ODataClient client, bool forceFull, Stopwatch clock, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!(bool)(await Scalar(connection, "SELECT pg_try_advisory_xact_lock(4573002)", cancellationToken).ConfigureAwait(false))!)
        {
            throw new SyncSkippedException("another sync is writing to this database (agiident sync or a daemon's background sync)");
        }

        // Flags are staged resolved: a property or value renamed in 1C changes what they mean, as a settings change does.
        var settings = _settings;
        if (_flags.Count > 0)
        {
            _properties = await NamesAsync(client, SyncMapping.Properties, cancellationToken).ConfigureAwait(false);
            _propertyValues = await NamesAsync(client, SyncMapping.PropertyValues, cancellationToken).ConfigureAwait(false);
            settings = Fingerprint([_settings, .. FlagMeaning()]);
        }

        var full = forceFull;
        await using (var state = new NpgsqlCommand("SELECT settings, last_full FROM agiident.sync_state", connection))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var known = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) && !reader.IsDBNull(1);
            var sameSettings = known && reader.GetString(0) == settings;
            if (!sameSettings || DateTime.UtcNow - reader.GetDateTime(1) >= TimeSpan.FromHours(_options.FullEveryHours))
            {
                full = true;
            }

            // After a settings change (another preset, another catalog) objects leave by design: no guard for that run.
            _guardRemovals = sameSettings && _options.MaxRemovedPercent < 100;
        }

        await Execute(
            connection,
            "CREATE TEMP TABLE dirty (party text) ON COMMIT DROP; " +
            "CREATE TEMP TABLE incoming_object (LIKE agiident.sync_object INCLUDING DEFAULTS) ON COMMIT DROP; " +
            "CREATE TEMP TABLE remote_version (ref text, version text) ON COMMIT DROP; " +
            "CREATE TEMP TABLE incoming_manager (LIKE agiident.sync_manager) ON COMMIT DROP; " +
            "CREATE TEMP TABLE incoming_debt (LIKE agiident.sync_debt) ON COMMIT DROP; " +
            "CREATE TEMP TABLE incoming_flag (LIKE agiident.sync_flag) ON COMMIT DROP",
            cancellationToken).ConfigureAwait(false);

        if (full)
        {
            await ForgetUnmappedAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        await SyncObjectsAsync(connection, client, Customer, _mapping.Customers, _mapping.CustomerFields, ReadCustomer, full, cancellationToken).ConfigureAwait(false);
        if (_mapping.Entities is { } entities)
        {
            await SyncObjectsAsync(connection, client, Entity, entities, SyncMapping.OwnedFields(_mapping.EntityCustomer!), row => ReadOwned(row, Entity, _mapping.EntityCustomer!), full, cancellationToken).ConfigureAwait(false);
        }

        if (_mapping.Contacts is { } contacts)
        {
            await SyncObjectsAsync(connection, client, Contact, contacts, SyncMapping.OwnedFields(_mapping.ContactOwner), row => ReadOwned(row, Contact, _mapping.ContactOwner), full, cancellationToken).ConfigureAwait(false);
        }

        await SyncManagersAsync(connection, client, cancellationToken).ConfigureAwait(false);
        await SyncDebtAsync(connection, client, cancellationToken).ConfigureAwait(false);
        await SyncRegisterFlagsAsync(connection, client, cancellationToken).ConfigureAwait(false);
        var (changed, removed) = await BuildDirectoryAsync(connection, full, cancellationToken).ConfigureAwait(false);

        var parties = Convert.ToInt32(await Scalar(connection, "SELECT count(*) FROM agiident.party", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var phones = Convert.ToInt32(await Scalar(connection, "SELECT count(*) FROM agiident.phone", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await using (var done = new NpgsqlCommand(
            "UPDATE agiident.sync_state SET settings = @settings, last_run = now(), last_success = now(), last_error = NULL, parties = @parties, phones = @phones" +
            (full ? ", last_full = now()" : string.Empty),
            connection))
        {
            done.Parameters.AddWithValue("settings", settings);
            done.Parameters.AddWithValue("parties", parties);
            done.Parameters.AddWithValue("phones", phones);
            await done.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SyncResult(full, parties, phones, changed, removed, _rejected, [.. _rejectSamples], client.Requests, clock.Elapsed);
    }

    /// <summary>
    /// Drops what earlier runs staged from parts the settings no longer map (flags taken out of the configuration, a
    /// preset without contacts, debt or managers): the full run that follows such a change rebuilds every party from
    /// what is staged, and stale rows would live on in it.
    /// </summary>
    private async Task ForgetUnmappedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        if (_flags.Count == 0)
        {
            sql.Append("DELETE FROM agiident.sync_flag; ");
        }

        if (_mapping.Debt is null)
        {
            sql.Append("DELETE FROM agiident.sync_debt; ");
        }

        if (_mapping.Managers is null)
        {
            sql.Append("DELETE FROM agiident.sync_manager; ");
        }

        foreach (var (role, set) in new[] { (Entity, _mapping.Entities), (Contact, _mapping.Contacts) })
        {
            if (set is null)
            {
                sql.Append(CultureInfo.InvariantCulture, $"DELETE FROM agiident.sync_object WHERE role = '{role}'; DELETE FROM agiident.sync_phone WHERE role = '{role}'; ");
            }
        }

        if (sql.Length > 0)
        {
            await Execute(connection, sql.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Brings the staged objects of one catalog up to date: reads what changed (or everything on a full run), asks
    /// once more for objects that seem gone, re-reads the tabular sections of what changed, and marks the customers
    /// concerned dirty.
    /// </summary>
    private async Task SyncObjectsAsync(NpgsqlConnection connection, ODataClient client, string role, string set, IReadOnlyList<string> fields, Func<JsonElement, StagedObject?> read, bool full, CancellationToken cancellationToken)
    {
        await Execute(connection, "TRUNCATE incoming_object, remote_version", cancellationToken).ConfigureAwait(false);
        var readAll = full;
        List<string> changed = [];
        if (!full)
        {
            await CopyVersionsAsync(connection, client.ReadAllAsync(set, ["Ref_Key", "DataVersion"], "Ref_Key", null, cancellationToken), cancellationToken).ConfigureAwait(false);
            // A temporary table has no statistics until analyzed: without them the comparison below plans badly at size.
            await Execute(connection, "ANALYZE remote_version", cancellationToken).ConfigureAwait(false);
            changed = await RefsAsync(
                connection,
                "SELECT r.ref FROM remote_version r LEFT JOIN agiident.sync_object o ON o.role = @role AND o.ref = r.ref WHERE o.version IS DISTINCT FROM r.version LIMIT @limit",
                role,
                cancellationToken).ConfigureAwait(false);
            readAll = changed.Count > ByReferenceLimit;
        }

        if (readAll)
        {
            // What was read whole is the list; the copy adds the rejected objects to it.
            await Execute(connection, "TRUNCATE remote_version", cancellationToken).ConfigureAwait(false);
            await CopyObjectsAsync(connection, client.ReadAllAsync(set, fields, "Ref_Key", null, cancellationToken), read, cancellationToken).ConfigureAwait(false);
            await Execute(connection, "INSERT INTO remote_version SELECT ref, version FROM incoming_object", cancellationToken).ConfigureAwait(false);
        }
        else if (changed.Count > 0)
        {
            await CopyObjectsAsync(connection, client.ReadByRefsAsync(set, fields, "Ref_Key", "Ref_Key", changed, cancellationToken), read, cancellationToken).ConfigureAwait(false);
        }

        // Gone from the list, or only shifted out of a $skip page while 1C deleted something? Ask by reference.
        var missing = await RefsAsync(
            connection,
            "SELECT o.ref FROM agiident.sync_object o WHERE o.role = @role AND NOT EXISTS (SELECT 1 FROM remote_version r WHERE r.ref = o.ref) LIMIT @limit",
            role,
            cancellationToken).ConfigureAwait(false);
        if (missing.Count is > 0 and <= ByReferenceLimit)
        {
            await CopyObjectsAsync(connection, client.ReadByRefsAsync(set, fields, "Ref_Key", "Ref_Key", missing, cancellationToken), read, cancellationToken).ConfigureAwait(false);
        }

        await using (var gone = new NpgsqlCommand(
            // Vanished: staged, not listed, not found by reference.
            "CREATE TEMP TABLE vanished ON COMMIT DROP AS SELECT o.ref, o.party, o.folder FROM agiident.sync_object o " +
            "WHERE o.role = @role AND NOT EXISTS (SELECT 1 FROM remote_version r WHERE r.ref = o.ref) AND NOT EXISTS (SELECT 1 FROM incoming_object i WHERE i.ref = o.ref)",
            connection))
        {
            gone.Parameters.AddWithValue("role", role);
            await gone.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_guardRemovals)
        {
            await GuardMassRemovalAsync(connection, role, set, cancellationToken).ConfigureAwait(false);
        }

        await using (var apply = new NpgsqlCommand(
            "CREATE TEMP TABLE touched ON COMMIT DROP AS SELECT i.ref FROM incoming_object i LEFT JOIN agiident.sync_object o ON o.role = i.role AND o.ref = i.ref " +
            "WHERE o.ref IS NULL OR o.version <> i.version OR @full; " +
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
            connection))
        {
            apply.Parameters.AddWithValue("role", role);
            apply.Parameters.AddWithValue("full", readAll);
            await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var touched = await RefsAsync(connection, "SELECT ref FROM touched LIMIT @limit", role, cancellationToken).ConfigureAwait(false);
        var allRows = readAll || touched.Count > ByReferenceLimit;
        await SyncPhonesAsync(connection, client, role, set, allRows, touched, cancellationToken).ConfigureAwait(false);
        if (role == Customer && _flags.Count > 0)
        {
            await SyncAttributeFlagsAsync(connection, client, set, allRows, touched, cancellationToken).ConfigureAwait(false);
        }

        await Execute(connection, "DROP TABLE vanished; DROP TABLE touched", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a run that would remove more of the objects of <paramref name="role"/> than <c>AgiIdent:Sync:MaxRemovedPercent</c> allows; folders do not count.</summary>
    private async Task GuardMassRemovalAsync(NpgsqlConnection connection, string role, string set, CancellationToken cancellationToken)
    {
        long vanished, staged;
        await using (var count = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM vanished WHERE NOT folder), " +
            "(SELECT count(*) FROM agiident.sync_object WHERE role = @role AND NOT folder)",
            connection))
        {
            count.Parameters.AddWithValue("role", role);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            vanished = reader.GetInt64(0);
            staged = reader.GetInt64(1);
        }

        if (vanished > SyncOptions.MassRemovalFloor && vanished * 100 > staged * _options.MaxRemovedPercent)
        {
            var what = role switch
            {
                Customer => "customers",
                Contact => "contact persons",
                _ => "counterparties",
            };
            var share = Math.Ceiling(vanished * 100.0 / staged).ToString(CultureInfo.InvariantCulture);
            throw new SyncException(
                $"1C lists {staged - vanished} of the {staged} {what} in {set} that the directory holds; removing {vanished} ({share}%) is more than " +
                $"AgiIdent:Sync:MaxRemovedPercent ({_options.MaxRemovedPercent}%) allows, so nothing was changed. Check that the 1C user '{_options.OData.User}' still has the right " +
                $"to read all of {set} and that AgiIdent:Sync:OData:Url is the right infobase. If they really were deleted in 1C, run once with AgiIdent__Sync__MaxRemovedPercent=100.");
        }
    }

    private async Task SyncPhonesAsync(NpgsqlConnection connection, ODataClient client, string role, string owner, bool all, List<string> refs, CancellationToken cancellationToken)
    {
        if (!all && refs.Count == 0)
        {
            return;
        }

        var set = owner + SyncMapping.ContactInformationSuffix;
        IReadOnlyList<string> fields = ["Ref_Key", "LineNumber", "Тип", "Представление", "НомерТелефона", "НомерТелефонаБезКодов", "Значение", "ЗначенияПолей"];
        await using (var clear = new NpgsqlCommand(all ? "DELETE FROM agiident.sync_phone WHERE role = @role" : "DELETE FROM agiident.sync_phone WHERE role = @role AND ref = ANY(@refs)", connection))
        {
            clear.Parameters.AddWithValue("role", role);
            clear.Parameters.AddWithValue("refs", refs.ToArray());
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = all
            ? client.ReadAllAsync(set, fields, "Ref_Key,LineNumber", null, cancellationToken)
            : client.ReadByRefsAsync(set, fields, "Ref_Key", "Ref_Key,LineNumber", refs, cancellationToken);
        await using var writer = await connection.BeginBinaryImportAsync($"COPY agiident.sync_phone ({PhoneColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            var reference = ODataRows.Ref(row, "Ref_Key");
            var kind = ODataRows.Text(row, "Тип") switch
            {
                "Телефон" => "phone",
                "Факс" => "fax",
                "Другое" => "other",
                _ => null,
            };
            if (reference is null || kind is null)
            {
                continue;
            }

            var line = ODataRows.Amount(row, "LineNumber") is { } lineNumber and >= 0 and <= int.MaxValue ? (int)lineNumber : 0;
            var stored = StoredPhoneFields.Select(f => ODataRows.Text(row, f)).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
            var parsed = _numbers.ParseStored(stored);
            var raw = ODataRows.Text(row, "Представление") is { Length: > 0 } presentation ? presentation : ODataRows.Text(row, "НомерТелефона") ?? string.Empty;
            if (kind != "other")
            {
                foreach (var problem in parsed.Problems)
                {
                    Reject($"{set} {reference} line {line.ToString(CultureInfo.InvariantCulture)}: {problem}");
                }
            }

            foreach (var number in parsed.Numbers.DistinctBy(n => n.Suffix))
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(role, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reference, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(line, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(raw), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(kind, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, number.E164, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(number.Suffix, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncAttributeFlagsAsync(NpgsqlConnection connection, ODataClient client, string owner, bool all, List<string> refs, CancellationToken cancellationToken)
    {
        if (!all && refs.Count == 0)
        {
            return;
        }

        var set = owner + SyncMapping.AttributesSuffix;
        IReadOnlyList<string> fields = ["Ref_Key", "LineNumber", "Свойство_Key", "Значение", "Значение_Type"];
        await using (var clear = new NpgsqlCommand(all ? "DELETE FROM agiident.sync_flag WHERE source = 'attribute'" : "DELETE FROM agiident.sync_flag WHERE source = 'attribute' AND ref = ANY(@refs)", connection))
        {
            clear.Parameters.AddWithValue("refs", refs.ToArray());
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = all
            ? client.ReadAllAsync(set, fields, "Ref_Key,LineNumber", null, cancellationToken)
            : client.ReadByRefsAsync(set, fields, "Ref_Key", "Ref_Key,LineNumber", refs, cancellationToken);
        await CopyFlagsAsync(connection, "agiident.sync_flag", "attribute", rows, "Ref_Key", null, cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncRegisterFlagsAsync(NpgsqlConnection connection, ODataClient client, CancellationToken cancellationToken)
    {
        if (_flags.Count == 0)
        {
            return;
        }

        var rows = client.ReadAllAsync(SyncMapping.AdditionalInformation, ["Объект", "Объект_Type", "Свойство_Key", "Значение", "Значение_Type"], "Объект,Свойство_Key", null, cancellationToken);
        await CopyFlagsAsync(connection, "incoming_flag", "register", rows, "Объект", "StandardODATA." + _mapping.Customers, cancellationToken).ConfigureAwait(false);
        await Execute(
            connection,
            "INSERT INTO dirty SELECT ref FROM ((SELECT ref, flag FROM agiident.sync_flag WHERE source = 'register' EXCEPT SELECT ref, flag FROM incoming_flag) " +
            "UNION ALL (SELECT ref, flag FROM incoming_flag EXCEPT SELECT ref, flag FROM agiident.sync_flag WHERE source = 'register')) d; " +
            "DELETE FROM agiident.sync_flag WHERE source = 'register'; INSERT INTO agiident.sync_flag SELECT * FROM incoming_flag",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves additional-attribute rows to flags through <c>AgiIdent:Sync:Flags</c> and copies them into <paramref name="table"/>.</summary>
    private async Task CopyFlagsAsync(NpgsqlConnection connection, string table, string source, IAsyncEnumerable<JsonElement> rows, string ownerField, string? ownerType, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {table} (ref, flag, source) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (ownerType is not null && !string.Equals(ODataRows.Text(row, ownerField + "_Type"), ownerType, StringComparison.Ordinal))
            {
                continue;
            }

            if (ODataRows.Ref(row, ownerField) is not { } owner ||
                ODataRows.Ref(row, "Свойство_Key") is not { } property ||
                !_properties.TryGetValue(property, out var propertyName))
            {
                continue;
            }

            var type = ODataRows.Text(row, "Значение_Type") ?? string.Empty;
            var value = ODataRows.Text(row, "Значение");
            if (type.StartsWith("StandardODATA.", StringComparison.Ordinal))
            {
                value = value is not null && Guid.TryParse(value, out var reference) && reference != Guid.Empty
                    ? _propertyValues.GetValueOrDefault(reference.ToString("D", CultureInfo.InvariantCulture), value)
                    : null;
            }

            foreach (var (name, expected, flag) in _flags)
            {
                if (!string.Equals(name, propertyName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var set = expected is null
                    ? !string.IsNullOrWhiteSpace(value) && value is not ("false" or "0")
                    : string.Equals(value?.Trim(), expected, StringComparison.OrdinalIgnoreCase);
                if (set)
                {
                    await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(owner, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(flag, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Managers are few: read whole every run; customers whose manager changed are rebuilt.</summary>
    private async Task SyncManagersAsync(NpgsqlConnection connection, ODataClient client, CancellationToken cancellationToken)
    {
        if (_mapping.Managers is not { } set)
        {
            return;
        }

        var managers = new Dictionary<string, (string Name, bool Deleted, string? Person)>(StringComparer.Ordinal);
        await foreach (var row in client.ReadAllAsync(set, _mapping.Extensions == ExtensionSource.TelephonyRegister ? ["Ref_Key", "DeletionMark", "Description", "ФизическоеЛицо_Key"] : ["Ref_Key", "DeletionMark", "Description"], "Ref_Key", null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                managers[reference] = (ODataRows.Text(row, "Description") ?? string.Empty, ODataRows.Flag(row, "DeletionMark"), ODataRows.Ref(row, "ФизическоеЛицо_Key"));
            }
        }

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_mapping.Extensions == ExtensionSource.ContactInformation)
        {
            await foreach (var row in client.ReadAllAsync(set + SyncMapping.ContactInformationSuffix, ["Ref_Key", "LineNumber", "Тип", "Представление", "Значение", "ЗначенияПолей"], "Ref_Key,LineNumber", null, cancellationToken).ConfigureAwait(false))
            {
                if (ODataRows.Ref(row, "Ref_Key") is { } reference && ODataRows.Text(row, "Тип") == "Телефон" && !extensions.ContainsKey(reference) && ODataRows.Extension(row) is { } extension)
                {
                    extensions[reference] = extension;
                }
            }
        }
        else
        {
            var userPerson = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var row in client.ReadAllAsync(SyncMapping.Users, ["Ref_Key", "ФизическоеЛицо_Key"], "Ref_Key", null, cancellationToken).ConfigureAwait(false))
            {
                if (ODataRows.Ref(row, "Ref_Key") is { } user && ODataRows.Ref(row, "ФизическоеЛицо_Key") is { } person)
                {
                    userPerson[user] = person;
                }
            }

            var personExtension = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var row in client.ReadAllAsync(SyncMapping.TelephonySettings, ["Пользователь_Key", "ВнутреннийНомер"], "Пользователь_Key,ВнутреннийНомер", null, cancellationToken).ConfigureAwait(false))
            {
                if (ODataRows.Ref(row, "Пользователь_Key") is { } user && userPerson.TryGetValue(user, out var person) && ODataRows.Text(row, "ВнутреннийНомер")?.Trim() is { Length: > 0 } number)
                {
                    personExtension.TryAdd(person, number);
                }
            }

            foreach (var (reference, manager) in managers)
            {
                if (manager.Person is { } person && personExtension.TryGetValue(person, out var number))
                {
                    extensions[reference] = number;
                }
            }
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY incoming_manager (ref, name, extension, deleted) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var (reference, manager) in managers)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reference, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(manager.Name), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await PostgresText.WriteAsync(writer, extensions.GetValueOrDefault(reference), cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(manager.Deleted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await Execute(
            connection,
            "INSERT INTO dirty SELECT o.party FROM agiident.sync_object o WHERE o.role = 'customer' AND o.manager IN (" +
            "SELECT ref FROM ((SELECT * FROM agiident.sync_manager EXCEPT SELECT * FROM incoming_manager) UNION ALL (SELECT * FROM incoming_manager EXCEPT SELECT * FROM agiident.sync_manager)) d); " +
            "DELETE FROM agiident.sync_manager; INSERT INTO agiident.sync_manager SELECT * FROM incoming_manager",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Register balances carry no version: read whole every run; customers whose debt changed are rebuilt.</summary>
    private async Task SyncDebtAsync(NpgsqlConnection connection, ODataClient client, CancellationToken cancellationToken)
    {
        if (_mapping.Debt is not { } debt)
        {
            return;
        }

        var currencies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (debt.Currency is not null)
        {
            await foreach (var row in client.ReadAllAsync(SyncMapping.Currencies, ["Ref_Key", "Code", "Description"], "Ref_Key", null, cancellationToken).ConfigureAwait(false))
            {
                if (ODataRows.Ref(row, "Ref_Key") is { } reference)
                {
                    currencies[reference] = ODataRows.Text(row, "Code")?.Trim() ?? string.Empty;
                }
            }
        }

        IReadOnlyList<string> fields = [debt.Customer, .. debt.CustomerType is { } type ? [type] : Array.Empty<string>(), debt.Amount, .. debt.Currency is { } currency ? [currency] : Array.Empty<string>()];
        await using (var writer = await connection.BeginBinaryImportAsync("COPY incoming_debt (party, currency, amount) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            // A customer has a row per currency (and per contract or account): ordered by every field, $skip paging stays stable.
            var order = string.Join(',', fields.Where(static f => !f.EndsWith("_Type", StringComparison.Ordinal)));
            await foreach (var row in client.ReadAllAsync(debt.Path, fields, order, null, cancellationToken).ConfigureAwait(false))
            {
                if (debt.CustomerType is { } typeField && ODataRows.Text(row, typeField) != "StandardODATA." + _mapping.Customers)
                {
                    continue;
                }

                if (ODataRows.Ref(row, debt.Customer) is not { } party || ODataRows.Amount(row, debt.Amount) is not { } amount)
                {
                    continue;
                }

                var code = debt.Currency is { } currencyField && ODataRows.Ref(row, currencyField) is { } currencyRef
                    ? currencies.GetValueOrDefault(currencyRef, currencyRef)
                    : string.Empty;
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(party, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(code), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(Math.Round(amount, 2, MidpointRounding.AwayFromZero), NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await Execute(
            connection,
            // Only the customers whose rows differ are rewritten: a run writes what changed, not the whole register.
            "CREATE TEMP TABLE debt_changed ON COMMIT DROP AS SELECT DISTINCT party FROM " +
            "((SELECT * FROM agiident.sync_debt EXCEPT ALL SELECT * FROM incoming_debt) UNION ALL (SELECT * FROM incoming_debt EXCEPT ALL SELECT * FROM agiident.sync_debt)) d; " +
            "INSERT INTO dirty SELECT party FROM debt_changed; " +
            "DELETE FROM agiident.sync_debt s USING debt_changed c WHERE s.party = c.party; " +
            "INSERT INTO agiident.sync_debt SELECT i.* FROM incoming_debt i JOIN debt_changed c ON c.party = i.party; " +
            "DROP TABLE debt_changed",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Computes the directory rows of the dirty customers (all on a full run) from the staged data and writes only
    /// what differs, so a snapshot reloads only the parties that really changed.
    /// </summary>
    private async Task<(int Changed, int Removed)> BuildDirectoryAsync(NpgsqlConnection connection, bool full, CancellationToken cancellationToken)
    {
        var scope = full ? "true" : "o.party IN (SELECT party FROM dirty)";
        var hasDebt = _mapping.Debt is not null;
        await using (var build = new NpgsqlCommand(
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
            connection))
        {
            build.Parameters.AddWithValue("currency", _currency);
            await build.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var inScope = full ? string.Empty : " AND p.id IN (SELECT party FROM dirty)";
        var removed = await Execute(connection, $"DELETE FROM agiident.party p WHERE NOT EXISTS (SELECT 1 FROM built_party b WHERE b.id = p.id){inScope}", cancellationToken).ConfigureAwait(false);
        const string Columns = "id, code, kind, name, short_name, flags, debt, manager_name, manager_ext, language, greeting, attributes, deleted, changed_at";
        const string PhoneRow = "party_id, position, raw, kind, contact, e164, suffix";
        var phoneScope = full ? string.Empty : " WHERE party_id IN (SELECT party FROM dirty)";
        await Execute(
            connection,
            "CREATE TEMP TABLE changed_party (id text) ON COMMIT DROP; " +
            $"WITH written AS (INSERT INTO agiident.party ({Columns}) SELECT {Columns} FROM built_party ON CONFLICT (id) DO UPDATE SET " +
            "code = EXCLUDED.code, kind = EXCLUDED.kind, name = EXCLUDED.name, short_name = EXCLUDED.short_name, flags = EXCLUDED.flags, debt = EXCLUDED.debt, " +
            "manager_name = EXCLUDED.manager_name, manager_ext = EXCLUDED.manager_ext, attributes = EXCLUDED.attributes, deleted = EXCLUDED.deleted, changed_at = EXCLUDED.changed_at " +
            "WHERE (agiident.party.code, agiident.party.kind, agiident.party.name, agiident.party.short_name, agiident.party.flags, agiident.party.debt, " +
            "agiident.party.manager_name, agiident.party.manager_ext, agiident.party.attributes, agiident.party.deleted, agiident.party.changed_at) IS DISTINCT FROM " +
            "(EXCLUDED.code, EXCLUDED.kind, EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.flags, EXCLUDED.debt, EXCLUDED.manager_name, EXCLUDED.manager_ext, " +
            "EXCLUDED.attributes, EXCLUDED.deleted, EXCLUDED.changed_at) RETURNING id) INSERT INTO changed_party SELECT id FROM written; " +
            $"CREATE TEMP TABLE phone_gone ON COMMIT DROP AS SELECT {PhoneRow} FROM agiident.phone{phoneScope} EXCEPT SELECT {PhoneRow} FROM built_phone; " +
            $"CREATE TEMP TABLE phone_new ON COMMIT DROP AS SELECT {PhoneRow} FROM built_phone EXCEPT SELECT {PhoneRow} FROM agiident.phone{phoneScope}; " +
            "DELETE FROM agiident.phone p USING phone_gone d WHERE p.party_id = d.party_id AND p.position = d.position AND p.suffix = d.suffix; " +
            $"INSERT INTO agiident.phone ({PhoneRow}) SELECT {PhoneRow} FROM phone_new",
            cancellationToken).ConfigureAwait(false);
        var changed = Convert.ToInt32(
            await Scalar(connection, "SELECT count(*) FROM (SELECT id FROM changed_party UNION SELECT party_id FROM phone_gone UNION SELECT party_id FROM phone_new) c", cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        return (changed, removed);
    }

    private StagedObject? ReadCustomer(JsonElement row)
    {
        if (Standard(row, _mapping.Customers) is not { } standard)
        {
            return null;
        }

        var (reference, version, deleted) = standard;

        var folder = _mapping.Hierarchical && ODataRows.Flag(row, "IsFolder");
        var name = ODataRows.Text(row, "Description")?.Trim() ?? string.Empty;
        var fullName = _mapping.FullName is { } field ? ODataRows.Text(row, field)?.Trim() : null;
        if (!folder && name.Length == 0 && string.IsNullOrEmpty(fullName))
        {
            Reject($"{_mapping.Customers} {reference}: no name (Description and {_mapping.FullName ?? "full name"} are empty); left out");
            _listedButRejected.Add(reference);
            return null;
        }

        var person = _mapping.Kind is { } kind && string.Equals(ODataRows.Text(row, kind), _mapping.PersonKind, StringComparison.Ordinal);
        var manager = _mapping.Manager is { } managerField ? ODataRows.Ref(row, managerField) : null;
        return new StagedObject(Customer, reference, version, reference, ODataRows.Text(row, "Code")?.Trim() ?? string.Empty, name, fullName, person, manager, deleted, folder);
    }

    private StagedObject? ReadOwned(JsonElement row, string role, string ownerField)
    {
        var set = role == Contact ? _mapping.Contacts! : _mapping.Entities!;
        if (Standard(row, set) is not { } standard)
        {
            return null;
        }

        var (reference, version, deleted) = standard;

        // Not (yet) linked to a customer: kept for its version, it adds no phones.
        var owner = ODataRows.Ref(row, ownerField) ?? string.Empty;
        return new StagedObject(role, reference, version, owner, string.Empty, ODataRows.Text(row, "Description")?.Trim() ?? string.Empty, null, false, null, deleted, false);
    }

    private (string Ref, string Version, bool Deleted)? Standard(JsonElement row, string set)
    {
        var reference = ODataRows.Ref(row, "Ref_Key");
        if (reference is null)
        {
            Reject($"{set}: a row without a valid Ref_Key; left out");
            return null;
        }

        return (reference, ODataRows.Text(row, "DataVersion") ?? string.Empty, ODataRows.Flag(row, "DeletionMark"));
    }

    private void Reject(string reason)
    {
        _rejected++;
        if (_rejectSamples.Count < RejectSampleLimit)
        {
            _rejectSamples.Add(reason);
        }
    }

    private static async Task<Dictionary<string, string>> NamesAsync(ODataClient client, string set, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in client.ReadAllAsync(set, ["Ref_Key", "Description"], "Ref_Key", null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                names[reference] = ODataRows.Text(row, "Description")?.Trim() ?? string.Empty;
            }
        }

        return names;
    }

    private static async Task CopyVersionsAsync(NpgsqlConnection connection, IAsyncEnumerable<JsonElement> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("COPY remote_version (ref, version) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reference, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(PostgresText.Clean(ODataRows.Text(row, "DataVersion") ?? string.Empty), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages the objects read in <c>incoming_object</c>; the ones rejected go on the list of what 1C holds (<c>remote_version</c>).</summary>
    private async Task CopyObjectsAsync(NpgsqlConnection connection, IAsyncEnumerable<JsonElement> rows, Func<JsonElement, StagedObject?> read, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY incoming_object ({ObjectColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (read(row) is not { } staged)
                {
                    continue;
                }

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

        // A reference asked for twice (listed and then confirmed) must be staged once. A rejected object is still in
        // 1C: what an earlier run staged of it stays, whether it was read whole, as changed, or found by reference.
        await using var settle = new NpgsqlCommand(
            "DELETE FROM incoming_object a USING incoming_object b WHERE a.ctid < b.ctid AND a.role = b.role AND a.ref = b.ref; " +
            "INSERT INTO remote_version SELECT r, NULL FROM unnest(@rejected) r",
            connection);
        settle.Parameters.AddWithValue("rejected", _listedButRejected.ToArray());
        await settle.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _listedButRejected.Clear();
    }

    private static async Task<List<string>> RefsAsync(NpgsqlConnection connection, string sql, string role, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("role", role);
        command.Parameters.AddWithValue("limit", ByReferenceLimit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var refs = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            refs.Add(reader.GetString(0));
        }

        return refs;
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One catalog object as staged in <c>agiident.sync_object</c>.</summary>
    private sealed record StagedObject(string Role, string Ref, string Version, string Party, string Code, string Name, string? FullName, bool Person, string? Manager, bool Deleted, bool Folder);
}
