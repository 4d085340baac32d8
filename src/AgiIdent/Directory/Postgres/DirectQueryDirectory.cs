using System.Collections.Concurrent;
using System.Data;
using AgiIdent.Contract;
using AgiIdent.Diagnostics;
using AgiIdent.Numbering;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.Timeout;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// Direct mode: one indexed query per call, for directories too big to hold in memory, or the admin's own SQL over
/// their replica. Each query runs in one resilience pipeline built once: fallback, then circuit breaker, then a
/// timeout whose token reaches Npgsql. When the database fails, the last answer seen for the number is given with
/// <c>AGIIDENT_SOURCE=stale</c>; with none, the call gets <c>ERROR</c>; once the circuit is open, nobody waits.
/// From a failure until PostgreSQL answers again the directory is not ready (<c>/health/ready</c> is 503), and a probe
/// tries the database once a second, so readiness and the outage log follow the database even when no call comes.
/// </summary>
public sealed class DirectQueryDirectory : IPartyDirectory, IDirectoryHealth, IDisposable
{

    /// <summary>Columns a custom query must return.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["id", "name"];

    /// <summary>Columns a custom query may return; the missing ones read as empty.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns =
        [.. CanonicalSchema.PartyColumnNames.Except(RequiredColumns), ContactColumn, PhoneKindColumn, ExactColumn];

    private const string ContactColumn = "contact";
    private const string PhoneKindColumn = "phone_kind";
    private const string ExactColumn = "exact";

    private const int RememberedNumbers = 10_000;
    private static readonly ResiliencePropertyKey<string> NumberKey = new("agiident.number");
    private static readonly ResiliencePropertyKey<bool> WarmUpKey = new("agiident.warm-up");

    private readonly NpgsqlDataSource _database;
    private readonly NumberParser _numbers;
    private readonly string _sql;
    private readonly string _name;
    private readonly ResiliencePipeline<DirectoryAnswer> _pipeline;
    private readonly ConcurrentDictionary<string, IReadOnlyList<PartyMatch>> _lastGood = new(StringComparer.Ordinal);
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly DatabaseOutage _outage;
    private readonly TimeSpan _queryTimeout;
    private readonly SemaphoreSlim _probeWanted = new(0, 1);
    private long _databaseErrors;
    private long _lastSuccessTicks;

