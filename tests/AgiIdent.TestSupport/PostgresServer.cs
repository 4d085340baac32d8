using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AgiIdent.TestSupport;

/// <summary>
/// A real PostgreSQL server that the test run starts itself: initdb and pg_ctl into a temporary directory, on a free
/// loopback port, stopped and deleted afterwards. As root (CI), the cluster runs as the <c>postgres</c> user, since
/// initdb refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
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

    /// <summary>What to tell someone whose machine lacks the server.</summary>
    public const string InstallHint = "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with 'apt-get install postgresql' (Debian/Ubuntu), or set AGIIDENT_PG_BIN to their folder.";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException(InstallHint);
        var directory = Path.Combine(Path.GetTempPath(), "agiident-pg-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new PostgresServer(bin, directory, FreePort());
        if (IsRoot)
        {
            await TestFiles.RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        await server.RunAsOwner("initdb", ["-D", server.Data, "-U", "agiident", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A connection string for a new, empty database of this server.</summary>
    public async Task<string> CreateDatabaseAsync(string? options = null)
    {
        var name = $"agiident_test_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} {options}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=agiident;Timeout=3;Command Timeout=10;Pooling=true";

    /// <summary>Stops the server the hard way, as a crash or a pulled cable would.</summary>
    public Task StopImmediateAsync() => RunAsOwner("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    /// <summary>
    /// Starts the server again after a stop, on the same port. fsync is off (the machine does not crash in a test),
    /// but commits stay synchronous: an immediate stop must lose nothing that was committed.
    /// </summary>
    public Task StartServerAsync() => RunAsOwner("pg_ctl", ["-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off", "start"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsOwner("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
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

    private string Data => Path.Combine(_directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    private Task<string> RunAsOwner(string program, string[] arguments) =>
        IsRoot
            ? TestFiles.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : TestFiles.RunAsync(Path.Combine(_bin, program), arguments);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("AGIIDENT_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debian))
        {
            var newest = System.IO.Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        return path;
    }
}

/// <summary>
/// A test that needs PostgreSQL. Without the server binaries it is skipped with the install hint, except under
/// <c>CI=true</c>, where it runs and fails with that hint, so CI never passes by skipping.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = PostgresServer.InstallHint;
        }
    }
}

/// <summary>A theory that needs PostgreSQL, skipped or failed as <see cref="PostgresFactAttribute"/> is.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = PostgresServer.InstallHint;
        }
    }
}

/// <summary>One PostgreSQL server shared by the tests of the "postgres" collection; each test takes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException(PostgresServer.InstallHint);

    public async Task InitializeAsync()
    {
        if (PostgresServer.BinDirectory is not null)
        {
            _server = await PostgresServer.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresGroup : ICollectionFixture<PostgresFixture>
{
}
