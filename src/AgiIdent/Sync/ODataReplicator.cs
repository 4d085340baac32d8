using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgiIdent.Directory.Postgres;
using AgiIdent.Hosting;
using AgiIdent.Numbering;
using Npgsql;

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
/// One replication from 1C's standard OData interface into the canonical schema (docs/SYNC.md): checks the
/// infobase against the preset, reads what changed through <see cref="ODataClient"/>, makes of each row what the
/// preset means, and hands it to <see cref="SyncStaging"/>. Everything a run writes is one transaction: calls see the
/// previous directory until it commits, and a run that fails anywhere leaves nothing behind.
/// </summary>
internal sealed class ODataReplicator
{
    /// <summary>Where a phone row keeps its number, newest БСП generation first.</summary>
    private static readonly string[] StoredPhoneFields = ["Значение", "ЗначенияПолей", "Представление", "НомерТелефона"];

    private readonly SyncOptions _options;
    private readonly IReadOnlyList<SyncMapping> _editions;
    private readonly NumberingOptions _numbering;
    private readonly PhoneNumber _numbers;
    private readonly string _currency;
    private readonly NpgsqlDataSource _database;
    private readonly ODataClient _client;
    private readonly SyncFlags _flags;

    /// <summary>The edition of the preset this infobase has, chosen by its metadata at the start of the run.</summary>
    private SyncMapping _mapping;

    public ODataReplicator(SyncOptions options, NumberingOptions numbering, NpgsqlDataSource database, ODataClient client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(numbering);
        _options = options;
        _editions = SyncMapping.Editions(options);
        _mapping = _editions[0];
        _numbering = numbering;
        _numbers = new PhoneNumber(NumberingPlan.For(numbering.Country), numbering.AreaCode, numbering.MatchDigits);
        _currency = string.IsNullOrWhiteSpace(options.Currency) ? NationalCurrency(numbering.Country) : options.Currency.Trim();
        _database = database;
        _client = client;
        _flags = new SyncFlags(options.Flags);
    }

    /// <summary>What staged rows depend on: when any of it changes, the next run re-reads everything.</summary>
    private string Settings() => Fingerprint(JsonSerializer.Serialize(new
    {
        _mapping,
        flags = _flags.Fingerprint,
        _numbering.Country,
        _numbering.AreaCode,
        _numbering.MatchDigits,
        _currency,
    }));

    private static string Fingerprint(params IEnumerable<string> parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16];

    /// <summary>The currency 1C keeps debts in by default in each numbering country (ISO 4217 numeric code, as <c>Catalog_Валюты.Code</c>).</summary>
    public static string NationalCurrency(string country) => country switch
    {
        "RU" => "643",
        "KZ" => "398",
        "BY" => "933",
        "PL" => "985",
        _ => "980",
    };

    /// <summary>
    /// Reads the service document and <c>$metadata</c> and compares them with the preset: what <c>agiident sync
    /// --check</c> prints, and what a run does before reading anything else.
    /// </summary>
    public static async Task<InfobaseCheck> CheckAsync(SyncOptions options, ODataClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        var editions = SyncMapping.Editions(options);
        var flags = options.Flags.Count > 0;
        var metadata = await ReadMetadataAsync(client, editions.SelectMany(e => e.Needs(flags)).Select(static n => n.Set), cancellationToken).ConfigureAwait(false);
        return Choose(editions, metadata, options.OData.Url!, flags).Check;
    }

    /// <summary>The first edition whose sets and fields the infobase has; when none fits, the closest one, to report.</summary>
    public static (SyncMapping Mapping, InfobaseCheck Check) Choose(IReadOnlyList<SyncMapping> editions, ODataMetadata metadata, string url, bool flags)
    {
        ArgumentNullException.ThrowIfNull(editions);
        var checks = editions.Select(e => (Mapping: e, Check: InfobaseCheck.Compare(e.Name, url, e.Needs(flags), metadata))).ToList();
        return checks.FirstOrDefault(static c => c.Check.Fits) is { Mapping: not null } fits
            ? fits
            : checks.MinBy(static c => c.Check.MissingSets.Count + c.Check.MissingFields.Count);
    }

