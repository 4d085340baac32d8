using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AgiIdent.Benchmarks;

/// <summary>The <c>agiident-load</c> command line.</summary>
internal static class LoadCommandLine
{
    /// <summary>Exit code of a usage error.</summary>
    public const int UsageError = 2;

    private static readonly string[] LogLevels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    /// <summary>Parses and runs; returns the exit code (0 all sessions FOUND, 1 failures, 2 usage error).</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var server = new Option<string?>("--server") { Description = "A separately started server, host:port (e.g. 127.0.0.1:4600). Without it the daemon runs in this process on a loopback port" };
        var serverPid = new Option<int?>("--server-pid") { Description = "Process id of the --server process, to read its RSS, threads and fds from /proc" };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Client threads, each running sessions back to back", DefaultValueFactory = _ => 1 };
        var sessions = new Option<long?>("--sessions", "-n") { Description = "Sessions to measure (default 20000; 1000000 with --memory-check)" };
        var seconds = new Option<double?>("--seconds", "-s") { Description = "Measure for this many seconds instead of a number of sessions" };
        var warmup = new Option<long>("--warmup") { Description = "Sessions run before measuring, not counted", DefaultValueFactory = _ => 2000 };
        var caller = new Option<string>("--caller") { Description = "Caller number presented (0441234567: the demo party ТОВ \"Ромашка\")", DefaultValueFactory = _ => "0441234567" };
        var log = new Option<bool>("--log") { Description = "Log the call summary line (AgiIdent.Calls at Information) so its cost is measured; lines go to stderr" };
        var logLevel = new Option<string?>("--log-level") { Description = "Serilog level of the AgiIdent.Calls category in the in-process server (default Warning: no line per call)" };
        logLevel.AcceptOnlyFromAmong(LogLevels);
        var memoryCheck = new Option<bool>("--memory-check") { Description = "Leak check: run --sessions (default 1000000) and print the server's memory every --memory-every sessions" };
        var memoryEvery = new Option<long>("--memory-every") { Description = "Sessions between memory checkpoints", DefaultValueFactory = _ => 100_000 };
        var timeout = new Option<int>("--timeout-ms") { Description = "A session whose server sends nothing for this long counts as broken", DefaultValueFactory = _ => 5000 };

        InRange(concurrency, 1, 1000, "at most the server's default AgiIdent:MaxSessions");
        InRange(sessions, 1, long.MaxValue);
        InRange(warmup, 0, long.MaxValue);
        InRange(memoryEvery, 1, long.MaxValue);
        InRange(timeout, 1, int.MaxValue);
        caller.Validators.Add(r =>
        {
            // The number goes into the environment block as is: a line break would end agi_callerid early.
            if (r.GetValueOrDefault<string>() is not { Length: > 0 } number || number.Any(char.IsControl))
            {
                r.AddError("--caller: must be a non-empty number without control characters");
            }
        });
        seconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is not (> 0 and < 86_400))
            {
                r.AddError("--seconds: must be above 0 and under a day");
            }
        });
        server.Validators.Add(r =>
        {
            if (ParseEndPoint(r.GetValueOrDefault<string?>()) is null)
            {
                r.AddError("--server: write host:port, e.g. 127.0.0.1:4600");
            }
        });

        var root = new RootCommand("agiident-load: plays many concurrent fake-Asterisk FastAGI sessions against the real AgiIdent server over loopback and reports sessions/s, session-time percentiles and server memory")
        {
            server, serverPid, concurrency, sessions, seconds, warmup, caller, log, logLevel, memoryCheck, memoryEvery, timeout,
        };
        root.Validators.Add(r =>
        {
            Exclusive(r, sessions, seconds);
            Exclusive(r, log, logLevel);
            Exclusive(r, memoryCheck, seconds);
            Exclusive(r, server, log);
            Exclusive(r, server, logLevel);
            if (r.GetResult(serverPid) is not null && r.GetResult(server) is null)
            {
                r.AddError("--server-pid: only with --server");
            }
        });
        root.SetAction(async (result, cancellationToken) =>
        {
            var memory = result.GetValue(memoryCheck);
            var options = new LoadOptions
            {
                Server = ParseEndPoint(result.GetValue(server)),
                ServerPid = result.GetValue(serverPid),
                Concurrency = result.GetValue(concurrency),
                Sessions = result.GetValue(sessions) ?? (memory ? 1_000_000 : 20_000),
                Duration = result.GetValue(seconds) is { } s ? TimeSpan.FromSeconds(s) : null,
                Warmup = result.GetValue(warmup),
                CallerNumber = result.GetValue(caller)!,
                CallsLogLevel = result.GetValue(log) ? "Information" : result.GetValue(logLevel) ?? "Warning",
                MemoryCheck = memory,
                MemoryEvery = result.GetValue(memoryEvery),
                TimeoutMs = result.GetValue(timeout),
            };
            return await LoadRunner.RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
        });
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            Console.Error.WriteLine("agiident-load --help lists the options");
            return Task.FromResult(UsageError);
        }

        return parsed.InvokeAsync();
    }

    /// <summary><c>host:port</c>; a name resolves to its first IPv4 address, else its first address.</summary>
    private static IPEndPoint? ParseEndPoint(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port > 0 && text.Contains(':', StringComparison.Ordinal))
        {
            return endPoint;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(text[..colon]);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return address is null ? null : new IPEndPoint(address, port);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static void InRange<T>(Option<T> option, long min, long max, string? why = null)
    {
        option.Validators.Add(r =>
        {
            var value = Convert.ToInt64(r.GetValueOrDefault<T>(), CultureInfo.InvariantCulture);
            if (value < min || value > max)
            {
                var range = max == long.MaxValue || max == int.MaxValue ? $"at least {min}" : $"{min}..{max}";
                r.AddError($"{option.Name}: {value} is out of range; allowed {range}{(why is null ? string.Empty : $" ({why})")}");
            }
        });
    }

    private static void Exclusive(CommandResult result, Option first, Option second)
    {
        if (result.GetResult(first) is { Implicit: false } && result.GetResult(second) is { Implicit: false })
        {
            result.AddError($"{first.Name} and {second.Name} cannot be used together");
        }
    }
}
