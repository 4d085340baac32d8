using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Npgsql;

namespace AgiIdent.Sync;

/// <summary>
/// One replication from 1C's standard OData interface into the canonical schema (docs/SYNC.md): checks the
/// infobase against the preset, reads what changed through <see cref="ODataClient"/>, makes of each row what the
/// preset means, and hands it to <see cref="SyncStaging"/>. What only some configurations have is read by its own
/// type: <see cref="AnalyticsKeyReader"/> (УТ's debt keys), <see cref="ContactLinkReader"/> and
/// <see cref="TelephonyExtensionReader"/> (УНФ), <see cref="RegisterPhoneReader"/> (Бухгалтерия для Казахстана); what a
/// run has found out is in its <see cref="SyncRunState"/>. Everything a run writes is one transaction: calls see the
/// previous directory until it commits, and a run that fails anywhere leaves nothing behind.
/// </summary>
internal sealed class ODataReplicator
{
    private readonly SyncOptions _options;
    private readonly IReadOnlyList<SyncMapping> _editions;
    private readonly NumberingOptions _numbering;
    private readonly PhoneRows _phones;
    private readonly string _currency;
    private readonly NpgsqlDataSource _database;
    private readonly ODataClient _client;
    private readonly SyncFlags _flags;

    public ODataReplicator(SyncOptions options, NumberingOptions numbering, NpgsqlDataSource database, ODataClient client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(numbering);
        _options = options;
        _editions = SyncMapping.Editions(options);
        _numbering = numbering;
        _phones = new PhoneRows(numbering.CreateParser());
        _currency = string.IsNullOrWhiteSpace(options.Currency) ? NationalCurrency(numbering.Country) : options.Currency.Trim();
        _database = database;
        _client = client;
        _flags = new SyncFlags(options.Flags);
    }

