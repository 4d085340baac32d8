namespace AgiIdent.Tests.Postgres;

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
