using System.Diagnostics;
using System.Globalization;
using System.Net;
using AgiIdent.Fake1C;
using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>
/// A long run under faults, as a benchmark command: the real daemon in its own process, its directory a PostgreSQL
/// snapshot that its own background sync fills from a fake 1C (which changes a customer every sync interval), while
/// PostgreSQL is stopped (as a crash would) and started again on a schedule. Client threads play a mix of found,
/// hostile, unknown and withheld callers, garbage and early hangups; other threads stall, half-way through the
/// environment or before their first reply. Reports errors (an answered kind without its expected status, or any
/// session the server does not close in time), sessions over the budget, RSS over time and the longest sessions.
/// </summary>
internal static class SoakBench
{
    /// <summary>The main mix, per 20 sessions: what a trunk of real calls sends, with more faults than it would.</summary>
    private static readonly SoakKind[] Mix =
    [
        SoakKind.Found, SoakKind.Found, SoakKind.Found, SoakKind.Found, SoakKind.Found, SoakKind.Found, SoakKind.Found,
        SoakKind.Found, SoakKind.Found, SoakKind.Hostile, SoakKind.Hostile, SoakKind.Unknown, SoakKind.Unknown,
        SoakKind.Unknown, SoakKind.Unknown, SoakKind.Withheld, SoakKind.Withheld, SoakKind.Garbage, SoakKind.EarlyHangup,
        SoakKind.EarlyHangup,
    ];

    /// <summary>Customers of <see cref="Fake1CDatasets.Ut11"/> that are found once synced.</summary>
    private static readonly string[] FoundCallers =
        [Ut11Facts.RomashkaCaller, Ut11Facts.ContactPersonCaller, Ut11Facts.ZoryaCaller, Ut11Facts.RomashkaCounterpartyCaller, Ut11Facts.BlockedCaller];

    private static readonly string[] WithheldCallers = ["unknown", "anonymous", string.Empty];

