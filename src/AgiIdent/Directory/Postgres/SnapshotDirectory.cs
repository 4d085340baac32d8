using System.Diagnostics;
using AgiIdent.Contract;
using AgiIdent.Diagnostics;
using AgiIdent.Numbering;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// Snapshot mode: the whole directory held in memory and every call answered without a database round trip.
/// Refreshed by what changed, every <see cref="SnapshotSettings.Refresh"/> and within a second of a change through
/// LISTEN/NOTIFY. When PostgreSQL is unreachable, calls are answered from the last good snapshot with
/// <c>AGIIDENT_SOURCE=stale</c>; a daemon started during an outage serves the cache file; recovery needs no restart.
/// </summary>
public sealed class SnapshotDirectory : IPartyDirectory, IDirectoryHealth, IDisposable
{
    /// <summary>The channel the schema's triggers notify.</summary>
    public const string Channel = "agiident_changed";

    private readonly NpgsqlDataSource _database;
    private readonly DirectoryLoader _loader;
    private readonly NumberParser _numbers;
    private readonly SnapshotSettings _settings;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _cacheWanted = new(0, 1);
    private State _state = new(null, ContractText.Stale, 0, 0, null);
    private readonly DatabaseOutage _outage;
    private int _cacheDirty;
    private long _databaseErrors;

