using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AgiIdent.Fake1C;
using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>What one soak session plays.</summary>
internal enum SoakKind
{
    /// <summary>A caller the synced directory has.</summary>
    Found,

    /// <summary>A found caller whose Asterisk sends a hostile caller name and arguments (quotes, <c>${SHELL()}</c>, separators).</summary>
    Hostile,

    /// <summary>A number nobody has.</summary>
    Unknown,

    /// <summary>A withheld number (<c>unknown</c>, <c>anonymous</c>, empty).</summary>
    Withheld,

    /// <summary>Random bytes instead of an environment block.</summary>
    Garbage,

    /// <summary>The caller hangs up: the connection closes right after the environment, or a <c>HANGUP</c> line follows it.</summary>
    EarlyHangup,

    /// <summary>Half an environment block, then nothing: the server must close it after its environment timeout.</summary>
    StalledEnvironment,

    /// <summary>The whole environment, then no reply to the first command: the server must close it after its reply budget.</summary>
    StalledReply,
}

/// <summary>The soak's settings.</summary>
internal sealed record SoakOptions(
    long Sessions,
    int Concurrency,
    int StallClients,
    int OutageEverySeconds,
    int OutageSeconds,
    int SyncIntervalSeconds,
    int BudgetMs,
    int ReportEverySeconds,
    string PostgresBin,
    string Program);

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

/// <summary>Counts per kind, shared by the client threads.</summary>
internal sealed class SoakTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SoakKind, (long Count, long Errors, long OverBudget, TimeSpan Longest, Dictionary<string, long> Answers)> _kinds = [];

    public long Total { get; private set; }

    public long Errors { get; private set; }

    public long OverBudget { get; private set; }

    public void Add(SoakKind kind, TimeSpan elapsed, bool error, bool overBudget, string? status)
    {
        lock (_gate)
        {
            var entry = _kinds.TryGetValue(kind, out var found) ? found : (0, 0, 0, TimeSpan.Zero, new Dictionary<string, long>(StringComparer.Ordinal));
            entry.Count++;
            entry.Errors += error ? 1 : 0;
            entry.OverBudget += overBudget ? 1 : 0;
            entry.Longest = elapsed > entry.Longest ? elapsed : entry.Longest;
            var answer = status ?? "none";
            entry.Answers[answer] = entry.Answers.GetValueOrDefault(answer) + 1;
            _kinds[kind] = entry;
            Total++;
            Errors += error ? 1 : 0;
            OverBudget += overBudget ? 1 : 0;
        }
    }

    public IEnumerable<string> Lines()
    {
        lock (_gate)
        {
            return _kinds.OrderBy(k => k.Key).Select(k => Invariant(
                $"{k.Key,-20} {k.Value.Count,9:N0} {k.Value.Errors,8} {k.Value.OverBudget,12} {k.Value.Longest.TotalMilliseconds,11:0.0}  {string.Join(", ", k.Value.Answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value:N0}"))}")).ToList();
        }
    }
}

/// <summary>One session as the soak plays it, on a blocking socket (one thread per client, as the load runner does).</summary>
internal static class SoakSession
{
    /// <summary>A session the server has not closed after this long is an error: nothing the daemon does takes longer.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private const string HostileName = "\"Evil\" ${SHELL(touch /tmp/x)} a,b|c;d (x [y] \\z";