    /// <summary>The service document (unless <paramref name="published"/> is what it listed), then the properties of <paramref name="sets"/> that it lists.</summary>
    public static async Task<ODataMetadata> ReadMetadataAsync(ODataClient client, IEnumerable<string> sets, CancellationToken cancellationToken, IReadOnlyList<string>? published = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        published ??= await client.ReadServiceDocumentAsync(cancellationToken).ConfigureAwait(false);
        var listed = new HashSet<string>(published, StringComparer.Ordinal);
        var wanted = new HashSet<string>(sets.Where(s => listed.Contains(ODataMetadata.PublishedName(s))), StringComparer.Ordinal);
        var fields = wanted.Count == 0 ? [] : await client.ReadMetadataAsync(wanted, cancellationToken).ConfigureAwait(false);
        return new ODataMetadata(published, fields);
    }

    /// <summary>Runs one sync; <paramref name="forceFull"/> re-reads every object even when an incremental run would do.</summary>
    public async Task<SyncResult> RunAsync(bool forceFull, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var requests = _client.Requests;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version < SchemaMigrator.LatestVersion)
        {
            throw new SyncException($"The database schema agiident is at version {version}, the sync needs {SchemaMigrator.LatestVersion}: run 'agiident db migrate' first.");
        }

        try
        {
            var run = await RunInTransactionAsync(new SyncStaging(connection), forceFull, cancellationToken).ConfigureAwait(false);
            var (parties, phones) = run.Directory;
            return new SyncResult(run.Full, parties, phones, run.Changed, run.Removed, run.Rejected, [.. run.RejectSamples], _client.Requests - requests, clock.Elapsed);
        }
        catch (Exception e) when (e is not SyncSkippedException && connection.State == System.Data.ConnectionState.Open)
        {
            // Recorded once, here, after the rollback; the caller logs and counts it. Failing to record must not
            // hide the failure itself, which is what the admin needs to see.
            try
            {
                await SyncStaging.RecordFailureAsync(connection, e is OperationCanceledException ? "interrupted" : e.Message).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
            }

            throw;
        }
    }

    private async Task<SyncRunState> RunInTransactionAsync(SyncStaging staging, bool forceFull, CancellationToken cancellationToken)
    {
        await using var transaction = await staging.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await staging.TryLockAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new SyncSkippedException("another sync is writing to this database (agiident sync or a daemon's background sync)");
        }

        var (stagedSettings, lastFull, cachedMetadata) = await staging.ReadStateAsync(cancellationToken).ConfigureAwait(false);
        var due = forceFull || stagedSettings is null || lastFull is null || DateTime.UtcNow - lastFull.Value >= TimeSpan.FromHours(_options.FullEveryHours);

        // The service document on every run (cheap, and a wrong URL shows as one); $metadata, megabytes for УТ, only
        // on full runs, when the published sets changed, or after a failed run.
        var published = await _client.ReadServiceDocumentAsync(cancellationToken).ConfigureAwait(false);
        var needed = _editions.SelectMany(e => e.Needs(_flags.Any)).Select(static n => n.Set).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Read for this root and these sets: another infobase, a preset or flags that need other sets read it again.
        var metadataKey = Fingerprint([_options.OData.Url!, .. needed]);
        var metadata = ODataMetadata.FromJson(cachedMetadata, metadataKey) is { } cached && !due && cached.Published.SetEquals(published)
            ? cached
            : await ReadMetadataAsync(_client, needed, cancellationToken, published).ConfigureAwait(false);
        (_mapping, var check) = Choose(_editions, metadata, _options.OData.Url!, _flags.Any);
        if (!check.Fits)
        {
            throw new SyncException(check.Summary());
        }

        var run = new SyncRunState(staging, check);
        // Flags are staged resolved: a property or value renamed in 1C changes what they mean, as a settings change
        // does; so do the fields this infobase's version lets a run read.
        var meaning = new List<string> { Settings() };
        meaning.AddRange(check.Sets.Order(StringComparer.Ordinal).Select(s => s + ":" + string.Join(',', check.Select(s)!)));
        if (_flags.Any)
        {
            await _flags.ReadNamesAsync(_client, check, cancellationToken).ConfigureAwait(false);
            meaning.AddRange(_flags.Meaning());
        }

        var settings = Fingerprint(meaning);
        var sameSettings = stagedSettings == settings;
        run.Full = due || !sameSettings;
        // After a settings change (another preset, another catalog) objects leave by design: no guard for that run.
        run.GuardRemovals = sameSettings && _options.MaxRemovedPercent < 100;

        await staging.CreateRunTablesAsync(cancellationToken).ConfigureAwait(false);
        if (run.Full)
        {
            await staging.ForgetUnmappedAsync(_mapping, _flags.Any, cancellationToken).ConfigureAwait(false);
        }

        var links = _mapping.Links is { } linkRegister ? await ReadContactLinksAsync(run, linkRegister, cancellationToken).ConfigureAwait(false) : null;
        await SyncObjectsAsync(run, SyncStaging.Customer, _mapping.Customers, row => ReadCustomer(run, row), cancellationToken).ConfigureAwait(false);
        if (_mapping.Entities is { } entities)
        {
            await SyncObjectsAsync(run, SyncStaging.Entity, entities, row => ReadOwned(run, row, SyncStaging.Entity, entities, _mapping.EntityCustomer, null, null), cancellationToken).ConfigureAwait(false);
        }

        if (_mapping.Contacts is { } contacts)
        {
            await SyncObjectsAsync(run, SyncStaging.Contact, contacts, row => ReadOwned(run, row, SyncStaging.Contact, contacts, _mapping.ContactOwner, _mapping.ContactOwnerType, links), cancellationToken).ConfigureAwait(false);
            if (links is not null)
            {
                await staging.ApplyContactLinksAsync(links, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_mapping.PhoneRegister is { } phoneRegister)
        {
            await SyncRegisterPhonesAsync(run, phoneRegister, cancellationToken).ConfigureAwait(false);
        }

        await SyncManagersAsync(run, cancellationToken).ConfigureAwait(false);
        await SyncDebtAsync(run, cancellationToken).ConfigureAwait(false);
        await SyncRegisterFlagsAsync(run, cancellationToken).ConfigureAwait(false);
        (run.Changed, run.Removed) = await staging.BuildDirectoryAsync(run.Full, _mapping.Debt is not null, _currency, cancellationToken).ConfigureAwait(false);
        run.Directory = await staging.CountDirectoryAsync(cancellationToken).ConfigureAwait(false);
        await staging.RecordSuccessAsync(settings, metadata.ToJson(metadataKey), run.Full, run.Directory.Parties, run.Directory.Phones, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>
    /// Brings the staged objects of one catalog up to date: reads what changed (or everything on a full run), asks
    /// once more for objects that seem gone, re-reads the tabular sections of what changed, and marks the customers
    /// concerned dirty.
    /// </summary>
    private async Task SyncObjectsAsync(SyncRunState run, string role, string set, Func<JsonElement, StagedObject?> read, CancellationToken cancellationToken)
    {
        var staging = run.Staging;
        var fields = run.Check.Select(set)!;
        await staging.StartSetAsync(cancellationToken).ConfigureAwait(false);
        var readAll = run.Full;
        List<string> changed = [];
        if (!run.Full)
        {
            await staging.CopyVersionsAsync(Versions(_client.ReadAllAsync(set, ["Ref_Key", "DataVersion"], "Ref_Key", null, cancellationToken)), cancellationToken).ConfigureAwait(false);
            changed = await staging.ChangedAsync(role, cancellationToken).ConfigureAwait(false);
            readAll = changed.Count > SyncStaging.ByReferenceLimit;
        }

        if (readAll)
        {
            await staging.ListReadAsWholeAsync(
                token => staging.CopyObjectsAsync(Staged(_client.ReadAllAsync(set, fields, "Ref_Key", null, token), read), run.ListedButRejected, token),
                cancellationToken).ConfigureAwait(false);
        }
        else if (changed.Count > 0)
        {
            await staging.CopyObjectsAsync(Staged(_client.ReadByRefsAsync(set, fields, "Ref_Key", "Ref_Key", changed, cancellationToken), read), run.ListedButRejected, cancellationToken).ConfigureAwait(false);
        }

        // Gone from the list, or only shifted out of a $skip page while 1C deleted something? Ask by reference.
        var missing = await staging.MissingAsync(role, cancellationToken).ConfigureAwait(false);
        if (missing.Count is > 0 and <= SyncStaging.ByReferenceLimit)
        {
            await staging.CopyObjectsAsync(Staged(_client.ReadByRefsAsync(set, fields, "Ref_Key", "Ref_Key", missing, cancellationToken), read), run.ListedButRejected, cancellationToken).ConfigureAwait(false);
        }

        await staging.FindVanishedAsync(role, cancellationToken).ConfigureAwait(false);
        if (run.GuardRemovals)
        {
            await GuardMassRemovalAsync(staging, role, set, cancellationToken).ConfigureAwait(false);
        }

        var touched = await staging.ApplyObjectsAsync(role, readAll, cancellationToken).ConfigureAwait(false);
        var allRows = readAll || touched.Count > SyncStaging.ByReferenceLimit;
        if (_mapping.PhoneRegister is null)
        {
            await SyncPhonesAsync(run, role, set, allRows ? null : touched, cancellationToken).ConfigureAwait(false);
        }

        if (role == SyncStaging.Customer && _flags.Any)
        {
            await SyncAttributeFlagsAsync(run, set, allRows ? null : touched, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops a run that would remove more of the objects of <paramref name="role"/> than <c>AgiIdent:Sync:MaxRemovedPercent</c> allows; folders do not count.</summary>
    private async Task GuardMassRemovalAsync(SyncStaging staging, string role, string set, CancellationToken cancellationToken)
    {
        var (vanished, staged) = await staging.CountRemovalAsync(role, cancellationToken).ConfigureAwait(false);
        if (vanished > SyncOptions.MassRemovalFloor && vanished * 100 > staged * _options.MaxRemovedPercent)
        {
            var what = role switch
            {
                SyncStaging.Customer => "customers",
                SyncStaging.Contact => "contact persons",
                _ => "counterparties",
            };
            var share = Math.Ceiling(vanished * 100.0 / staged).ToString(CultureInfo.InvariantCulture);
            throw new SyncException(
                $"1C lists {staged - vanished} of the {staged} {what} in {set} that the directory holds; removing {vanished} ({share}%) is more than " +
                $"AgiIdent:Sync:MaxRemovedPercent ({_options.MaxRemovedPercent}%) allows, so nothing was changed. Check that the 1C user '{_options.OData.User}' still has the right " +
                $"to read all of {set} and that AgiIdent:Sync:OData:Url is the right infobase. If they really were deleted in 1C, run once with AgiIdent__Sync__MaxRemovedPercent=100.");
        }
    }

    /// <summary>Re-reads the phone rows of <paramref name="refs"/> (all when null); unreadable numbers are reported with their customer's code and name.</summary>
    private async Task SyncPhonesAsync(SyncRunState run, string role, string owner, List<string>? refs, CancellationToken cancellationToken)
    {
        if (refs is { Count: 0 })
        {
            return;
        }

        var set = owner + SyncMapping.ContactInformationSuffix;
        var fields = run.Check.Select(set)!;
        await run.Staging.ClearPhonesAsync(role, refs, cancellationToken).ConfigureAwait(false);
        var rows = refs is null
            ? _client.ReadAllAsync(set, fields, "Ref_Key,LineNumber", null, cancellationToken)
            : _client.ReadByRefsAsync(set, fields, "Ref_Key", "Ref_Key,LineNumber", refs, cancellationToken);
        var problems = new List<PhoneProblem>();
        await run.Staging.CopyPhonesAsync(Phones(rows, role, problems), cancellationToken).ConfigureAwait(false);
        await ReportAsync(run, set, problems, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports unreadable numbers with their customer's code and name, which an admin can find in 1C.</summary>
    private static async Task ReportAsync(SyncRunState run, string set, List<PhoneProblem> problems, CancellationToken cancellationToken)
    {
        foreach (var byRole in problems.GroupBy(static p => p.Role))
        {
            var customers = await run.Staging.CustomersOfAsync(byRole.Key, [.. byRole.Select(static p => p.Ref).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
            foreach (var (_, reference, line, problem) in byRole)
            {
                var whose = customers.TryGetValue(reference, out var customer) && (customer.Code.Length > 0 || customer.Name.Length > 0)
                    ? $"customer {customer.Code} «{customer.Name}», "
                    : string.Empty;
                run.Reject($"{set} {whose}{reference} line {line.ToString(CultureInfo.InvariantCulture)}: {problem}");
            }
        }
    }

    /// <summary>
    /// Бухгалтерия для Казахстана: the phones of customers and contact persons from the contact-information register,
    /// read whole every run (a register carries no versions) and compared with what is staged.
    /// </summary>
    private async Task SyncRegisterPhonesAsync(SyncRunState run, string register, CancellationToken cancellationToken)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal) { ["StandardODATA." + _mapping.Customers] = SyncStaging.Customer };
        if (_mapping.Contacts is { } contacts)
        {
            roles["StandardODATA." + contacts] = SyncStaging.Contact;
        }

        var problems = new List<PhoneProblem>();
        var rows = _client.ReadAllAsync(register, run.Check.Select(register)!, "Объект,Тип,Вид", null, cancellationToken);
        await run.Staging.ReplaceRegisterPhonesAsync(RegisterPhones(rows, roles, problems), cancellationToken).ConfigureAwait(false);
        await ReportAsync(run, register, problems, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<StagedPhone> RegisterPhones(IAsyncEnumerable<JsonElement> rows, Dictionary<string, string> roles, List<PhoneProblem> problems)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (!roles.TryGetValue(ODataRows.Text(row, "Объект_Type") ?? string.Empty, out var role) || ODataRows.Ref(row, "Объект") is not { } reference ||
                Kind(row) is not { } kind)
            {
                continue;
            }

            // The register has no line numbers: rows of an object come ordered by type and kind, and are counted.
            var line = lines[reference] = lines.GetValueOrDefault(reference) + 1;
            var presentation = ODataRows.Text(row, "Представление")?.Trim() ?? string.Empty;
            var parsed = _numbers.ParseStored(presentation);
            if (parsed.Numbers.Count == 0 && RegisterParts(row) is { } parts)
            {
                parsed = _numbers.ParseStored(parts);
            }

            foreach (var staged in Staged(parsed, role, reference, line, kind, presentation, problems))
            {
                yield return staged;
            }
        }
    }

    /// <summary>A phone of the register from its parts (<c>Поле1</c> country code, <c>Поле2</c> city code, <c>Поле3</c> number, <c>Поле4</c> extension).</summary>
    private static string? RegisterParts(JsonElement row)
    {
        var number = ODataRows.Text(row, "Поле3")?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }

        var country = ODataRows.Text(row, "Поле1")?.Trim() ?? string.Empty;
        var city = ODataRows.Text(row, "Поле2")?.Trim() ?? string.Empty;
        var extension = ODataRows.Text(row, "Поле4")?.Trim() ?? string.Empty;
        var text = new StringBuilder();
        if (country.Length > 0)
        {
            text.Append(country.StartsWith('+') ? country : "+" + country).Append(' ');
        }

        if (city.Length > 0)
        {
            text.Append('(').Append(city).Append(") ");
        }

        text.Append(number);
        if (extension.Length > 0)
        {
            text.Append(", доб. ").Append(extension);
        }

        return text.ToString();
    }

    /// <summary>The numbers of phone rows; the problems of the rows that are phones (not <c>Другое</c>) are collected.</summary>
    private async IAsyncEnumerable<StagedPhone> Phones(IAsyncEnumerable<JsonElement> rows, string role, List<PhoneProblem> problems)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is not { } reference || Kind(row) is not { } kind || ParsePhoneRow(row) is not { } parsed)
            {
                continue;
            }

            var line = ODataRows.Amount(row, "LineNumber") is { } lineNumber and >= 0 and <= int.MaxValue ? (int)lineNumber : 0;
            var raw = ODataRows.Text(row, "Представление") is { Length: > 0 } presentation ? presentation : ODataRows.Text(row, "НомерТелефона") ?? string.Empty;
            foreach (var staged in Staged(parsed, role, reference, line, kind, raw, problems))
            {
                yield return staged;
            }
        }
    }

    /// <summary>The kind of a contact-information row the directory keeps; null for addresses, emails and the rest.</summary>
    private static string? Kind(JsonElement row) => ODataRows.Text(row, "Тип") switch
    {
        "Телефон" => "phone",
        "Факс" => "fax",
        "Другое" => "other",
        _ => null,
    };

    /// <summary>The distinct numbers of one parsed row; its problems are collected unless it is <c>Другое</c> (free text, no phone by intent).</summary>
    private static IEnumerable<StagedPhone> Staged(StoredPhone parsed, string role, string reference, int line, string kind, string raw, List<PhoneProblem> problems)
    {
        if (kind != "other")
        {
            problems.AddRange(parsed.Problems.Select(p => new PhoneProblem(role, reference, line, p)));
        }

        return parsed.Numbers.DistinctBy(static n => n.Suffix).Select(n => new StagedPhone(role, reference, line, raw, kind, n.E164, n.Suffix));
    }

    /// <summary>
    /// The numbers of one phone row: the first stored form (newest БСП generation first) that gives any. A JSON
    /// value without a number (under <c>Другое</c>, <c>Viber: +380…</c> is only in the presentation) falls through
    /// to the next; when none gives a number, the first one's problems are the row's.
    /// </summary>
    private StoredPhone? ParsePhoneRow(JsonElement row)
    {
        StoredPhone? first = null;
        foreach (var field in StoredPhoneFields)
        {
            if (ODataRows.Text(row, field) is not { } text || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var parsed = _numbers.ParseStored(text);
            if (parsed.Numbers.Count > 0)
            {
                return parsed;
            }

            first ??= parsed;
        }

        return first;
    }

    private async Task SyncAttributeFlagsAsync(SyncRunState run, string owner, List<string>? refs, CancellationToken cancellationToken)
    {
        if (refs is { Count: 0 })
        {
            return;
        }

        var set = owner + SyncMapping.AttributesSuffix;
        await run.Staging.ClearAttributeFlagsAsync(refs, cancellationToken).ConfigureAwait(false);
        var rows = refs is null
            ? _client.ReadAllAsync(set, SyncMapping.AttributeFields, "Ref_Key,LineNumber", null, cancellationToken)
            : _client.ReadByRefsAsync(set, SyncMapping.AttributeFields, "Ref_Key", "Ref_Key,LineNumber", refs, cancellationToken);
        await run.Staging.CopyFlagsAsync("agiident.sync_flag", "attribute", _flags.Resolve(rows, "Ref_Key", null), cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncRegisterFlagsAsync(SyncRunState run, CancellationToken cancellationToken)
    {
        if (!_flags.Any)
        {
            return;
        }

        // Not published (it is optional): no register flags, and those staged before go.
        if (run.Check.Select(SyncMapping.AdditionalInformation) is { } fields)
        {
            var rows = _client.ReadAllAsync(SyncMapping.AdditionalInformation, fields, "Объект,Свойство_Key", null, cancellationToken);
            await run.Staging.CopyFlagsAsync("incoming_flag", "register", _flags.Resolve(rows, "Объект", "StandardODATA." + _mapping.Customers), cancellationToken).ConfigureAwait(false);
        }

        await run.Staging.ReplaceRegisterFlagsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Managers are few: read whole every run; customers whose manager changed are rebuilt.</summary>
    private async Task SyncManagersAsync(SyncRunState run, CancellationToken cancellationToken)
    {
        if (_mapping.Managers is not { } set)
        {
            return;
        }

        var check = run.Check;
        var managers = new Dictionary<string, (string Name, bool Deleted, string? Person)>(StringComparer.Ordinal);
        await foreach (var row in _client.ReadAllAsync(set, check.Select(set)!, "Ref_Key", null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                // A user who left (Недействителен) gets no calls, as a deleted one.
                var gone = ODataRows.Flag(row, "DeletionMark") || ODataRows.Flag(row, SyncMapping.InvalidUser);
                managers[reference] = (ODataRows.Text(row, "Description") ?? string.Empty, gone, ODataRows.Ref(row, "ФизическоеЛицо_Key"));
            }
        }

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_mapping.Extensions == ExtensionSource.ContactInformation)
        {
            var phones = set + SyncMapping.ContactInformationSuffix;
            await foreach (var row in _client.ReadAllAsync(phones, check.Select(phones)!, "Ref_Key,LineNumber", null, cancellationToken).ConfigureAwait(false))
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
            await foreach (var row in _client.ReadAllAsync(SyncMapping.Users, check.Select(SyncMapping.Users)!, "Ref_Key", null, cancellationToken).ConfigureAwait(false))
            {
                if (ODataRows.Ref(row, "Ref_Key") is { } user && ODataRows.Ref(row, "ФизическоеЛицо_Key") is { } person && !ODataRows.Flag(row, SyncMapping.InvalidUser))
                {
                    userPerson[user] = person;
                }
            }

            var personExtension = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var row in _client.ReadAllAsync(SyncMapping.TelephonySettings, check.Select(SyncMapping.TelephonySettings)!, "Пользователь_Key", null, cancellationToken).ConfigureAwait(false))
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

        await run.Staging.ReplaceManagersAsync(managers.Select(m => (m.Key, m.Value.Name, extensions.GetValueOrDefault(m.Key), m.Value.Deleted)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Register balances carry no version: read whole every run; customers whose debt changed are rebuilt.</summary>
    private async Task SyncDebtAsync(SyncRunState run, CancellationToken cancellationToken)
    {
        if (_mapping.Debt is not { } debt)
        {
            return;
        }

        var currencies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (debt.Currency is not null)
        {
            await foreach (var row in _client.ReadAllAsync(SyncMapping.Currencies, ["Ref_Key", "Code", "Description"], "Ref_Key", null, cancellationToken).ConfigureAwait(false))
            {
                if (ODataRows.Ref(row, "Ref_Key") is { } reference)
                {
                    currencies[reference] = ODataRows.Text(row, "Code")?.Trim() ?? string.Empty;
                }
            }
        }

        // A customer has a row per currency, organization, contract or settlement object: ordered by every dimension
        // of the balance (what $metadata lists besides resources and type fields), $skip paging stays stable even
        // though only some of them are read.
        var fields = _mapping.DebtFields;
        var dimensions = run.Check.Dimensions(debt.Table) is { Count: > 0 } described ? described : [.. fields.Where(ODataMetadata.IsDimension)];
        var rows = _client.ReadAllAsync(debt.Path, fields, string.Join(',', dimensions), null, cancellationToken);
        await run.Staging.CopyDebtAsync(Debts(rows, debt, currencies), cancellationToken).ConfigureAwait(false);
        if (debt.KeyCatalog is { } keys)
        {
            await SyncKeysAsync(run, keys, debt.KeyCustomer!, cancellationToken).ConfigureAwait(false);
        }

        await run.Staging.ReplaceDebtAsync(debt.KeyCatalog is not null, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<(string, string, decimal)> Debts(IAsyncEnumerable<JsonElement> rows, DebtSource debt, Dictionary<string, string> currencies)
    {
        await foreach (var row in rows.ConfigureAwait(false))
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
            yield return (party, code, amount);
        }
    }

    /// <summary>
    /// УТ's debt rows name analytics keys: a full run reads the key catalog whole, an incremental one asks only for
    /// the keys it has not seen (a key, once written, keeps its partner).
    /// </summary>
    private async Task SyncKeysAsync(SyncRunState run, string keys, string customer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> fields = ["Ref_Key", customer];
        if (run.Full)
        {
            await run.Staging.StoreKeysAsync(Keys(_client.ReadAllAsync(keys, fields, "Ref_Key", null, cancellationToken), customer), replace: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        var unknown = await run.Staging.UnknownKeysAsync(cancellationToken).ConfigureAwait(false);
        if (unknown.Count > 0)
        {
            var rows = unknown.Count > SyncStaging.ByReferenceLimit
                ? _client.ReadAllAsync(keys, fields, "Ref_Key", null, cancellationToken)
                : _client.ReadByRefsAsync(keys, fields, "Ref_Key", "Ref_Key", unknown, cancellationToken);
            await run.Staging.StoreKeysAsync(Keys(rows, customer), replace: unknown.Count > SyncStaging.ByReferenceLimit, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<(string, string)> Keys(IAsyncEnumerable<JsonElement> rows, string customer)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            // A key with no partner is kept as nobody's: asked for once, not on every run.
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                yield return (reference, ODataRows.Ref(row, customer) ?? string.Empty);
            }
        }
    }

    /// <summary>
    /// УНФ's links of contact persons to counterparties: the latest record of each pair counts, and a pair whose
    /// latest record says <c>СвязьНедействительна</c> is no link. A contact linked to several counterparties belongs
    /// to the first of them (by reference), as the directory has one customer per contact.
    /// </summary>
    private async Task<Dictionary<string, string>> ReadContactLinksAsync(SyncRunState run, ContactLinks links, CancellationToken cancellationToken)
    {
        var select = run.Check.Select(links.Register)!;
        var hasPeriod = select.Contains(links.Period, StringComparer.Ordinal);
        var latest = new Dictionary<(string Contact, string Customer), (string Period, bool Valid)>();
        var order = hasPeriod ? $"{links.Customer},{links.Contact},{links.Period}" : $"{links.Customer},{links.Contact}";
        await foreach (var row in _client.ReadAllAsync(links.Register, select, order, null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, links.Contact) is not { } contact || ODataRows.Ref(row, links.Customer) is not { } customer)
            {
                continue;
            }

            var period = hasPeriod ? ODataRows.Text(row, links.Period) ?? string.Empty : string.Empty;
            // ISO 8601 periods compare as text.
            if (!latest.TryGetValue((contact, customer), out var seen) || string.CompareOrdinal(period, seen.Period) >= 0)
            {
                latest[(contact, customer)] = (period, !ODataRows.Flag(row, links.Invalid));
            }
        }

        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ((contact, customer), (_, valid)) in latest.OrderBy(static l => l.Key.Customer, StringComparer.Ordinal))
        {
            if (valid)
            {
                owners.TryAdd(contact, customer);
            }
        }

        return owners;
    }

    private StagedObject? ReadCustomer(SyncRunState run, JsonElement row)
    {
        if (Standard(run, row, _mapping.Customers) is not { } standard)
        {
            return null;
        }

        var (reference, version, deleted) = standard;

        // Folders and predefined items (УТ's НашеПредприятие, НеизвестныйПартнер, РозничныйПокупатель) are no customers.
        var folder = (_mapping.Hierarchical && ODataRows.Flag(row, "IsFolder")) || ODataRows.Flag(row, "Predefined");
        var name = ODataRows.Text(row, "Description")?.Trim() ?? string.Empty;
        var fullName = _mapping.FullName is { } field ? ODataRows.Text(row, field)?.Trim() : null;
        if (!folder && name.Length == 0 && string.IsNullOrEmpty(fullName))
        {
            run.Reject($"{_mapping.Customers} {reference}: no name (Description and {_mapping.FullName ?? "full name"} are empty); left out");
            run.ListedButRejected.Add(reference);
            return null;
        }

        var person = _mapping.Kind is { } kind && string.Equals(ODataRows.Text(row, kind), _mapping.PersonKind, StringComparison.Ordinal);
        var manager = _mapping.Manager is { } managerField ? ODataRows.Ref(row, managerField) : null;
        return new StagedObject(SyncStaging.Customer, reference, version, reference, ODataRows.Text(row, "Code")?.Trim() ?? string.Empty, name, fullName, person, manager, deleted, folder);
    }

    /// <summary>
    /// A contact person or legal entity. Its customer is the owner field (only when <paramref name="ownerType"/>,
    /// if given, is the owner's type: БП's contacts of users are nobody's), or the link register's (УНФ).
    /// </summary>
    private static StagedObject? ReadOwned(SyncRunState run, JsonElement row, string role, string set, string? ownerField, string? ownerType, IReadOnlyDictionary<string, string>? links)
    {
        if (Standard(run, row, set) is not { } standard)
        {
            return null;
        }

        var (reference, version, deleted) = standard;

        // Not (yet) linked to a customer: kept for its version, it adds no phones.
        var owner = links is not null
            ? links.GetValueOrDefault(reference)
            : ownerField is not null && (ownerType is null || ODataRows.Text(row, ownerField + "_Type") == ownerType) ? ODataRows.Ref(row, ownerField) : null;
        // УНФ's contact person who is no longer one (Недействителен) goes the way of a deleted one; its folders are kept
        // for their version only.
        return new StagedObject(
            role, reference, version, owner ?? string.Empty, string.Empty, ODataRows.Text(row, "Description")?.Trim() ?? string.Empty, null, false, null,
            deleted || ODataRows.Flag(row, SyncMapping.InvalidUser), ODataRows.Flag(row, "IsFolder"));
    }

    private static (string Ref, string Version, bool Deleted)? Standard(SyncRunState run, JsonElement row, string set)
    {
        var reference = ODataRows.Ref(row, "Ref_Key");
        if (reference is null)
        {
            run.Reject($"{set}: a row without a valid Ref_Key; left out");
            return null;
        }

        return (reference, ODataRows.Text(row, "DataVersion") ?? string.Empty, ODataRows.Flag(row, "DeletionMark"));
    }

    private static async IAsyncEnumerable<(string, string)> Versions(IAsyncEnumerable<JsonElement> rows)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                yield return (reference, ODataRows.Text(row, "DataVersion") ?? string.Empty);
            }
        }
    }

    private static async IAsyncEnumerable<StagedObject> Staged(IAsyncEnumerable<JsonElement> rows, Func<JsonElement, StagedObject?> read)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (read(row) is { } staged)
            {
                yield return staged;
            }
        }
    }
}

/// <summary>A stored number that could not be read, and where it is.</summary>
internal sealed record PhoneProblem(string Role, string Ref, int Line, string Problem);

/// <summary>What one run knows and has found so far: the infobase check, whether it reads everything, what it rejected.</summary>
internal sealed class SyncRunState(SyncStaging staging, InfobaseCheck check)
{
    private const int RejectSampleLimit = 50;

    public SyncStaging Staging { get; } = staging;

    public InfobaseCheck Check { get; } = check;

    /// <summary>Whether every object of every set is read.</summary>
    public bool Full { get; set; }

    /// <summary>Whether the mass-removal guard applies (not after a settings change).</summary>
    public bool GuardRemovals { get; set; }

    /// <summary>Objects read but rejected since the last copy: still in 1C, so not vanished.</summary>
    public List<string> ListedButRejected { get; } = [];

    public int Rejected { get; private set; }

    public List<string> RejectSamples { get; } = [];

    public int Changed { get; set; }

    public int Removed { get; set; }

    public (int Parties, int Phones) Directory { get; set; }

    /// <summary>Counts a row or phone left out, keeping the first reasons for the log.</summary>
    public void Reject(string reason)
    {
        Rejected++;
        if (RejectSamples.Count < RejectSampleLimit)
        {
            RejectSamples.Add(reason);
        }
    }
}
