using System.Diagnostics;
using System.Text;

namespace AgiIdent.Tests.Cli;

/// <summary>Runs the real <c>agiident</c> executable (the build output referenced by this project) as a child process.</summary>
internal sealed class AgiIdentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly object _lock = new();

    /// <summary>
    /// How long a one-shot command may run: a cold <c>dotnet agiident.dll</c> start on a loaded 2-core machine takes
    /// seconds, a sync or import against a test PostgreSQL more; past this the process tree is killed.
    /// </summary>
    public static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(3);

    private AgiIdentProcess(Process process, string command)
    {
        _process = process;
        Command = command;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>The command line, for failure messages.</summary>
    public string Command { get; }

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_lock)
            {
                return _error.ToString();
            }
        }
    }

    public static AgiIdentProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agiident.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit settings meant for the test run, nor a service manager's variables.
        string[] inherited = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "CREDENTIALS_DIRECTORY", "STATE_DIRECTORY"];
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AgiIdent__", StringComparison.OrdinalIgnoreCase) || inherited.Contains(k)).ToList())
        {
            start.Environment.Remove(key);
        }

        // Nor an installed /etc/agiident of the machine running the tests (AgiIdentPaths): empty reads no settings file.
        start.Environment["AGIIDENT_CONFIG"] = string.Empty;

        // Several daemons run at once in the tests: no fixed monitoring port unless a test sets one.
        start.Environment["AgiIdent__Http"] = string.Empty;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var command = "agiident " + string.Join(' ', start.ArgumentList.Skip(1));
        return new AgiIdentProcess(Process.Start(start) ?? throw new InvalidOperationException($"{command}: did not start"), command);
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        await RunAsync(arguments, null);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, IDictionary<string, string>? environment)
    {
        using var process = Start(arguments, environment);
        await process.WaitForExitAsync(CommandLimit);
        return (process._process.ExitCode, process.Output, process.Error);
    }

    /// <summary>Waits for the exit; past <paramref name="timeout"/> kills the whole process tree and fails naming the command.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Command}' did not exit within {timeout.TotalSeconds:0} s and was killed. Output:\n{Output}\nError:\n{Error}");
        }

        _process.WaitForExit();
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"'{Command}': '{text}' did not appear{(_process.HasExited ? $" (exited with {_process.ExitCode})" : string.Empty)}. Output:\n{Output}\nError:\n{Error}");
            }

            await Task.Delay(20);
        }

        return Output;
    }

    /// <summary>Sends SIGTERM, as systemd and docker stop do.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.AppendLine(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
