using System.Globalization;
using System.Net;
using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;

namespace AgiIdent.Benchmarks;

/// <summary>The server process's memory at one moment; a null field could not be read.</summary>
internal readonly record struct MemorySample(long? ResidentBytes, long? GcHeapBytes, int? Threads, int? OpenFiles)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RSS {Mebibytes(ResidentBytes)}, GC heap {Mebibytes(GcHeapBytes)}, threads {Count(Threads)}, open fds {Count(OpenFiles)}");

    private static string Mebibytes(long? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0.0} MiB") : "n/a";

    private static string Count(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>The AgiIdent server under load: started in this process, or already running elsewhere.</summary>
internal abstract class ServerUnderTest : IAsyncDisposable
{
    /// <summary>Where the fake Asterisks connect.</summary>
    public abstract IPEndPoint EndPoint { get; }

    /// <summary>One line saying what is measured.</summary>
    public abstract string Description { get; }

    /// <summary>Reads the server process's memory; <paramref name="fullCollection"/> first forces a full GC where the server is in this process.</summary>
    public abstract MemorySample SampleMemory(bool fullCollection);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Reads <c>VmRSS</c> and <c>Threads</c> from <c>/proc/PID/status</c> and counts <c>/proc/PID/fd</c>; nulls where unreadable.</summary>
    protected static (long? Resident, int? Threads, int? OpenFiles) ReadProc(int pid)
    {
        long? resident = null;
        int? threads = null;
        int? files = null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    resident = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }

            files = System.IO.Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux, or not our process to read: report what was read.
        }

        return (resident, threads, files);
    }
}

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

/// <summary>A separately started <c>agiident serve</c>: the honest setup, client and server in different processes.</summary>
internal sealed class ExternalServer(IPEndPoint endPoint, int? pid) : ServerUnderTest
{
    public override IPEndPoint EndPoint => endPoint;

    public override string Description =>
        pid is { } p ? $"external server {endPoint} (pid {p}: RSS from /proc/{p}/status)" : $"external server {endPoint} (no --server-pid: server memory not read)";

    public override MemorySample SampleMemory(bool fullCollection)
    {
        if (pid is not { } p)
        {
            return default;
        }

        var (resident, threads, files) = ReadProc(p);
        return new MemorySample(resident, null, threads, files);
    }

    /// <summary>The server is not ours to stop.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
