using System.Diagnostics;
using System.Globalization;
using AgiIdent.Fake1C;
using Npgsql;
using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>
/// The 1C sync at size: a fake 1C OData server in this process serves a generated УТ 11 infobase; the real
/// <c>agiident sync</c> runs as a process of its own against a throwaway PostgreSQL, so its time and peak memory are
/// what an admin would see. One full run, then incremental runs after changing some customers.
/// </summary>
internal static partial class SyncBench
{
    public static async Task<int> RunAsync(int customers, int phonesPerCustomer, int changed, int rounds, int pageSize, int heapLimitMiB, string postgresBin, string program, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(Invariant($"machine    {Environment.ProcessorCount} cores, {MemoryText()}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        await using var postgres = await PostgresServer.StartAsync(postgresBin).ConfigureAwait(false);
        var connection = await postgres.CreateDatabaseNamedAsync("agiident").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var infobase = Fake1CDatasets.Large(customers, phonesPerCustomer);
        output.WriteLine(Invariant($"fake 1C    {customers:N0} partners, {customers * phonesPerCustomer:N0} phone rows generated in {clock.Elapsed.TotalSeconds:0.0} s (this process)"));
        await using var server = await Fake1CServer.StartAsync(infobase, ct: cancellationToken).ConfigureAwait(false);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Directory"] = connection,
            ["AgiIdent__Sync__Preset"] = "UT11",
            ["AgiIdent__Sync__OData__Url"] = server.Url.ToString(),
            ["AgiIdent__Sync__OData__User"] = Fake1CServer.DefaultUser,
            ["AgiIdent__Sync__OData__Password"] = Fake1CServer.DefaultPassword,
            ["AgiIdent__Sync__OData__PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
        };
        if (heapLimitMiB > 0)
        {
            environment["DOTNET_GCHeapHardLimit"] = ((long)heapLimitMiB * 1048576).ToString("x", CultureInfo.InvariantCulture);
            output.WriteLine(Invariant($"heap cap   {heapLimitMiB} MiB for every agiident process (DOTNET_GCHeapHardLimit)"));
        }

        var migrate = await MeasuredProcess.RunAsync(program, ["db", "migrate"], environment, cancellationToken).ConfigureAwait(false);
        if (migrate.ExitCode != 0)
        {
            output.WriteLine("db migrate failed: " + migrate.Output);
            return 1;
        }

        var full = await MeasuredProcess.RunAsync(program, ["sync"], environment, cancellationToken).ConfigureAwait(false);
        Report(output, "full", full);
        if (full.ExitCode != 0)
        {
            return 1;
        }

        await using var database = NpgsqlDataSource.Create(connection);
        await using (var count = database.CreateCommand("SELECT (SELECT count(*) FROM agiident.party) || ' parties, ' || (SELECT count(*) FROM agiident.phone) || ' numbers'"))
        {
            output.WriteLine("directory  " + await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }

        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            infobase.ChangeSome(changed);
            var incremental = await MeasuredProcess.RunAsync(program, ["sync"], environment, cancellationToken).ConfigureAwait(false);
            Report(output, Invariant($"incr. {round + 1,2}"), incremental);
            if (incremental.ExitCode != 0)
            {
                return 1;
            }

            times.Add(incremental.Elapsed.TotalSeconds);
        }

        times.Sort();
        output.WriteLine(Invariant($"incremental with {changed} changed partners: median {times[times.Count / 2]:0.00} s, max {times[^1]:0.00} s (process start to exit, {rounds} rounds)"));

        // The same incremental run inside a daemon (AgiIdent:Sync:IntervalSeconds): no process start, code already compiled.
        var settings = new Dictionary<string, string>(environment)
        {
            ["AgiIdent__Directory__Source"] = "Postgres",
            // Direct: the daemon holds no snapshot, so the sync is all it does between the rounds.
            ["AgiIdent__Directory__Mode"] = "Direct",
            ["AgiIdent__Http"] = string.Empty,
            ["AgiIdent__Sync__IntervalSeconds"] = WarmInterval.ToString(CultureInfo.InvariantCulture),
        };
        await using var serve = ServeProcess.Start(program, settings);
        var (line, _, _) = await serve.WaitForLineAsync(SyncDoneLine(), 0, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        var warm = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            infobase.ChangeSome(changed);
            var (next, _, match) = await serve.WaitForLineAsync(SyncDoneLine(), line + 1, TimeSpan.FromSeconds(WarmInterval * 3)).ConfigureAwait(false);
            line = next;
            var seconds = double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
            output.WriteLine(Invariant($"daemon {round + 1,2}  {seconds,6:0.00} s; {match.Value}"));
            warm.Add(seconds);
        }

        warm.Sort();
        output.WriteLine(Invariant($"incremental in the daemon with {changed} changed partners: median {warm[warm.Count / 2]:0.00} s, max {warm[^1]:0.00} s (the run's own time, {rounds} rounds, one every {WarmInterval} s)"));
        return 0;
    }

    private const int WarmInterval = 10;

    [System.Text.RegularExpressions.GeneratedRegex(@"Sync from 1C \(UT11, incremental run\) done in (?<seconds>[0-9.]+) s.*")]
    private static partial System.Text.RegularExpressions.Regex SyncDoneLine();

    private static void Report(TextWriter output, string name, MeasuredProcess.Result result)
    {
        var line = result.Output.Split('\n').LastOrDefault(l => l.Contains("Sync from 1C", StringComparison.Ordinal))?.Trim() ?? result.Output.Trim();
        output.WriteLine(Invariant($"{name,-10} {result.Elapsed.TotalSeconds,6:0.00} s, peak RSS {result.PeakRssBytes / 1048576.0,6:0.0} MiB; {line}"));
    }

    private static string MemoryText()
    {
        var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return total is null ? "unknown memory" : Invariant($"{long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0:0.0} GiB");
    }
}