    /// <summary>Plays <paramref name="kind"/>; returns the <c>AGIIDENT_STATUS</c> sent (null when none), the time from connect to the server's close, and whether it closed within <see cref="Limit"/>.</summary>
    public static (string? Status, TimeSpan Elapsed, bool Closed) Play(IPEndPoint server, SoakKind kind, string caller, int budgetMs, Random? random = null)
    {
        random ??= Random.Shared;
        var clock = Stopwatch.StartNew();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.ReceiveTimeout = (int)Limit.TotalMilliseconds;
        try
        {
            socket.Connect(server);
            var environment = Environment(caller, kind == SoakKind.Hostile);
            switch (kind)
            {
                case SoakKind.Garbage:
                    var garbage = new byte[random.Next(1, 600)];
                    random.NextBytes(garbage);
                    socket.Send(garbage);
                    socket.Send("\n\n"u8);
                    return Ended(DrainUntilClosed(socket, clock), clock);
                case SoakKind.EarlyHangup:
                    socket.Send(environment);
                    if (random.Next(2) == 0)
                    {
                        socket.Send("HANGUP\n"u8);
                        return Ended(DrainUntilClosed(socket, clock, answer: true), clock);
                    }

                    socket.Shutdown(SocketShutdown.Both);
                    return (null, clock.Elapsed, true);
                case SoakKind.StalledEnvironment:
                    socket.Send(environment.AsSpan(0, environment.Length / 2));
                    return Ended(DrainUntilClosed(socket, clock), clock);
                case SoakKind.StalledReply:
                    socket.Send(environment);
                    return Ended(DrainUntilClosed(socket, clock), clock);
                default:
                    socket.Send(environment);
                    var status = AnswerUntilClosed(socket, clock, out var closed);
                    return (status, clock.Elapsed, closed);
            }
        }
        catch (SocketException)
        {
            // Refused or reset: the server is not doing its job (it never refuses loopback below MaxSessions).
            return (null, clock.Elapsed, false);
        }
    }

    /// <summary>The result of a session that sends no answer to wait for: timed after the server closed it.</summary>
    private static (string? Status, TimeSpan Elapsed, bool Closed) Ended(bool closed, Stopwatch clock) => (null, clock.Elapsed, closed);

    /// <summary>Answers every command <c>200 result=1</c> until the server closes; the status is the first value of the first <c>SET VARIABLE</c>.</summary>
    private static string? AnswerUntilClosed(Socket socket, Stopwatch clock, out bool closed)
    {
        string? status = null;
        var pending = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = socket.Receive(buffer);
            }
            catch (SocketException)
            {
                closed = false;
                return status;
            }

            if (read == 0)
            {
                closed = clock.Elapsed < Limit;
                return status;
            }

            pending.AddRange(buffer.AsSpan(0, read));
            int lineFeed;
            while ((lineFeed = pending.IndexOf((byte)'\n')) >= 0)
            {
                var line = Encoding.UTF8.GetString([.. pending.GetRange(0, lineFeed)]);
                pending.RemoveRange(0, lineFeed + 1);
                status ??= Status(line);
                socket.Send("200 result=1\n"u8);
            }
        }
    }

    /// <summary>Reads (answering commands when <paramref name="answer"/>) until the server closes; false when it did not within the limit.</summary>
    private static bool DrainUntilClosed(Socket socket, Stopwatch clock, bool answer = false)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = socket.Receive(buffer);
                if (read == 0)
                {
                    return clock.Elapsed < Limit;
                }

                if (answer && buffer.AsSpan(0, read).Contains((byte)'\n'))
                {
                    socket.Send("200 result=1\n"u8);
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A server that closes on unread garbage resets the connection: closed all the same.
            return clock.Elapsed < Limit;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary><c>AGIIDENT_STATUS</c>'s value from a command line, as Asterisk would store it: an ARRAY list or a single SET VARIABLE.</summary>
    private static string? Status(string line)
    {
        var words = AsteriskCommandReader.ParseArgs(Encoding.UTF8.GetBytes(line));
        if (words.Words.Count != 4 || !words.Words[0].AsSpan().SequenceEqual("SET"u8) || !words.Words[1].AsSpan().SequenceEqual("VARIABLE"u8))
        {
            return null;
        }

        var status = AsteriskCommandReader.SetVariable(words).FirstOrDefault(v => v.Key == "AGIIDENT_STATUS");
        return status.Key is null ? null : status.Value;
    }

    private static byte[] Environment(string caller, bool hostile) =>
        new AsteriskEnvironment
        {
            Request = "agi://127.0.0.1/ident",
            Channel = "PJSIP/trunk-00000001",
            Language = "uk",
            UniqueId = "1700000000.1",
            CallerId = caller,
            CallerIdName = hostile ? HostileName : "unknown",
            Priority = "1",
            ThreadId = "1",
            Arguments = hostile ? [HostileName] : [],
        }.ToBytes();
}