    /// <summary>Creates the directory; <paramref name="customSql"/> replaces the canonical query when given.</summary>
    public DirectQueryDirectory(NpgsqlDataSource database, NumberParser numbers, TimeSpan queryTimeout, string? customSql, ILogger<DirectQueryDirectory> logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _numbers = numbers;
        _sql = string.IsNullOrWhiteSpace(customSql) ? CanonicalSchema.DirectQuery : customSql;
        var name = DatabaseName.Of(database.ConnectionString);
        Description = string.IsNullOrWhiteSpace(customSql) ? $"PostgreSQL {name}, direct mode" : $"PostgreSQL {name}, custom SQL";
        _name = name;
        _queryTimeout = queryTimeout;
        _outage = new DatabaseOutage(logger, name, "the last answer seen for each number (AGIIDENT_SOURCE=stale), else ERROR", clock);
        _pipeline = new ResiliencePipelineBuilder<DirectoryAnswer>()
            .AddFallback(new FallbackStrategyOptions<DirectoryAnswer>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsFailure(e)),
                FallbackAction = args => ValueTask.FromResult(Fallback(args.Context.Properties.GetValue(NumberKey, string.Empty), args.Outcome.Exception!, args.Context.Properties.GetValue(WarmUpKey, false))),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<DirectoryAnswer>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 5,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(5),
                StateProvider = _circuit,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsFailure(e)),
            })
            .AddTimeout(queryTimeout)
            .Build();
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public DirectoryHealth Health
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSuccessTicks);
            var circuit = _circuit.CircuitState.ToString().ToLowerInvariant();
            var reason = _outage.Reason;
            return new DirectoryHealth(
                reason is null,
                _circuit.CircuitState == CircuitState.Closed && reason is null ? ContractText.Live : ContractText.Stale,
                0,
                0,
                ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero),
                Interlocked.Read(ref _databaseErrors),
                circuit,
                reason is null ? null : $"PostgreSQL {_name} is unreachable: {reason}");
        }
    }

    /// <summary>Checks the query's columns without running it; throws <see cref="InvalidOperationException"/> naming a missing one.</summary>
    public async Task CheckColumnsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "380000000000");
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = RequiredColumns.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"AgiIdent:Directory:CustomSql: the query returns no column {string.Join(", ", missing.Select(c => $"'{c}'"))}; it must return {string.Join(", ", RequiredColumns)} " +
                $"and may return {string.Join(", ", OptionalColumns)} (name them with AS). It returns: {string.Join(", ", columns)}");
        }
    }

    /// <inheritdoc />
    public ValueTask<DirectoryAnswer> FindAsync(string e164, CancellationToken cancellationToken) => FindAsync(e164, warmUp: false, cancellationToken);

    /// <summary>
    /// One query before the port opens, through the same pipeline as a call; a database that is down begins the outage
    /// (and its probe) but is not counted as a call answered.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FindAsync("380000000000", warmUp: true, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException)
        {
            // The outage log has said it.
        }
    }

    private async ValueTask<DirectoryAnswer> FindAsync(string e164, bool warmUp, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(NumberKey, e164);
        if (warmUp)
        {
            context.Properties.Set(WarmUpKey, true);
        }

        try
        {
            return await _pipeline.ExecuteAsync(static (context, state) => state.Self.QueryAsync(state.E164, context.CancellationToken), context, (Self: this, E164: e164)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<DirectoryAnswer> QueryAsync(string e164, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, e164);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = new Columns(reader);
        var exact = new List<PartyMatch>();
        var bySuffix = new List<PartyMatch>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var match = columns.Read(reader);
            var list = columns.IsExact(reader) ? exact : bySuffix;
            var seen = list.FindIndex(m => m.Party.Id == match.Party.Id);
            if (seen < 0)
            {
                list.Add(match);
            }
            else if (string.IsNullOrEmpty(list[seen].Phone.Contact) && !string.IsNullOrEmpty(match.Phone.Contact))
            {
                // A contact person's own phone wins over the company line, as in snapshot mode.
                list[seen] = match;
            }
        }

        var matches = exact.Count > 0 ? exact : bySuffix;
        matches.Sort(static (a, b) =>
        {
            var rank = DirectorySnapshot.CompareMatches(a, b);
            return rank != 0 ? rank : string.CompareOrdinal(a.Party.Id, b.Party.Id);
        });
        Remember(e164, matches);
        Interlocked.Exchange(ref _lastSuccessTicks, DateTimeOffset.UtcNow.UtcTicks);
        if (_outage.IsDown)
        {
            _outage.Answers();
        }

        return new DirectoryAnswer(matches, ContractText.Live);
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string e164)
    {
        var command = new NpgsqlCommand(_sql, connection);
        command.Parameters.AddWithValue("e164", e164);
        command.Parameters.AddWithValue("suffix", _numbers.SuffixOf(e164));
        return command;
    }

    private void Remember(string e164, IReadOnlyList<PartyMatch> matches)
    {
        if (_lastGood.Count >= RememberedNumbers)
        {
            _lastGood.Clear();
        }

        _lastGood[e164] = matches;
    }

    private Outcome<DirectoryAnswer> Fallback(string e164, Exception failure, bool warmUp)
    {
        Interlocked.Increment(ref _databaseErrors);
        if (_outage.Failed(DatabaseName.Reason(failure)))
        {
            RequestProbe();
        }

        if (_lastGood.TryGetValue(e164, out var matches))
        {
            _outage.Answered(stale: true);
            return Outcome.FromResult(new DirectoryAnswer(matches, ContractText.Stale));
        }

        if (!warmUp)
        {
            _outage.Answered(stale: false);
        }

        return Outcome.FromException<DirectoryAnswer>(new DirectoryUnavailableException("the directory database is unreachable and this number was not seen before", failure));
    }

    /// <summary>Releases the probe's signal; <see cref="DirectQueryProbe"/> has stopped the probe by then.</summary>
    public void Dispose() => _probeWanted.Dispose();

    /// <summary>Wakes the probe loop: an outage has begun.</summary>
    private void RequestProbe()
    {
        try
        {
            _probeWanted.Release();
        }
        catch (SemaphoreFullException)
        {
            // The probe is already due.
        }
    }

    /// <summary>Runs <see cref="ProbeAsync"/> each time an outage begins, until <paramref name="cancellationToken"/> is cancelled.</summary>
    internal async Task ProbeLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _probeWanted.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Once a second while the database is down: one round trip; the first that succeeds ends the outage.</summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var limit = _queryTimeout > TimeSpan.FromSeconds(2) ? _queryTimeout : TimeSpan.FromSeconds(2);
        while (_outage.IsDown && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(limit);
                await using var connection = await _database.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
                _outage.Answers();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or IOException or System.Net.Sockets.SocketException)
            {
                _outage.StillDown();
            }
        }
    }

    /// <summary>
    /// A failure of the database, which the breaker counts and the fallback covers. A bad row (a value of the wrong type
    /// in the admin's SQL) is not: it fails that one call with ERROR and leaves the other callers alone.
    /// </summary>
    private static bool IsFailure(Exception e) =>
        e is NpgsqlException or TimeoutRejectedException or BrokenCircuitException or IOException or System.Net.Sockets.SocketException;

    /// <summary>The party columns of a result and the phone's (contact, kind, whether the full number matched), found once per query.</summary>
    private sealed class Columns(NpgsqlDataReader reader)
    {
        private readonly PartyRowReader _party = new(reader, PartyBuilder.Plain);
        private readonly int _contact = PartyRowReader.Ordinal(reader, ContactColumn);
        private readonly int _phoneKind = PartyRowReader.Ordinal(reader, PhoneKindColumn);
        private readonly int _exact = PartyRowReader.Ordinal(reader, ExactColumn);

        public bool IsExact(NpgsqlDataReader row) => _exact < 0 || row.IsDBNull(_exact) || row.GetBoolean(_exact);

        public PartyMatch Read(NpgsqlDataReader row) => new(_party.Read(row), new MatchedPhone(Text(row, _contact), Text(row, _phoneKind)));

        private static string? Text(NpgsqlDataReader row, int ordinal) =>
            ordinal < 0 || row.IsDBNull(ordinal) ? null : Convert.ToString(row.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }
}
