using System.Globalization;
using Npgsql;

namespace AgiIdent.TestSupport;

/// <summary>
/// A real PostgreSQL server that a test run or a benchmark starts itself: initdb and pg_ctl into a temporary
/// directory, on a free loopback port, trust authentication, stopped and deleted afterwards. As root (CI), the
/// cluster runs as the <c>postgres</c> user, since initdb refuses root. fsync is off (nothing here must survive a
/// crash of the machine); commits stay synchronous; everything else is PostgreSQL's default.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>What to tell someone whose machine lacks the server.</summary>
    public const string InstallHint = "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with 'apt-get install postgresql' (Debian/Ubuntu), or set AGIIDENT_PG_BIN to their folder.";

    private readonly string _directory;
    private readonly string _bin;
    private int _databases;

    private PostgresServer(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Where the PostgreSQL server programs are, or null when they are not installed.</summary>
    public static string? BinDirectory { get; } = FindBinaries();

    private string Data => Path.Combine(_directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates a cluster with the programs in <paramref name="bin"/> (default <see cref="BinDirectory"/>) and starts it.</summary>
    public static async Task<PostgresServer> StartAsync(string? bin = null)
    {
        bin ??= BinDirectory ?? throw new InvalidOperationException(InstallHint);
        var directory = Path.Combine(Path.GetTempPath(), "agiident-pg-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new PostgresServer(bin, directory, LoopbackPort.Free());
        try
        {
            if (IsRoot)
            {
                await TestFiles.RunAsync("chown", ["-R", "postgres:postgres", directory]);
            }

            await server.RunAsOwner("initdb", ["-D", server.Data, "-U", "agiident", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection string for a new, empty database of this server, with short timeouts so that a test waiting on a
    /// server that is gone fails soon.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? options = null)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"agiident_test_{Interlocked.Increment(ref _databases)}");
        await CreateDatabaseAsync(name, options);
        return ConnectionString(name) + ";Timeout=3;Command Timeout=10;Pooling=true";
    }

    /// <summary>Creates the database <paramref name="name"/> and returns its <see cref="ConnectionString"/>.</summary>
    public async Task<string> CreateDatabaseNamedAsync(string name)
    {
        await CreateDatabaseAsync(name, null);
        return ConnectionString(name);
    }

    /// <summary>The connection string of <paramref name="database"/> as user <c>agiident</c>, Npgsql's defaults otherwise.</summary>
    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Database={database};Username=agiident");

    /// <summary>Stops the server the hard way (<c>pg_ctl stop -m immediate</c>), as a crash or a pulled cable would.</summary>
    public Task StopImmediateAsync() => RunAsOwner("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    /// <summary>
    /// Starts the server of the cluster (again, after <see cref="StopImmediateAsync"/>), on the same port. fsync is off,
    /// but commits stay synchronous: an immediate stop must lose nothing that was committed.
    /// </summary>
    public Task StartServerAsync() =>
        RunAsOwner("pg_ctl", ["-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off"), "start"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopImmediateAsync();
        }
        catch (InvalidOperationException)
        {
            // Not started, or already stopped.
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder.
        }
    }

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

    private async Task CreateDatabaseAsync(string name, string? options)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} {options}", connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task<string> RunAsOwner(string program, string[] arguments) =>
        IsRoot
            ? TestFiles.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : TestFiles.RunAsync(Path.Combine(_bin, program), arguments);
}
