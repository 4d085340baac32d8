using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Npgsql;
using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>
/// <c>agiident import FILE.csv</c> at size: the generated directory written as the CSV format of README (one row per
/// phone field), read back with <see cref="DirectoryImporter.ReadFile"/> several times (the reader and the number
/// parsing), then imported twice into a throwaway PostgreSQL: into an empty directory, and over itself (every party
/// kept, as a nightly re-import does).
/// </summary>
internal static class CsvImportBench
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    /// <summary>Runs the measurement; 0 when the file read back as generated.</summary>
    public static async Task<int> RunAsync(int parties, int phones, int seed, int reads, string? postgresBin, bool import, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(Invariant($"runtime    {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC{BenchText.DebugWarning}"));
        var generated = DirectoryGenerator.Generate(parties, phones, seed, Numbers);
        var file = Path.Combine(Path.GetTempPath(), "agiident-bench-" + Guid.NewGuid().ToString("N")[..12] + ".csv");
        try
        {
            var rows = Write(generated.Content.Parties, file);
            output.WriteLine(Invariant($"file       {rows} rows, {new FileInfo(file).Length / 1048576.0:0.0} MiB: {generated.Content.Parties.Count} parties, {generated.Numbers} numbers"));
            DirectoryFileContent? content = null;
            var times = new List<double>();
            for (var i = 0; i < reads; i++)
            {
                content = null;
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                // CPU time beside wall time: on a shared machine the wall time says more about the neighbours.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                content = DirectoryImporter.ReadFile(file, Numbers);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                times.Add(elapsed);
                output.WriteLine(Invariant($"read       {content.Parties.Count} parties, {content.Parties.Sum(p => p.Phones.Count)} phone fields, {content.Rejects.Count} rejects in {elapsed:0.00} s ({cpu.TotalSeconds:0.00} s CPU); {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0} MiB allocated"));
            }

            times.Sort();
            output.WriteLine(Invariant($"           median of {reads}: {times[times.Count / 2]:0.00} s"));
            if (content is null || content.Parties.Count != generated.Content.Parties.Count || content.Rejects.Count != 0)
            {
                output.WriteLine("           the file did not read back as generated");
                return 1;
            }

            if (!import || postgresBin is null)
            {
                output.WriteLine(import ? "import     skipped: no PostgreSQL binaries (--pg-bin)" : "import     skipped (--no-import)");
                return 0;
            }

            await using var throwaway = await PostgresServer.StartAsync(postgresBin).ConfigureAwait(false);
            var connection = new NpgsqlConnectionStringBuilder(await throwaway.CreateDatabaseNamedAsync("agiident").ConfigureAwait(false)) { CommandTimeout = 0 };
            await using var database = NpgsqlDataSource.Create(connection.ConnectionString);
            await SchemaMigrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
            foreach (var round in new[] { "into an empty directory", "over the same directory" })
            {
                var started = Stopwatch.GetTimestamp();
                var read = DirectoryImporter.ReadFile(file, Numbers);
                var readIn = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var imported = await DirectoryImporter.ImportAsync(database, read, merge: false, ImportGuard.Default, cancellationToken).ConfigureAwait(false);
                output.WriteLine(Invariant($"import     {round}: {imported.Parties} parties, {imported.Numbers} phone rows in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (read {readIn:0.0} s, write {Stopwatch.GetElapsedTime(started).TotalSeconds - readIn:0.0} s)"));
            }

            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Writes the parties as README's CSV: one row per phone field, the party's columns on its first row only.</summary>
    private static int Write(IReadOnlyList<Party> parties, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        writer.Write("id,code,kind,name,short_name,flags,debt,manager_name,manager_ext,language,greeting,deleted,changed,phone,phone_kind,contact\n");
        var rows = 0;
        foreach (var party in parties)
        {
            for (var i = 0; i < Math.Max(1, party.Phones.Count); i++)
            {
                var phone = i < party.Phones.Count ? party.Phones[i] : null;
                string?[] fields = i == 0
                    ? [party.Id, party.Code, party.Kind == PartyKind.Person ? "person" : "company", party.Name, party.ShortName, string.Join(';', party.Flags),
                        party.Debt?.ToString(CultureInfo.InvariantCulture), party.Manager?.Name, party.Manager?.Extension, party.Language, party.Greeting,
                        party.Deleted ? "true" : "false", party.Changed?.ToString("O", CultureInfo.InvariantCulture), phone?.Raw, phone?.Kind, phone?.Contact]
                    : [party.Id, null, null, null, null, null, null, null, null, null, null, null, null, phone?.Raw, phone?.Kind, phone?.Contact];
                writer.Write(string.Join(',', fields.Select(Quote)));
                writer.Write('\n');
                rows++;
            }
        }

        return rows;
    }

    private static string Quote(string? field) =>
        field is null ? string.Empty
        : field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : field;

}