    public static async Task<int> RunAsync(SoakOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(Invariant($"machine    {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        await using var postgres = await PostgresServer.StartAsync(options.PostgresBin).ConfigureAwait(false);
        var connection = await postgres.CreateDatabaseNamedAsync("agiident").ConfigureAwait(false);
        var infobase = Fake1CDatasets.Ut11();
        await using var onec = await Fake1CServer.StartAsync(infobase, ct: cancellationToken).ConfigureAwait(false);
        var cache = Path.Combine(Path.GetTempPath(), "agiident-soak-" + Guid.NewGuid().ToString("N")[..12] + ".cache");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Directory"] = connection,
            ["AgiIdent__Directory__Source"] = "Postgres",
            ["AgiIdent__Directory__Mode"] = "Snapshot",
            ["AgiIdent__Directory__CacheFile"] = cache,
            ["AgiIdent__SessionBudgetMs"] = options.BudgetMs.ToString(CultureInfo.InvariantCulture),
            ["AgiIdent__Http"] = Invariant($"127.0.0.1:{LoopbackPort.Free()}"),
            ["AgiIdent__Sync__Preset"] = "UT11",
            ["AgiIdent__Sync__OData__Url"] = onec.Url.ToString(),
            ["AgiIdent__Sync__OData__User"] = Fake1CServer.DefaultUser,
            ["AgiIdent__Sync__OData__Password"] = Fake1CServer.DefaultPassword,
            ["AgiIdent__Sync__IntervalSeconds"] = options.SyncIntervalSeconds.ToString(CultureInfo.InvariantCulture),
        };
        var migrate = await MeasuredProcess.RunAsync(options.Program, ["db", "migrate"], settings, cancellationToken).ConfigureAwait(false);
        if (migrate.ExitCode != 0)
        {
            output.WriteLine("db migrate failed: " + migrate.Output);
            return 1;
        }

        await using var serve = ServeProcess.Start(options.Program, settings);
        await serve.WaitForLineAsync(ServeProcess.StartupLine(), 0, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        // The first sync runs at start: wait for its first customer, then learn what each found caller answers.
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var waited = Stopwatch.StartNew();
        while (SoakSession.Play(serve.EndPoint, SoakKind.Found, FoundCallers[0], options.BudgetMs).Status != "FOUND")
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(120))
            {
                output.WriteLine($"the first sync never made {FoundCallers[0]} FOUND");
                return 1;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        foreach (var caller in FoundCallers)
        {
            expected[caller] = SoakSession.Play(serve.EndPoint, SoakKind.Found, caller, options.BudgetMs).Status ?? "none";
        }

        output.WriteLine("callers    " + string.Join(", ", expected.Select(e => $"{e.Key} {e.Value}")));
        output.WriteLine(Invariant($"ready      daemon pid {serve.Pid}, first sync in {waited.Elapsed.TotalSeconds:0.0} s; {options.Sessions:N0} sessions by {options.Concurrency} clients, {options.StallClients} stalling clients beside them"));
        output.WriteLine(Invariant($"faults     PostgreSQL stopped (immediate) every {options.OutageEverySeconds} s for {options.OutageSeconds} s; background sync every {options.SyncIntervalSeconds} s, a customer renamed in 1C before each"));
        output.WriteLine("  time  sessions     /s  errors  over budget  RSS MiB  PostgreSQL");

        var tally = new SoakTally();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var postgresUp = true;
        var outages = 0;
        var faults = Task.Run(
            async () =>
            {
                var renamed = false;
                var nextOutage = TimeSpan.FromSeconds(options.OutageEverySeconds);
                var nextRename = TimeSpan.Zero;
                var clock = Stopwatch.StartNew();
                while (!stop.IsCancellationRequested)
                {
                    if (clock.Elapsed >= nextRename)
                    {
                        renamed = !renamed;
                        infobase.Update(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef, "Description", renamed ? "Ромашка (перейменовано)" : "Ромашка");
                        nextRename += TimeSpan.FromSeconds(options.SyncIntervalSeconds);
                    }

                    if (clock.Elapsed >= nextOutage)
                    {
                        await postgres.StopImmediateAsync().ConfigureAwait(false);
                        Volatile.Write(ref postgresUp, false);
                        outages++;
                        await Task.Delay(TimeSpan.FromSeconds(options.OutageSeconds), CancellationToken.None).ConfigureAwait(false);
                        await postgres.StartServerAsync().ConfigureAwait(false);
                        Volatile.Write(ref postgresUp, true);
                        nextOutage += TimeSpan.FromSeconds(options.OutageEverySeconds);
                    }

                    await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
                }
            },
            CancellationToken.None);

        var rss = new List<(double Seconds, double MiB)>();
        var started = Stopwatch.StartNew();
        long issued = 0;
        var clients = Enumerable.Range(0, options.Concurrency).Select(client => StartThread(() =>
        {
            var random = new Random(client);
            while (true)
            {
                var sequence = Interlocked.Increment(ref issued) - 1;
                if (sequence >= options.Sessions || stop.IsCancellationRequested)
                {
                    return;
                }

                var kind = Mix[sequence % Mix.Length];
                var caller = kind switch
                {
                    SoakKind.Found or SoakKind.Hostile => FoundCallers[random.Next(FoundCallers.Length)],
                    SoakKind.Withheld => WithheldCallers[random.Next(WithheldCallers.Length)],
                    _ => "38044" + random.Next(9_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
                };
                var (status, elapsed, closed) = SoakSession.Play(serve.EndPoint, kind, caller, options.BudgetMs, random);
                var want = kind switch
                {
                    SoakKind.Found or SoakKind.Hostile => expected[caller],
                    SoakKind.Unknown => "NOTFOUND",
                    SoakKind.Withheld => "ANONYMOUS",
                    _ => null,
                };
                tally.Add(kind, elapsed, error: !closed || (want is not null && status != want), overBudget: want is not null && elapsed > TimeSpan.FromMilliseconds(options.BudgetMs), status);
            }
        })).ToList();
        var stallers = Enumerable.Range(0, options.StallClients).Select(client => StartThread(() =>
        {
            var random = new Random(1000 + client);
            var kind = client % 2 == 0 ? SoakKind.StalledEnvironment : SoakKind.StalledReply;
            while (!stop.IsCancellationRequested && clients.Any(c => c.IsAlive))
            {
                var (_, elapsed, closed) = SoakSession.Play(serve.EndPoint, kind, FoundCallers[0], options.BudgetMs, random);
                tally.Add(kind, elapsed, error: !closed, overBudget: false, status: null);
            }
        })).ToList();

        var lastCount = 0L;
        var lastTime = TimeSpan.Zero;
        while (clients.Any(c => c.IsAlive))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            if (started.Elapsed - lastTime < TimeSpan.FromSeconds(options.ReportEverySeconds) && clients.Any(c => c.IsAlive))
            {
                continue;
            }

            var now = started.Elapsed;
            var count = tally.Total;
            var (resident, _) = serve.Memory();
            rss.Add((now.TotalSeconds, resident / 1048576.0));
            output.WriteLine(Invariant($"{now.TotalSeconds,6:0}  {count,8:N0} {(count - lastCount) / (now - lastTime).TotalSeconds,6:0}  {tally.Errors,6}  {tally.OverBudget,11}  {resident / 1048576.0,7:0.0}  {(Volatile.Read(ref postgresUp) ? "up" : "stopped")}"));
            lastCount = count;
            lastTime = now;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var thread in stallers)
        {
            thread.Join();
        }

        await faults.ConfigureAwait(false);
        var (finalResident, peak) = serve.Memory();
        using var http = new HttpClient { BaseAddress = new Uri("http://" + settings["AgiIdent__Http"]) };
        var metrics = await http.GetStringAsync("/metrics", CancellationToken.None).ConfigureAwait(false);
        output.WriteLine();
        output.WriteLine(Invariant($"sessions   {tally.Total:N0} in {started.Elapsed.TotalSeconds:0} s ({tally.Total / started.Elapsed.TotalSeconds:0}/s), {outages} PostgreSQL outages of {options.OutageSeconds} s"));
        output.WriteLine("kind                  sessions   errors  over budget  longest ms  answers");
        foreach (var line in tally.Lines())
        {
            output.WriteLine(line);
        }

        output.WriteLine(Invariant($"errors     {tally.Errors} (none allowed: an answered kind without its expected status, or a session not closed by the server within 5 s)"));
        output.WriteLine(Invariant($"budget     {tally.OverBudget} answered sessions over {options.BudgetMs} ms, client-side (connect to close, this process's scheduling included)"));
        var timed = Metric(metrics, "agiident_session_duration_seconds_count");
        output.WriteLine(Invariant($"server     {timed:N0} sessions timed by the daemon (accept to close; stalled environments are not sessions): {timed - Metric(metrics, "agiident_session_duration_seconds_bucket{le=\"0.25\"}"):N0} over 0.25 s, {timed - Metric(metrics, "agiident_session_duration_seconds_bucket{le=\"0.5\"}"):N0} over 0.5 s, {timed - Metric(metrics, "agiident_session_duration_seconds_bucket{le=\"1\"}"):N0} over 1 s; protocol errors {Metric(metrics, "agiident_protocol_errors_total"):N0}, cut {Metric(metrics, "agiident_sessions_cut_total"):N0}"));
        var first = rss.Count > 0 ? rss[0].MiB : finalResident / 1048576.0;
        output.WriteLine(Invariant($"RSS        first sample {first:0.0} MiB, last {finalResident / 1048576.0:0.0} MiB, min {rss.DefaultIfEmpty().Min(r => r.MiB):0.0}, max {rss.DefaultIfEmpty().Max(r => r.MiB):0.0}, peak (VmHWM) {peak / 1048576.0:0.0} MiB"));
        File.Delete(cache);
        return tally.Errors == 0 ? 0 : 1;
    }

    /// <summary>A sample's value from the Prometheus text; 0 when absent.</summary>
    private static long Metric(string text, string name) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal)) is { } line
            ? (long)double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture)
            : 0;

    private static Thread StartThread(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
