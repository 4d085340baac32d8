using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>
/// The PostgreSQL directory at size: generate a directory, import it, then measure <c>agiident serve</c> in snapshot
/// mode (load time, RSS, sessions), the path from a COMMIT to a call that sees it, the refresh of changed parties
/// in this process, and direct mode (sessions). Prints a report as it goes.
/// </summary>
internal static partial class DirectoryBench
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    /// <summary>Runs the steps; returns 0 when every session and round went as expected, else 1.</summary>
    public static async Task<int> RunAsync(DirectoryBenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var failures = 0;
        output.WriteLine(Invariant($"runtime    {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}){BenchText.DebugWarning}"));
        output.WriteLine(Invariant($"directory  {options.Parties} parties, {options.Phones} numbers, seed {options.Seed}; steps {options.Steps}"));
        if (options.ServerEnvironment.Count > 0)
        {
            output.WriteLine($"servers    started with {string.Join(' ', options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
        }

        var started = Stopwatch.GetTimestamp();
        await using var throwaway = options.Connection is null
            ? await PostgresServer.StartAsync(options.PostgresBin ?? throw new InvalidOperationException("no PostgreSQL binaries")).ConfigureAwait(false)
            : null;
        var connection = options.Connection ?? await throwaway!.CreateDatabaseNamedAsync("agiident").ConfigureAwait(false);
        var admin = new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 0 };
        await using var database = NpgsqlDataSource.Create(admin.ConnectionString);
        output.WriteLine($"postgres   {(throwaway is null ? "existing database " + DatabaseName.Of(connection) : Invariant($"throwaway server on 127.0.0.1:{throwaway.Port} (initdb, fsync=off, otherwise defaults)"))}: {await ScalarAsync<string>(database, "SELECT version()").ConfigureAwait(false)}");
        var directoryFile = options.Steps.HasFlag(DirectoryStep.File) ? Path.Combine(Path.GetTempPath(), "agiident-bench-" + Guid.NewGuid().ToString("N")[..12] + ".json") : null;
        var prepared = await PrepareAsync(options, database, directoryFile, output, cancellationToken).ConfigureAwait(false);
        if (prepared is not { } ready)
        {
            return 1;
        }

        var (pool, probes) = ready;

        // Only the callers and probes are kept: the generated parties are garbage once PrepareAsync has finished
        // for good (this may run inside its completion).
        await Task.Yield();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        output.Flush();

        var settings = new Dictionary<string, string>(options.ServerEnvironment)
        {
            ["AgiIdent__Directory__Source"] = "Postgres",
            ["ConnectionStrings__Directory"] = connection,
        };
        var cacheFile = Path.Combine(Path.GetTempPath(), "agiident-bench-" + Guid.NewGuid().ToString("N")[..12] + ".cache");
        try
        {
            if ((options.Steps & (DirectoryStep.Snapshot | DirectoryStep.Notify)) != 0)
            {
                failures += await SnapshotServerAsync(options, settings, cacheFile, pool, probes, database, output, cancellationToken).ConfigureAwait(false);
            }

            if (options.Steps.HasFlag(DirectoryStep.Cache))
            {
                failures += await CacheServerAsync(options, settings, cacheFile, pool, database, output, cancellationToken).ConfigureAwait(false);
            }

            if (directoryFile is not null)
            {
                failures += await FileServerAsync(options, directoryFile, pool, output, cancellationToken).ConfigureAwait(false);
            }

            if (options.Steps.HasFlag(DirectoryStep.Refresh))
            {
                failures += await RefreshInProcessAsync(options, database, pool, probes, output, cancellationToken).ConfigureAwait(false);
            }

            if (options.Steps.HasFlag(DirectoryStep.Direct))
            {
                failures += await DirectServerAsync(options, settings, connection, pool, output, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            File.Delete(cacheFile);
            if (directoryFile is not null)
            {
                File.Delete(directoryFile);
            }
        }

        output.WriteLine(Invariant($"done       in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s; {(failures == 0 ? "everything as expected" : $"{failures} runs or rounds not as expected")}"));
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Generates the directory and imports it (or checks that the database holds it); null when it does not.</summary>
    private static async Task<(CallerPool Pool, long[] Probes)?> PrepareAsync(DirectoryBenchOptions options, NpgsqlDataSource database, string? directoryFile, TextWriter output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var generated = DirectoryGenerator.Generate(options.Parties, options.Phones, options.Seed, Numbers);
        PrintGenerated(generated, Stopwatch.GetElapsedTime(started), output);
        if (directoryFile is not null)
        {
            GeneratedDirectoryJson.Write(generated.Content.Parties, directoryFile);
            output.WriteLine(Invariant($"file       the directory as a JSON directory file: {new FileInfo(directoryFile).Length / 1048576.0:0.0} MiB"));
        }

        if (options.NoImport)
        {
            var (parties, phones) = (await ScalarAsync<long>(database, "SELECT count(*) FROM agiident.party").ConfigureAwait(false), await ScalarAsync<long>(database, "SELECT count(*) FROM agiident.phone").ConfigureAwait(false));
            output.WriteLine(Invariant($"import     skipped (--no-import): the database holds {parties} parties, {phones} phone rows"));
            if (parties != generated.Content.Parties.Count || phones != generated.Numbers)
            {
                output.WriteLine("           that is not the generated directory: run without --no-import");
                return null;
            }
        }
        else
        {
            await ImportAsync(database, generated, output, cancellationToken).ConfigureAwait(false);
        }

        return (new CallerPool(generated.Known, generated.Unknown, options.MissShare, options.Seed), generated.Probes);
    }

    private static void PrintGenerated(GeneratedDirectory generated, TimeSpan elapsed, TextWriter output)
    {
        var parties = generated.Content.Parties;
        var persons = parties.Count(p => p.Kind == PartyKind.Person);
        var soleTraders = parties.Count(p => p.ShortName is { } s && (s.StartsWith("ФОП ", StringComparison.Ordinal) || s.StartsWith("ФЛП ", StringComparison.Ordinal)));
        var fields = parties.Sum(p => p.Phones.Count);
        var twoNumbers = parties.Sum(p => p.Phones.Count(f => f.Numbers.Count > 1));
        var suffixOnly = parties.Sum(p => p.Phones.Sum(f => f.Numbers.Count(n => n.E164 is null)));
        var characters = parties.Sum(p => (long)p.Id.Length + p.Code.Length + p.Name.Length + (p.ShortName?.Length ?? 0)) + parties.Sum(p => p.Phones.Sum(f => (long)(f.Contact?.Length ?? 0)));
        output.WriteLine(Invariant($"generated  {parties.Count} parties ({parties.Count - persons - soleTraders} companies, {soleTraders} sole traders, {persons} persons; {parties.Count(p => p.Deleted)} deletion-marked, {parties.Count(p => p.Flags.Count > 0)} flagged, {parties.Count(p => p.Manager is not null)} with a manager, {parties.Count(p => p.Debt is not null)} with a debt)"));
        output.WriteLine(Invariant($"           {generated.Numbers} numbers in {fields} phone fields ({twoNumbers} with two numbers), {generated.Known.Length} distinct, {generated.Shared} given to more than one party, {suffixOnly} without a country (8 (916) ...); {generated.Mismatches} fields parsed differently than generated"));
        output.WriteLine(Invariant($"           {characters / 1e6:0.0} M characters in ids, codes, names, short names and contacts (mean name {parties.Average(p => p.Name.Length):0} characters); in {elapsed.TotalSeconds:0.0} s"));
        output.WriteLine($"           e.g. {parties[0].ShortName ?? parties[0].Name} | {parties[1].Name} | {string.Join(" | ", parties.Take(8).SelectMany(p => p.Phones).Take(6).Select(f => f.Raw))}");
    }

    private static async Task ImportAsync(NpgsqlDataSource database, GeneratedDirectory generated, TextWriter output, CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var imported = await DirectoryImporter.ImportAsync(database, generated.Content, merge: false, ImportGuard.Forced, cancellationToken).ConfigureAwait(false);
        var importedIn = Stopwatch.GetElapsedTime(started);
        output.WriteLine(Invariant($"import     {imported.Parties} parties, {imported.Numbers} phone rows in {importedIn.TotalSeconds:0.0} s (DirectoryImporter.ImportAsync: COPY in one transaction); {imported.Rejects.Count} rejects"));
        started = Stopwatch.GetTimestamp();
        await ExecuteAsync(database, "ANALYZE agiident.party; ANALYZE agiident.phone").ConfigureAwait(false);
        output.WriteLine(Invariant($"           ANALYZE {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; tables with indexes: party {await ScalarAsync<string>(database, "SELECT pg_size_pretty(pg_total_relation_size('agiident.party'))").ConfigureAwait(false)}, phone {await ScalarAsync<string>(database, "SELECT pg_size_pretty(pg_total_relation_size('agiident.phone'))").ConfigureAwait(false)}"));
    }

    private static async Task<int> SnapshotServerAsync(DirectoryBenchOptions options, Dictionary<string, string> settings, string cacheFile, CallerPool pool, long[] probes, NpgsqlDataSource database, TextWriter output, CancellationToken cancellationToken)
    {
        var failures = 0;
        await QuietAsync(output, cancellationToken).ConfigureAwait(false);
        await using var server = ServeProcess.Start(options.Agiident, new Dictionary<string, string>(settings)
        {
            ["AgiIdent__Directory__Mode"] = "Snapshot",
            // Refreshed by NOTIFY only, so the rounds below measure that path and nothing else.
            ["AgiIdent__Directory__RefreshSeconds"] = "3600",
            ["AgiIdent__Directory__CacheFile"] = cacheFile,
        });
        output.WriteLine();
        output.WriteLine(Invariant($"== snapshot mode: agiident serve, pid {server.Pid}"));
        var up = await server.WaitForLineAsync(ServeProcess.StartupLine(), 0, TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        var startup = Stopwatch.GetElapsedTime(server.Started, up.Timestamp);
        var atStartup = server.Memory();
        var loaded = await server.WaitForLineAsync(LoadedLine(), 0, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        output.WriteLine(Invariant($"startup    process start to the startup line {startup.TotalSeconds:0.00} s; the daemon's log: {loaded.Match.Groups["parties"].Value} parties, {loaded.Match.Groups["numbers"].Value} numbers loaded in {int.Parse(loaded.Match.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000.0:0.00} s"));
        output.WriteLine($"memory     at the startup line: {Memory(atStartup)}");
        var (cacheWritten, cacheBytes) = await WaitForCacheAsync(cacheFile, cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        output.WriteLine(Invariant($"           after the snapshot cache was written ({cacheBytes / 1048576.0:0.0} MiB, {cacheWritten.TotalSeconds:0.0} s after the startup line) and 2 s idle: {Memory(server.Memory())}"));
        output.Flush();

        if (options.Steps.HasFlag(DirectoryStep.Snapshot))
        {
            failures += await LoadRunsAsync(options, server, pool, output, cancellationToken).ConfigureAwait(false);
        }

        if (options.Steps.HasFlag(DirectoryStep.Notify))
        {
            failures += await NotifyRoundsAsync(options, server, database, probes, output, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine($"memory     at the end: {Memory(server.Memory())}");
        return failures;
    }

    /// <summary><c>agiident serve</c> with PostgreSQL unreachable: from start to listening on the cache file, then sessions.</summary>
    private static async Task<int> CacheServerAsync(DirectoryBenchOptions options, Dictionary<string, string> settings, string cacheFile, CallerPool pool, NpgsqlDataSource database, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine();
        // A port nobody listens on: the first load fails at once and the daemon serves the cache file.
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var down = new NpgsqlConnectionStringBuilder(settings["ConnectionStrings__Directory"]) { Port = port, Timeout = 2 };

        // A cache file names its database (host, port, name) and a daemon serves only its own database's: the file is
        // written here for the address this daemon is given, from the PostgreSQL the snapshot step served.
        var load = await new DirectoryLoader(database, Numbers).LoadAllAsync(cancellationToken).ConfigureAwait(false);
        SnapshotCacheFile.Write(cacheFile, load.Snapshot, load.Generation, load.Watermark, DatabaseName.Of(down.ConnectionString));
        await Task.Yield();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        await QuietAsync(output, cancellationToken).ConfigureAwait(false);
        await using var server = ServeProcess.Start(options.Agiident, new Dictionary<string, string>(settings)
        {
            ["ConnectionStrings__Directory"] = down.ConnectionString,
            ["AgiIdent__Directory__Mode"] = "Snapshot",
            ["AgiIdent__Directory__RefreshSeconds"] = "3600",
            ["AgiIdent__Directory__CacheFile"] = cacheFile,
        });
        return await StartAndLoadAsync(options, server, Invariant($"snapshot mode from the cache file ({new FileInfo(cacheFile).Length / 1048576.0:0.0} MiB), PostgreSQL unreachable"), pool, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>agiident serve</c> from the JSON directory file of the generated directory: from start to listening, then sessions.</summary>
    private static async Task<int> FileServerAsync(DirectoryBenchOptions options, string directoryFile, CallerPool pool, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine();
        await QuietAsync(output, cancellationToken).ConfigureAwait(false);
        await using var server = ServeProcess.Start(options.Agiident, new Dictionary<string, string>(options.ServerEnvironment)
        {
            ["AgiIdent__Directory__Source"] = "File",
            ["AgiIdent__Directory__File"] = directoryFile,
        });
        return await StartAndLoadAsync(options, server, Invariant($"directory file ({new FileInfo(directoryFile).Length / 1048576.0:0.0} MiB JSON)"), pool, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>From the start of <paramref name="server"/> to listening (wall and CPU time, memory), then sessions with 1 and N clients.</summary>
    private static async Task<int> StartAndLoadAsync(DirectoryBenchOptions options, ServeProcess server, string what, CallerPool pool, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(Invariant($"== {what}: agiident serve, pid {server.Pid}"));
        var up = await server.WaitForLineAsync(ServeProcess.StartupLine(), 0, TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        output.WriteLine(Invariant($"startup    process start to the startup line (listening) {Stopwatch.GetElapsedTime(server.Started, up.Timestamp).TotalSeconds:0.00} s, CPU {server.CpuTime().TotalSeconds:0.00} s; {Memory(server.Memory())}"));
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"memory     2 s idle: {Memory(server.Memory())}");
        var failures = await LoadRunsAsync(options, server, pool, output, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"memory     at the end: {Memory(server.Memory())}");
        return failures;
    }

    private static async Task<int> LoadRunsAsync(DirectoryBenchOptions options, ServeProcess server, CallerPool pool, TextWriter output, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var (clients, duration) in new (int, TimeSpan?)[] { (1, null), (options.Concurrency, TimeSpan.FromSeconds(options.Seconds)) })
        {
            var load = new LoadOptions
            {
                Server = server.EndPoint,
                ServerPid = server.Pid,
                Concurrency = clients,
                Sessions = options.Sessions,
                Duration = duration,
                Warmup = options.Warmup,
                Callers = pool,
                TimeoutMs = options.TimeoutMs,
            };
            await QuietAsync(output, cancellationToken).ConfigureAwait(false);
            output.WriteLine(Invariant($"load       {clients} client(s) back to back, {(duration is { } d ? $"{d.TotalSeconds:0.#} s" : $"{options.Sessions} sessions")}, warmup {options.Warmup}; callers picked at random among the {pool.KnownCount} numbers, {pool.MissShare:P0} in no party"));
            var phase = new LoadPhase(server.EndPoint, load, cancellationToken);
            phase.Run(options.Warmup, duration: null);
            var before = MachineLoad.Read();
            var result = phase.Run(options.Sessions, duration);
            var after = MachineLoad.Read();
            LoadRunner.PrintResult(load, result, output);
            output.WriteLine(Invariant($"machine    {after.CoresBusySince(before):0.00} cores busy, steal {after.StealSecondsSince(before):0.0} s; server {Memory(server.Memory())}"));
            output.Flush();
            failures += result.Tally.Failures == 0 ? 0 : 1;
        }

        return failures;
    }

    /// <summary>Changes parties in PostgreSQL and times, for each round, the COMMIT until a call through the server shows the change.</summary>
    private static async Task<int> NotifyRoundsAsync(DirectoryBenchOptions options, ServeProcess server, NpgsqlDataSource database, long[] probes, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(Invariant($"notify     {options.Rounds} rounds: UPDATE {options.Changed} parties (debt; the first phone's contact of a fifth of them) in one transaction, COMMIT, then"));
        output.WriteLine("           calls from one changed party's number (one at a time, 1 ms apart) until one shows the new debt; the server refreshes only on NOTIFY");
        output.WriteLine("           round  commit ms  COMMIT to call ms  daemon's refresh ms (its log)  parties in the log");
        var endToEnd = new List<double>();
        var refreshes = new List<double>();
        var failures = 0;
        for (var round = 1; round <= options.Rounds; round++)
        {
            await Task.Delay(300, cancellationToken).ConfigureAwait(false);
            var change = PartyChange.Pick(options, probes, round);
            var debt = 900_000m + round + 0.25m;
            var probe = new AsteriskLoadClient(server.EndPoint, CallerPool.Render(change.Probe), 1000 + round, options.TimeoutMs, expectedLine: Invariant($"SET VARIABLE AGIIDENT_DEBT \"{debt:0.00}\""));
            var logFrom = server.Lines.Count;
            var commit = await change.ApplyAsync(database, debt, round, cancellationToken).ConfigureAwait(false);
            var committed = Stopwatch.GetTimestamp();
            long seen = 0;
            for (var attempt = 0L; seen == 0; attempt++)
            {
                if (probe.Run(attempt, out _, out _) == SessionOutcome.Found)
                {
                    seen = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetElapsedTime(committed) > TimeSpan.FromSeconds(30))
                {
                    break;
                }
                else
                {
                    Thread.Sleep(1);
                }
            }

            string daemon;
            try
            {
                var line = await server.WaitForLineAsync(RefreshedLine(), logFrom, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                var ms = double.Parse(line.Match.Groups["ms"].Value, CultureInfo.InvariantCulture);
                refreshes.Add(ms);
                daemon = Invariant($"{ms,28:0.0}  {line.Match.Groups["changed"].Value,17}");
            }
            catch (TimeoutException)
            {
                daemon = "                no log line";
            }

            if (seen == 0)
            {
                failures++;
                output.WriteLine(Invariant($"           {round,5}  {commit.TotalMilliseconds,9:0.0}  NOT SEEN within 30 s {daemon}"));
                continue;
            }

            var ms2 = Stopwatch.GetElapsedTime(committed, seen).TotalMilliseconds;
            endToEnd.Add(ms2);
            output.WriteLine(Invariant($"           {round,5}  {commit.TotalMilliseconds,9:0.0}  {ms2,17:0.0}  {daemon}"));
            output.Flush();
        }

        output.WriteLine(Invariant($"notify     COMMIT to call: median {Median(endToEnd):0.0} ms, max {Max(endToEnd):0.0} ms; the daemon's refresh: median {Median(refreshes):0.0} ms, max {Max(refreshes):0.0} ms"));
        return failures;
    }

    /// <summary>In this process: the full load, lookups, and the refresh of changed parties as the snapshot directory does it.</summary>
    private static async Task<int> RefreshInProcessAsync(DirectoryBenchOptions options, NpgsqlDataSource database, CallerPool pool, long[] probes, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine("== snapshot refresh, in this process (DirectoryLoader + LayeredSnapshot, as SnapshotDirectory uses them)");
        await QuietAsync(output, cancellationToken).ConfigureAwait(false);
        var heapBefore = LiveHeap();
        var rssBefore = Environment.WorkingSet;
        var loader = new DirectoryLoader(database, Numbers);
        var started = Stopwatch.GetTimestamp();
        var load = await loader.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        var loadedIn = Stopwatch.GetElapsedTime(started);
        var snapshot = new LayeredSnapshot(load.Snapshot, Numbers);
        var total = Stopwatch.GetElapsedTime(started);
        var rssLoaded = Environment.WorkingSet;
        // This code runs inside the loader's completion (an inline continuation), where the loader's own state (the
        // rows it read) is still referenced; yielding lets it finish, as the daemon's startup does.
        await Task.Yield();
        var heapAfter = LiveHeap();
        output.WriteLine(Invariant($"load       LoadAllAsync {loadedIn.TotalSeconds:0.00} s, with the LayeredSnapshot {total.TotalSeconds:0.00} s: {snapshot.PartyCount} parties, {snapshot.PhoneCount} numbers"));
        output.WriteLine(Invariant($"memory     live heap of the snapshot {(heapAfter - heapBefore) / 1048576.0:0.0} MiB (after full compacting GCs); this process's RSS {rssBefore / 1048576.0:0.0} MiB before, {rssLoaded / 1048576.0:0.0} MiB after the load, {Environment.WorkingSet / 1048576.0:0.0} MiB after the GCs"));
        SnapshotMemory.Print(load.Snapshot, heapAfter - heapBefore, output);

        var callers = Callers(pool, 100_000);
        Lookups(snapshot, callers, "lookups    without changes:", output);

        output.WriteLine(Invariant($"refresh    {options.Rounds} rounds: UPDATE {options.Changed} parties in PostgreSQL, COMMIT, then LoadChangesAsync(watermark) and LayeredSnapshot.Apply; the layer keeps growing"));
        output.WriteLine("           round  parties  numbers  layer  LoadChangesAsync ms  Apply ms  refresh ms");
        var watermark = load.Watermark;
        var (reads, applies, sums) = (new List<double>(), new List<double>(), new List<double>());
        var failures = 0;
        for (var round = 1; round <= options.Rounds; round++)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            var change = PartyChange.Pick(options, probes, 1000 + round);
            var debt = 800_000m + round + 0.75m;
            await change.ApplyAsync(database, debt, round, cancellationToken).ConfigureAwait(false);
            started = Stopwatch.GetTimestamp();
            var changes = await loader.LoadChangesAsync(watermark, cancellationToken).ConfigureAwait(false);
            var read = Stopwatch.GetElapsedTime(started);
            var next = snapshot.Apply(changes.Parties, changes.Phones, changes.Removed);
            var sum = Stopwatch.GetElapsedTime(started);
            snapshot = next;
            watermark = changes.Watermark;
            Numbers.ParseCaller(CallerPool.Render(change.Probe), out var probeNumber);
            var seen = snapshot.Find(probeNumber) is [var best, ..] && best.Party.Debt == debt;
            failures += seen && changes.Parties.Count == options.Changed ? 0 : 1;
            reads.Add(read.TotalMilliseconds);
            applies.Add((sum - read).TotalMilliseconds);
            sums.Add(sum.TotalMilliseconds);
            output.WriteLine(Invariant($"           {round,5}  {changes.Parties.Count,7}  {changes.Phones.Count,7}  {snapshot.ChangedSinceBase,5}  {read.TotalMilliseconds,19:0.0}  {(sum - read).TotalMilliseconds,8:0.0}  {sum.TotalMilliseconds,10:0.0}{(seen ? string.Empty : "  CHANGE NOT SEEN")}"));
            output.Flush();
        }

        output.WriteLine(Invariant($"refresh    median {Median(sums):0.0} ms (LoadChangesAsync {Median(reads):0.0}, Apply {Median(applies):0.0}), max {Max(sums):0.0} ms (LoadChangesAsync {Max(reads):0.0}, Apply {Max(applies):0.0})"));

        // LayeredSnapshot's constructor counts the base parties that were not changed by looking up every base
        // party's id in the changed set: the same expression, timed alone.
        var touched = Enumerable.Range(0, options.Changed).Select(i => load.Snapshot.Parties[i * (load.Snapshot.Parties.Count / options.Changed)].Id).ToFrozenSet(StringComparer.Ordinal);
        var scans = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            started = Stopwatch.GetTimestamp();
            var count = load.Snapshot.Parties.Count(p => touched.Contains(p.Id));
            scans.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            GC.KeepAlive(count);
        }

        output.WriteLine(Invariant($"           in Apply, LayeredSnapshot's constructor looks up each of the base's {load.Snapshot.Parties.Count} party ids in the set of changed ones (to count parties): that alone takes {Median(scans):0.0} ms (median of 5, min {scans.Min():0.0})"));
        Lookups(snapshot, callers, Invariant($"lookups    with {snapshot.ChangedSinceBase} changed parties layered:"), output);
        return failures;
    }

    /// <summary>
    /// Direct mode with the connection string as given, then with Npgsql's automatic preparation on (a setting of the
    /// connection string: the query is planned once per connection instead of on every call).
    /// </summary>
    private static async Task<int> DirectServerAsync(DirectoryBenchOptions options, Dictionary<string, string> settings, string connection, CallerPool pool, TextWriter output, CancellationToken cancellationToken)
    {
        var failures = 0;
        var prepared = new NpgsqlConnectionStringBuilder(connection) { MaxAutoPrepare = 20 }.ConnectionString;
        foreach (var (label, connectionString) in new[] { ("the connection string as given", connection), ("Max Auto Prepare=20 added to the connection string", prepared) })
        {
            output.WriteLine();
            output.WriteLine($"== direct mode, {label}");
            failures += await DirectPassAsync(options, new Dictionary<string, string>(settings) { ["ConnectionStrings__Directory"] = connectionString }, connectionString, pool, output, cancellationToken).ConfigureAwait(false);
        }

        return failures;
    }

    private static async Task<int> DirectPassAsync(DirectoryBenchOptions options, Dictionary<string, string> settings, string connection, CallerPool pool, TextWriter output, CancellationToken cancellationToken)
    {
        await QuietAsync(output, cancellationToken).ConfigureAwait(false);
        await using (var database = NpgsqlDataSource.Create(connection))
        {
            // As the daemon builds it: the default query timeout (150 ms) and the resilience pipeline.
            var direct = new DirectQueryDirectory(database, Numbers, TimeSpan.FromMilliseconds(150), null, NullLogger<DirectQueryDirectory>.Instance);
            var callers = Callers(pool, 21_000);
            var histogram = new LatencyHistogram();
            for (var i = 0; i < callers.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await direct.FindAsync(callers[i], cancellationToken).ConfigureAwait(false);
                if (i >= 1_000)
                {
                    histogram.Record(Stopwatch.GetTimestamp() - started);
                }
            }

            output.WriteLine($"lookups    DirectQueryDirectory.FindAsync in this process, one at a time: {Percentiles(histogram, 1000, "µs")}");
        }

        await QuietAsync(output, cancellationToken).ConfigureAwait(false);
        await using var server = ServeProcess.Start(options.Agiident, new Dictionary<string, string>(settings) { ["AgiIdent__Directory__Mode"] = "Direct" });
        var up = await server.WaitForLineAsync(ServeProcess.StartupLine(), 0, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        output.WriteLine(Invariant($"startup    agiident serve (pid {server.Pid}, QueryTimeoutMs 150, the default) up in {Stopwatch.GetElapsedTime(server.Started, up.Timestamp).TotalSeconds:0.00} s; {Memory(server.Memory())}"));
        var failures = await LoadRunsAsync(options, server, pool, output, cancellationToken).ConfigureAwait(false);
        var warnings = server.Lines.Where(l => l.Line.Contains("[WRN]", StringComparison.Ordinal))
            .GroupBy(l => Digits().Replace(l.Line[(l.Line.IndexOf("[WRN]", StringComparison.Ordinal) + 6)..], "#"))
            .Select(g => (Count: g.Count(), Example: g.First().Line))
            .ToList();
        output.WriteLine(Invariant($"memory     at the end: {Memory(server.Memory())}; {warnings.Sum(w => w.Count)} warnings in the server's log"));
        foreach (var (count, example) in warnings)
        {
            output.WriteLine(Invariant($"           {count,5} x {example}"));
        }

        return failures;
    }

    /// <summary>The live heap after full, compacting collections (the large-object heap compacted too).</summary>
    private static long LiveHeap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>Looks up 1,000,000 callers one after another and prints the percentiles of one lookup.</summary>
    private static void Lookups(LayeredSnapshot snapshot, string[] callers, string label, TextWriter output)
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 1_100_000; i++)
        {
            var started = Stopwatch.GetTimestamp();
            snapshot.Find(callers[i % callers.Length]);
            if (i >= 100_000)
            {
                histogram.Record(Stopwatch.GetTimestamp() - started);
            }
        }

        output.WriteLine($"{label} LayeredSnapshot.Find, one at a time: {Percentiles(histogram, 1000, "µs")}");
    }

    /// <summary>Callers of the pool as the daemon sees them after parsing: E.164 digits.</summary>
    private static string[] Callers(CallerPool pool, int count)
    {
        var picker = pool.ForClient(-1);
        Span<byte> buffer = stackalloc byte[CallerPool.MaxLength];
        var callers = new string[count];
        for (var i = 0; i < count; i++)
        {
            picker.Next(buffer, out var length);
            Numbers.ParseCaller(System.Text.Encoding.ASCII.GetString(buffer[..length]), out callers[i]);
        }

        return callers;
    }

    private static string Percentiles(LatencyHistogram histogram, double scale, string unit)
    {
        string Format(long ticks) => Invariant($"{LatencyHistogram.Milliseconds(ticks) * scale:0.0}");
        return Invariant($"p50 {Format(histogram.Percentile(0.5))}  p99 {Format(histogram.Percentile(0.99))}  p99.9 {Format(histogram.Percentile(0.999))}  max {Format(histogram.Max)} {unit} ({histogram.Count} lookups)");
    }

    private static async Task QuietAsync(TextWriter output, CancellationToken cancellationToken)
    {
        output.Flush();
        var (waited, quiet) = await MachineLoad.WaitForQuietAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        if (!quiet)
        {
            output.WriteLine(Invariant($"           (the machine was not idle for 2 s within {waited.TotalSeconds:0} s; going on)"));
        }
    }

    private static async Task<(TimeSpan After, long Bytes)> WaitForCacheAsync(string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long last = -1;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
        {
            var file = new FileInfo(path);
            if (file.Exists && file.Length > 0 && file.Length == last)
            {
                return (Stopwatch.GetElapsedTime(started), file.Length);
            }

            last = file.Exists ? file.Length : -1;
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        return (Stopwatch.GetElapsedTime(started), last);
    }

    private static string Memory((long Resident, long Peak) memory) =>
        Invariant($"RSS {memory.Resident / 1048576.0:0.0} MiB (peak {memory.Peak / 1048576.0:0.0} MiB)");

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private static double Max(List<double> values) => values.Count == 0 ? double.NaN : values.Max();

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"Directory loaded from PostgreSQL \S+: (?<parties>\d+) parties, (?<numbers>\d+) numbers in (?<ms>\d+) ms")]
    private static partial Regex LoadedLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"Directory refreshed: (?<changed>\d+) parties changed, (?<removed>\d+) removed, in (?<ms>[\d.]+) ms")]
    private static partial Regex RefreshedLine();


    /// <summary>The parties one round changes, and one of them whose number only it has (to call).</summary>
    private sealed record PartyChange(string[] Ids, string[] ContactIds, long Probe)
    {
        /// <summary>Picks <see cref="DirectoryBenchOptions.Changed"/> distinct parties for <paramref name="round"/>, repeatably.</summary>
        public static PartyChange Pick(DirectoryBenchOptions options, long[] probes, int round)
        {
            var random = new Random(unchecked((options.Seed * 31) + round));
            var picked = new HashSet<int>();
            var probe = 0L;
            while (picked.Count < Math.Min(options.Changed, probes.Length))
            {
#pragma warning disable CA5394 // a repeatable benchmark pick, not a secret
                var party = random.Next(probes.Length);
#pragma warning restore CA5394
                if (picked.Add(party) && probe == 0)
                {
                    probe = probes[party];
                }
            }

            var ids = picked.Select(p => DirectoryGenerator.PartyId(options.Seed, p)).ToArray();
            return new PartyChange(ids, ids[..Math.Max(1, ids.Length / 5)], probe != 0 ? probe : throw new InvalidOperationException("no party with a number of its own among those picked"));
        }

        /// <summary>Writes the change in one transaction; returns how long the COMMIT took.</summary>
        public async Task<TimeSpan> ApplyAsync(NpgsqlDataSource database, decimal debt, int round, CancellationToken cancellationToken)
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var parties = new NpgsqlCommand("UPDATE agiident.party SET debt = @debt, changed_at = now() WHERE id = ANY(@ids)", connection, transaction))
            {
                parties.Parameters.AddWithValue("debt", debt);
                parties.Parameters.AddWithValue("ids", Ids);
                await parties.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var phones = new NpgsqlCommand("UPDATE agiident.phone SET contact = @contact WHERE party_id = ANY(@ids) AND position = 0", connection, transaction))
            {
                phones.Parameters.AddWithValue("contact", string.Create(CultureInfo.InvariantCulture, $"Нова контактна особа {round}"));
                phones.Parameters.AddWithValue("ids", ContactIds);
                await phones.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var started = Stopwatch.GetTimestamp();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started);
        }
    }
}
