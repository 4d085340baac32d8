using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AgiIdent.Benchmarks;

/// <summary>
/// A PostgreSQL server of its own for a directory run, as the tests start one: initdb and pg_ctl into a temporary
/// folder, on a free loopback port, trust authentication, stopped and deleted afterwards. As root the cluster runs as
/// the <c>postgres</c> user (initdb refuses root). fsync is off (nothing here must survive a crash); commits stay
/// synchronous; everything else is PostgreSQL's default.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private ThrowawayPostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    private string Data => Path.Combine(_directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The connection string of database <paramref name="database"/> as user <c>agiident</c>.</summary>
    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Database={database};Username=agiident");

    /// <summary>Creates the cluster in a temporary folder, starts it and creates the database <c>agiident</c>.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(string bin)
    {
        var directory = Path.Combine(Path.GetTempPath(), "agiident-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new ThrowawayPostgres(bin, directory, FreePort());
        try
        {
            if (IsRoot)
            {
                await Run("chown", ["-R", "postgres:postgres", directory]).ConfigureAwait(false);
            }

            await server.RunAsOwner("initdb", ["-D", server.Data, "-U", "agiident", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]).ConfigureAwait(false);
            await server.StartServerAsync().ConfigureAwait(false);
            await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand("CREATE DATABASE agiident", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the server of the existing cluster (again, after <see cref="StopImmediateAsync"/>).</summary>
    public Task StartServerAsync() =>
        RunAsOwner("pg_ctl", ["-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off"), "start"]);

    /// <summary>Stops the server as a crash would (<c>pg_ctl stop -m immediate</c>): connections drop, nothing is flushed politely.</summary>
    public Task StopImmediateAsync() => RunAsOwner("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    /// <summary>Where the PostgreSQL server programs are: <c>AGIIDENT_PG_BIN</c>, else the newest under /usr/lib/postgresql, else PATH.</summary>
    public static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("AGIIDENT_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string Debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(Debian))
        {
            var newest = System.IO.Directory.GetDirectories(Debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsOwner("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Not started, or already stopped.
        }

        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder.
        }
    }

    private Task RunAsOwner(string program, string[] arguments) =>
        IsRoot
            ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : Run(Path.Combine(_bin, program), arguments);

    private static async Task Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