    /// <summary>Creates the directory; <see cref="SnapshotDirectoryService"/> loads it and keeps it fresh.</summary>
    public SnapshotDirectory(NpgsqlDataSource database, NumberParser numbers, SnapshotSettings settings, ILogger<SnapshotDirectory> logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        _database = database;
        _numbers = numbers;
        _settings = settings;
        _logger = logger;
        _loader = new DirectoryLoader(database, numbers);
        _name = DatabaseName.Of(database.ConnectionString);
        Description = $"PostgreSQL {_name}, snapshot mode";
        _outage = new DatabaseOutage(logger, _name, "the last good snapshot (AGIIDENT_SOURCE=stale)", clock);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public DirectoryHealth Health
    {
        get
        {
            var state = _state;
            var problem = _outage.Reason is { } reason ? $"PostgreSQL {_name} is unreachable: {reason}" : null;
            return new DirectoryHealth(state.Snapshot is not null, state.Source, state.Snapshot?.PartyCount ?? 0, state.Snapshot?.PhoneCount ?? 0, state.LastSuccess, Interlocked.Read(ref _databaseErrors), null, problem);
        }
    }

    /// <summary>Loads the directory from PostgreSQL, else from the cache file; what a call needs before the port opens.</summary>
    internal async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FullLoadAsync(cancellationToken).ConfigureAwait(false);
            // Loading a big directory leaves the GC holding several times the snapshot's size; no call is being served
            // yet, so give it back now (measured: RSS 790 MiB down to about the live heap for 1,000,000 phones).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!IsDatabaseFailure(e))
            {
                Log.RefreshFailed(_logger, e, _name);
            }

            // The startup lines (serving the cache, or no directory) say that the outage began.
            _outage.Failed(DatabaseName.Reason(e), logged: true);
            LoadCache(DatabaseName.Reason(e));
            // As after a load from PostgreSQL: what reading the file left behind goes back before the first call.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <inheritdoc />
    public ValueTask<DirectoryAnswer> FindAsync(string e164, CancellationToken cancellationToken)
    {
        var state = _state;
        if (state.Snapshot is null)
        {
            _outage.Answered(stale: false);
            throw new DirectoryUnavailableException();
        }

        if (!string.Equals(state.Source, ContractText.Snapshot, StringComparison.Ordinal))
        {
            _outage.Answered(stale: true);
        }

        return ValueTask.FromResult(new DirectoryAnswer(state.Snapshot.Find(e164), state.Source));
    }

    /// <summary>Asks for a refresh now (what a NOTIFY does).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already due.
        }
    }

    /// <summary>Releases the loops' signals; <see cref="SnapshotDirectoryService"/> has stopped the loops by then.</summary>
    public void Dispose()
    {
        _wake.Dispose();
        _cacheWanted.Dispose();
    }

    private async Task FullLoadAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var load = await _loader.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = new LayeredSnapshot(load.Snapshot, _numbers);
        _state = new State(snapshot, ContractText.Snapshot, load.Generation, load.Watermark, DateTimeOffset.UtcNow);
        Log.SnapshotLoaded(_logger, _name, snapshot.PartyCount, snapshot.PhoneCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        RequestCacheWrite();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var state = _state;
        if (state.Snapshot is null || state.LastSuccess is null)
        {
            await FullLoadAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var changes = await _loader.LoadChangesAsync(state.Watermark, cancellationToken).ConfigureAwait(false);
        if (changes.Generation != state.Generation || state.Snapshot.ChangedSinceBase + changes.Parties.Count > _settings.RebuildAfter)
        {
            await FullLoadAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var snapshot = changes.Parties.Count == 0 && changes.Removed.Count == 0
            ? state.Snapshot
            : state.Snapshot.Apply(changes.Parties, changes.Phones, changes.Removed);
        _state = new State(snapshot, ContractText.Snapshot, changes.Generation, changes.Watermark, DateTimeOffset.UtcNow);
        if (!ReferenceEquals(snapshot, state.Snapshot))
        {
            Log.SnapshotRefreshed(_logger, changes.Parties.Count, changes.Removed.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            RequestCacheWrite();
        }
    }

    /// <summary>Refreshes every <see cref="SnapshotSettings.Refresh"/> and when woken, until <paramref name="cancellationToken"/> is cancelled.</summary>
    internal async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // While the database is down, try again every second rather than every refresh period.
                await _wake.WaitAsync(_outage.IsDown ? TimeSpan.FromSeconds(1) : _settings.Refresh, cancellationToken).ConfigureAwait(false);
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                _outage.Answers();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong, calls go on from the last good snapshot and the next round tries again.
                Interlocked.Increment(ref _databaseErrors);
                _state = _state with { Source = ContractText.Stale };
                var database = IsDatabaseFailure(e);
                if (_outage.Failed(DatabaseName.Reason(e), logged: !database))
                {
                    if (!database)
                    {
                        // Not the database being down: the stack trace is what finds the bug, once.
                        Log.RefreshFailed(_logger, e, _name);
                    }
                }
                else
                {
                    _outage.StillDown();
                }
            }
        }
    }

    /// <summary>Listens on <see cref="Channel"/> and wakes the refresh on each NOTIFY; reconnects while the database is down.</summary>
    internal async Task ListenLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // Changes made while we were not listening are picked up by a refresh now.
                Wake();
                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsDatabaseFailure(e))
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void LoadCache(string reason)
    {
        try
        {
            var (snapshot, generation, watermark, written) = SnapshotCacheFile.Read(_settings.CacheFile, _numbers, _name);
            // LastSuccess stays null: the first refresh that reaches PostgreSQL reloads everything.
            _state = new State(new LayeredSnapshot(snapshot, _numbers), ContractText.Stale, generation, watermark, null);
            Log.ServingCache(_logger, _name, reason, _settings.CacheFile, written);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Log.NoDirectory(_logger, _name, reason, _settings.CacheFile);
        }
    }

    /// <summary>Marks the snapshot as newer than the cache file; the cache loop writes it when the throttle allows.</summary>
    private void RequestCacheWrite()
    {
        Volatile.Write(ref _cacheDirty, 1);
        try
        {
            _cacheWanted.Release();
        }
        catch (SemaphoreFullException)
        {
            // A write is already due; it takes the snapshot of its own time, this one's or a later one.
        }
    }

    /// <summary>
    /// Writes the cache file at most once per <see cref="SnapshotSettings.CacheWriteInterval"/>: a change inside the
    /// interval waits for its end instead of being dropped, and the file always gets the latest snapshot (one writer,
    /// so an older snapshot never overwrites a newer one).
    /// </summary>
    internal async Task CacheLoopAsync(CancellationToken cancellationToken)
    {
        var lastWrite = long.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _cacheWanted.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (lastWrite != long.MinValue)
                {
                    var wait = lastWrite + (long)_settings.CacheWriteInterval.TotalMilliseconds - Environment.TickCount64;
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SnapshotDirectoryService writes what is still due once every loop has stopped.
                return;
            }

            lastWrite = Environment.TickCount64;
            WriteCache();
        }
    }

    /// <summary>Writes the current snapshot when it is newer than the file.</summary>
    internal void WriteCache()
    {
        if (Interlocked.Exchange(ref _cacheDirty, 0) == 0 || _state is not { Snapshot: { } snapshot } state)
        {
            return;
        }

        try
        {
            SnapshotCacheFile.Write(_settings.CacheFile, snapshot, state.Generation, state.Watermark, _name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CacheWriteFailed(_logger, _settings.CacheFile, e.Message);
        }
    }

    private static bool IsDatabaseFailure(Exception e) =>
        e is NpgsqlException or TimeoutException or IOException or System.Net.Sockets.SocketException
        || (e is OperationCanceledException && e.InnerException is TimeoutException);

    private sealed record State(LayeredSnapshot? Snapshot, string Source, long Generation, long Watermark, DateTimeOffset? LastSuccess);
}
