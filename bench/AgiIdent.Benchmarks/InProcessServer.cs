using System.Net;
using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;

namespace AgiIdent.Benchmarks;

/// <summary>The real daemon (<see cref="AgiIdentHost"/>) in this process, on a loopback port chosen by the kernel.</summary>
internal sealed class InProcessServer : ServerUnderTest
{
    private readonly AgiIdentHost _host;
    private readonly string _callsLogLevel;

    private InProcessServer(AgiIdentHost host, string callsLogLevel)
    {
        _host = host;
        _callsLogLevel = callsLogLevel;
    }

    public override IPEndPoint EndPoint => _host.EndPoint;

    public override string Description =>
        $"in-process AgiIdentHost on {EndPoint} (embedded demo directory; AgiIdent.Calls logged at {_callsLogLevel}, server log on stderr)";

    /// <summary>
    /// The settings of a daemon run in the benchmark's own process: loopback on a free port, no HTTP port, the call
    /// summary category at <paramref name="callsLogLevel"/>, server log lines to stderr so they do not mix with the report.
    /// </summary>
    internal static Dictionary<string, string?> Settings(string callsLogLevel) => new()
    {
        ["AgiIdent:Listen"] = "127.0.0.1:0",
        ["AgiIdent:Http"] = string.Empty,
        ["Serilog:MinimumLevel:Default"] = "Information",
        ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
        ["Serilog:MinimumLevel:Override:AgiIdent.Calls"] = callsLogLevel,
        ["Serilog:WriteTo:0:Name"] = "Console",
        ["Serilog:WriteTo:0:Args:outputTemplate"] = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
        ["Serilog:WriteTo:0:Args:standardErrorFromLevel"] = "Verbose",
    };

    /// <summary>
    /// Starts the daemon as <c>agiident serve</c> would, with the shipped defaults except: port 0, and the call
    /// summary category at <paramref name="callsLogLevel"/>, and <c>AgiIdent:Protocol:Commands</c> at
    /// <paramref name="commands"/>. Server log lines go to stderr so they do not mix with the report on stdout; with
    /// <c>--log</c> they are part of what is measured.
    /// </summary>
    public static async Task<InProcessServer> StartAsync(string callsLogLevel, string commands = "Array")
    {
        var settings = Settings(callsLogLevel);
        settings["AgiIdent:Protocol:Commands"] = commands;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var host = AgiIdentHost.Create(configuration);
        try
        {
            await host.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new InProcessServer(host, callsLogLevel);
    }

    public override MemorySample SampleMemory(bool fullCollection)
    {
        var heap = GC.GetTotalMemory(fullCollection);
        var (_, threads, files) = ReadProc(Environment.ProcessId);
        return new MemorySample(Environment.WorkingSet, heap, threads, files);
    }

    public override async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }
}
