using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AgiIdent.Benchmarks;

/// <summary>
/// <c>agiident serve</c> in a process of its own, configured through the environment as an admin would, its log
/// lines collected with the time they arrived. What users run, so its RSS is what they would see.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly List<(long Timestamp, string Line)> _lines = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private ServeProcess(Process process, IPEndPoint endPoint, long started)
    {
        _process = process;
        EndPoint = endPoint;
        Started = started;
    }

    /// <summary>The FastAGI endpoint.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The process id, for /proc.</summary>
    public int Pid => _process.Id;

    /// <summary><see cref="Stopwatch"/> timestamp of the process start.</summary>
    public long Started { get; }

    /// <summary>The startup line's pattern: it is written once the directory is loaded and the port is open.</summary>
    [GeneratedRegex(@"AgiIdent listening for FastAGI on ")]
    public static partial Regex StartupLine();

    /// <summary>Starts <paramref name="program"/> <c>serve</c> with <paramref name="settings"/> as environment variables, on a free loopback port.</summary>
    public static ServeProcess Start(string program, IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.Environment["AgiIdent__Listen"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        // No line per call: the call summary's cost is measured elsewhere (--log of the plain load run).
        start.Environment["Serilog__MinimumLevel__Override__AgiIdent.Calls"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var serve = new ServeProcess(process, new IPEndPoint(IPAddress.Loopback, port), started);
        process.OutputDataReceived += (_, e) => serve.Add(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Lines so far.</summary>
    public IReadOnlyList<(long Timestamp, string Line)> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>
    /// Waits for the first line at or after position <paramref name="from"/> that matches <paramref name="pattern"/>;
    /// returns it with its position and arrival time. Throws when the process exits or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<(int Index, long Timestamp, Match Match)> WaitForLineAsync(Regex pattern, int from, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var next = from;
        while (true)
        {
            List<(long, string)> lines;
            lock (_lock)
            {
                lines = _lines.GetRange(next, _lines.Count - next);
            }

            foreach (var (timestamp, line) in lines)
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return (next, timestamp, match);
                }

                next++;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"agiident serve exited with code {_process.ExitCode}; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, Lines.TakeLast(20).Select(l => l.Line))}");
            }

            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                throw new TimeoutException($"agiident serve wrote no line matching '{pattern}' within {timeout.TotalSeconds:0} s");
            }

            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(200, left * 1000.0 / Stopwatch.Frequency))).ConfigureAwait(false);
        }
    }

    /// <summary>Reads <c>VmRSS</c> and <c>VmHWM</c> (the peak) from <c>/proc/PID/status</c>, in bytes.</summary>
    public (long Resident, long Peak) Memory()
    {
        long resident = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (resident, peak);
    }

    /// <summary>The process's user and system time so far: what a start costs, which a loaded machine does not inflate as it does the wall time.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Kills the process (SIGKILL): how it stops does not matter to what is measured.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        _arrived.Dispose();
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Add((Stopwatch.GetTimestamp(), line));
        }

        try
        {
            _arrived.Release();
        }
        catch (ObjectDisposedException)
        {
            // A last line after the process was disposed: nobody waits for it.
        }
    }
}
