using AgiIdent.Directory.Postgres;
using AgiIdent.Fake1C;
using AgiIdent.Hosting;
using AgiIdent.Sync;
using AgiIdent.Tests.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AgiIdent.Tests.Sync;

/// <summary>A fake 1C with its dataset, a migrated database, and the sync settings pointing one at the other.</summary>
internal sealed class SyncSetup : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;

    private SyncSetup(Fake1CServer onec, string connection, NpgsqlDataSource database, Dictionary<string, string?> settings)
    {
        OneC = onec;
        Connection = connection;
        _database = database;
        Settings = settings;
    }

    public Fake1CServer OneC { get; }

    public string Connection { get; }

    public Dictionary<string, string?> Settings { get; }

    public static async Task<SyncSetup> StartAsync(PostgresFixture fixture, Fake1CInfobase data, string preset, params (string Key, string Value)[] more)
    {
        var onec = await Fake1CServer.StartAsync(data);
        var connection = await fixture.Server.CreateDatabaseAsync();
        var database = NpgsqlDataSource.Create(connection);
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        var settings = new Dictionary<string, string?>
        {
            ["AgiIdent:Sync:Preset"] = preset,
            ["AgiIdent:Sync:OData:Url"] = onec.Url.ToString(),
            ["AgiIdent:Sync:OData:User"] = Fake1CServer.DefaultUser,
            ["AgiIdent:Sync:OData:Password"] = Fake1CServer.DefaultPassword,
            ["AgiIdent:Sync:OData:RetryDelayMs"] = "20",
            ["AgiIdent:Sync:Flags:" + Fake1CProperties.Prepayment] = "Prepayment",
            ["AgiIdent:Sync:Flags:" + Fake1CProperties.Category + "=" + Fake1CProperties.Vip] = "VIP",
            ["AgiIdent:Sync:Flags:" + Fake1CProperties.Blocked] = "Blocked",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new SyncSetup(onec, connection, database, settings);
    }

    /// <summary>The same 1C and database with more settings.</summary>
    public SyncSetup With(params (string Key, string Value)[] more)
    {
        foreach (var (key, value) in more)
        {
            Settings[key] = value;
        }

        return this;
    }

    public NpgsqlDataSource Database => _database;

    /// <summary>A daemon's settings on this database in snapshot mode, with these sync settings and a background sync every hour (so only its first run happens in a test).</summary>
    public Dictionary<string, string?> DaemonSettings()
    {
        var settings = PostgresDirectoryTests.Postgres(Connection, refreshSeconds: 3600);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        settings["AgiIdent:Sync:IntervalSeconds"] = "3600";
        return settings;
    }

    public AgiIdentOptions Options() => AgiIdentConfiguration.Bind(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());

    public Task<SyncResult> RunAsync() => RunAsync(forceFull: false);

    public async Task<SyncResult> RunAsync(bool forceFull)
    {
        var options = Options();
        using var client = new ODataClient(options.Sync.OData);
        return await new ODataReplicator(options.Sync, options.Numbering, _database, client).RunAsync(forceFull, CancellationToken.None);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An amount as the directory and AGIIDENT_DEBT write it.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Daemon settings with Russian numbering, for the БП and УНФ datasets.</summary>
    public static Dictionary<string, string?> Ru(Dictionary<string, string?> settings)
    {
        settings["AgiIdent:Numbering:Country"] = "RU";
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await OneC.DisposeAsync();
    }
}