    /// <summary>What staged rows depend on: when any of it changes, the next run re-reads everything.</summary>
    private string Settings(SyncMapping mapping) => Fingerprint(JsonSerializer.Serialize(new
    {
        // Named as before the run state held the edition: the fingerprint of unchanged settings stays the same.
        _mapping = mapping,
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
        var (mapping, check) = Choose(_editions, metadata, _options.OData.Url!, _flags.Any);
        if (!check.Fits)
        {
            throw new SyncException(check.Summary());
        }

        var run = new SyncRunState(staging, check, mapping);
        // Flags are staged resolved: a property or value renamed in 1C changes what they mean, as a settings change
        // does; so do the fields this infobase's version lets a run read.
        var meaning = new List<string> { Settings(mapping) };
        meaning.AddRange(check.Sets.Order(StringComparer.Ordinal).Select(s => s + ":" + string.Join(',', check.Select(s)!)));
        if (_flags.Any)
        {
            run.FlagNames = await _flags.ReadNamesAsync(_client, check, cancellationToken).ConfigureAwait(false);
            meaning.AddRange(run.FlagNames.Meaning());
        }

        var settings = Fingerprint(meaning);
        var sameSettings = stagedSettings == settings;
        run.Full = due || !sameSettings;
        // After a settings change (another preset, another catalog) objects leave by design: no guard for that run.
        run.GuardRemovals = sameSettings && _options.MaxRemovedPercent < 100;

        await staging.CreateRunTablesAsync(cancellationToken).ConfigureAwait(false);
        if (run.Full)
        {
            await staging.ForgetUnmappedAsync(mapping, _flags.Any, cancellationToken).ConfigureAwait(false);
        }

        var links = mapping.Links is { } linkRegister ? await ContactLinkReader.ReadAsync(_client, check, linkRegister, cancellationToken).ConfigureAwait(false) : null;
        await SyncObjectsAsync(run, SyncStaging.Customer, mapping.Customers, row => ReadCustomer(run, row), cancellationToken).ConfigureAwait(false);
        if (mapping.Entities is { } entities)
        {
            await SyncObjectsAsync(run, SyncStaging.Entity, entities, row => ReadOwned(run, row, SyncStaging.Entity, entities, mapping.EntityCustomer, null, null), cancellationToken).ConfigureAwait(false);
        }

        if (mapping.Contacts is { } contacts)
        {
            await SyncObjectsAsync(run, SyncStaging.Contact, contacts, row => ReadOwned(run, row, SyncStaging.Contact, contacts, mapping.ContactOwner, mapping.ContactOwnerType, links), cancellationToken).ConfigureAwait(false);
            if (links is not null)
            {
                await staging.ApplyContactLinksAsync(links, cancellationToken).ConfigureAwait(false);
            }
        }

        if (mapping.PhoneRegister is { } phoneRegister)
        {
            await RegisterPhoneReader.SyncAsync(_client, run, phoneRegister, _phones, cancellationToken).ConfigureAwait(false);
        }

        await SyncManagersAsync(run, cancellationToken).ConfigureAwait(false);
        await SyncDebtAsync(run, cancellationToken).ConfigureAwait(false);
        await SyncRegisterFlagsAsync(run, cancellationToken).ConfigureAwait(false);
        (run.Changed, run.Removed) = await staging.BuildDirectoryAsync(run.Full, mapping.Debt is not null, _currency, cancellationToken).ConfigureAwait(false);
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
        if (run.Mapping.PhoneRegister is null)
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
        await run.Staging.CopyPhonesAsync(_phones.Phones(rows, role, problems), cancellationToken).ConfigureAwait(false);
        await PhoneRows.ReportAsync(run, set, problems, cancellationToken).ConfigureAwait(false);
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
        await run.Staging.CopyFlagsAsync("agiident.sync_flag", "attribute", run.FlagNames!.Resolve(rows, "Ref_Key", null), cancellationToken).ConfigureAwait(false);
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
            await run.Staging.CopyFlagsAsync("incoming_flag", "register", run.FlagNames!.Resolve(rows, "Объект", "StandardODATA." + run.Mapping.Customers), cancellationToken).ConfigureAwait(false);
        }

        await run.Staging.ReplaceRegisterFlagsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Managers are few: read whole every run; customers whose manager changed are rebuilt.</summary>
    private async Task SyncManagersAsync(SyncRunState run, CancellationToken cancellationToken)
    {
        if (run.Mapping.Managers is not { } set)
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

        Dictionary<string, string> extensions;
        if (run.Mapping.Extensions == ExtensionSource.ContactInformation)
        {
            extensions = new Dictionary<string, string>(StringComparer.Ordinal);
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
            // УНФ: the employee's extension is in the telephony settings of the user who is the same person.
            extensions = await TelephonyExtensionReader.ReadAsync(_client, check, managers.Select(static m => (m.Key, m.Value.Person)), cancellationToken).ConfigureAwait(false);
        }

        await run.Staging.ReplaceManagersAsync(managers.Select(m => (m.Key, m.Value.Name, extensions.GetValueOrDefault(m.Key), m.Value.Deleted)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Register balances carry no version: read whole every run; customers whose debt changed are rebuilt.</summary>
    private async Task SyncDebtAsync(SyncRunState run, CancellationToken cancellationToken)
    {
        if (run.Mapping.Debt is not { } debt)
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
        var fields = run.Mapping.DebtFields;
        var dimensions = run.Check.Dimensions(debt.Table) is { Count: > 0 } described ? described : [.. fields.Where(ODataMetadata.IsDimension)];
        var rows = _client.ReadAllAsync(debt.Path, fields, string.Join(',', dimensions), null, cancellationToken);
        await run.Staging.CopyDebtAsync(Debts(rows, debt, run.Mapping.Customers, currencies), cancellationToken).ConfigureAwait(false);
        if (debt.KeyCatalog is { } keys)
        {
            await AnalyticsKeyReader.SyncAsync(_client, run, keys, debt.KeyCustomer!, cancellationToken).ConfigureAwait(false);
        }

        await run.Staging.ReplaceDebtAsync(debt.KeyCatalog is not null, cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<(string, string, decimal)> Debts(IAsyncEnumerable<JsonElement> rows, DebtSource debt, string customers, Dictionary<string, string> currencies)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (debt.CustomerType is { } typeField && ODataRows.Text(row, typeField) != "StandardODATA." + customers)
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

    private static StagedObject? ReadCustomer(SyncRunState run, JsonElement row)
    {
        if (Standard(run, row, run.Mapping.Customers) is not { } standard)
        {
            return null;
        }

        var (reference, version, deleted) = standard;

        // Folders and predefined items (УТ's НашеПредприятие, НеизвестныйПартнер, РозничныйПокупатель) are no customers.
        var folder = (run.Mapping.Hierarchical && ODataRows.Flag(row, "IsFolder")) || ODataRows.Flag(row, "Predefined");
        var name = ODataRows.Text(row, "Description")?.Trim() ?? string.Empty;
        var fullName = run.Mapping.FullName is { } field ? ODataRows.Text(row, field)?.Trim() : null;
        if (!folder && name.Length == 0 && string.IsNullOrEmpty(fullName))
        {
            run.Reject($"{run.Mapping.Customers} {reference}: no name (Description and {run.Mapping.FullName ?? "full name"} are empty); left out");
            run.ListedButRejected.Add(reference);
            return null;
        }

        var person = run.Mapping.Kind is { } kind && string.Equals(ODataRows.Text(row, kind), run.Mapping.PersonKind, StringComparison.Ordinal);
        var manager = run.Mapping.Manager is { } managerField ? ODataRows.Ref(row, managerField) : null;
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
