using System.Net;
using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgiIdent.Tests.Server;

/// <summary>The real daemon, started in-process on a free loopback port with the given settings.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly AgiIdentHost _host;
    private bool _stopped;
    private bool _disposed;

    private TestServer(AgiIdentHost host) => _host = host;

    public IPEndPoint EndPoint => _host.EndPoint;

    public AgiIdentHost Host => _host;

    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "directory.json");

    public static async Task<TestServer> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AgiIdent:Listen"] = "127.0.0.1:0",
            ["AgiIdent:Directory:File"] = FixtureDirectory,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Generous, so that a loaded test machine never cuts a session short; budget tests set their own.
            ["AgiIdent:SessionBudgetMs"] = "5000",
            // Many servers run at once in the tests: the monitoring port only where a test asks for it.
            ["AgiIdent:Http"] = string.Empty,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var host = AgiIdentHost.Create(configuration, services);
        await host.StartAsync();
        return new TestServer(host);
    }

    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_stopped)
        {
            await _host.StopAsync();
        }

        await _host.DisposeAsync();
    }
}
