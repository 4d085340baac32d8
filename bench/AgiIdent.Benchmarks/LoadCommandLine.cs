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
        root.Subcommands.Add(DirectoryCommand());
        root.Subcommands.Add(SyncCommand());
        root.Subcommands.Add(SoakCommand());
        root.Subcommands.Add(RoundTripCommand());
        root.Subcommands.Add(ParseCommand());
        root.Subcommands.Add(AllocCommand());
        root.Subcommands.Add(CsvImportCommand());
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

    /// <summary>
    /// <c>agiident-load directory</c>: the PostgreSQL directory at size (a generated 1C directory in a throwaway or
    /// given PostgreSQL; <c>agiident serve</c> in snapshot and direct mode; refresh of changed parties).
    /// </summary>
    private static Command SyncCommand()
    {
        var customers = new Option<int>("--customers") { Description = "Partners in the generated 1C infobase", DefaultValueFactory = _ => 100_000 };
        var phones = new Option<int>("--phones-per-customer") { Description = "Phone rows per partner", DefaultValueFactory = _ => 2 };
        var changed = new Option<int>("--changed") { Description = "Partners changed before each incremental run", DefaultValueFactory = _ => 100 };
        var rounds = new Option<int>("--rounds") { Description = "Incremental runs", DefaultValueFactory = _ => 5 };
        var pageSize = new Option<int>("--page-size") { Description = "AgiIdent:Sync:OData:PageSize", DefaultValueFactory = _ => 1000 };
        var postgresBin = new Option<string?>("--pg-bin") { Description = "Folder of initdb and pg_ctl for the throwaway server (default: AGIIDENT_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH)" };
        var agiident = new Option<string>("--agiident") { Description = "The agiident program to run as the sync", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "agiident") };
        var heapLimit = new Option<int>("--heap-limit-mb") { Description = "Run agiident with its GC heap capped at this many MiB (DOTNET_GCHeapHardLimit): a sync that streams fits whatever the size; 0 for no cap", DefaultValueFactory = _ => 0 };
        InRange(heapLimit, 0, 1_000_000);
        InRange(customers, 1, 10_000_000);
        InRange(phones, 1, 10);
        InRange(changed, 1, 1000);
        InRange(rounds, 1, 100);
        InRange(pageSize, 1, 10_000);
        var command = new Command("sync", "The 1C sync at size: a generated УТ 11 infobase (100,000 partners, 200,000 phones by default) served by a fake 1C OData server, agiident sync into a throwaway PostgreSQL: a full run, then incremental runs after changing --changed partners; wall time and peak RSS of each run")
        {
            customers, phones, changed, rounds, pageSize, postgresBin, agiident, heapLimit,
        };
        command.SetAction(async (result, cancellationToken) =>
            await PostgresAndProgram(result, postgresBin, agiident).ConfigureAwait(false) is { } found
                ? await SyncBench.RunAsync(result.GetValue(customers), result.GetValue(phones), result.GetValue(changed), result.GetValue(rounds), result.GetValue(pageSize), result.GetValue(heapLimit), found.Bin, found.Program, Console.Out, cancellationToken).ConfigureAwait(false)
                : UsageError);
        return command;
    }

    private static Command SoakCommand()
    {
        var sessions = new Option<long>("--sessions", "-n") { Description = "Sessions of the main mix to play", DefaultValueFactory = _ => 1_000_000 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Client threads playing the main mix", DefaultValueFactory = _ => 8 };
        var stallers = new Option<int>("--stall-clients") { Description = "Threads beside them that stall (half the environment, or no reply to the first command), one session after another", DefaultValueFactory = _ => 2 };
        var outageEvery = new Option<int>("--outage-every") { Description = "Seconds between PostgreSQL stops (pg_ctl stop -m immediate)", DefaultValueFactory = _ => 60 };
        var outage = new Option<int>("--outage-seconds") { Description = "Seconds PostgreSQL stays stopped each time", DefaultValueFactory = _ => 15 };
        var syncInterval = new Option<int>("--sync-interval") { Description = "AgiIdent:Sync:IntervalSeconds of the daemon (a customer is renamed in the fake 1C as often)", DefaultValueFactory = _ => 10 };
        var budget = new Option<int>("--budget-ms") { Description = "AgiIdent:SessionBudgetMs of the daemon", DefaultValueFactory = _ => 300 };
        var every = new Option<int>("--report-every") { Description = "Seconds between progress lines (sessions, errors, RSS)", DefaultValueFactory = _ => 30 };
        var postgresBin = new Option<string?>("--pg-bin") { Description = "Folder of initdb and pg_ctl for the throwaway server (default: AGIIDENT_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH)" };
        var agiident = new Option<string>("--agiident") { Description = "The agiident program to run as the daemon", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "agiident") };
        InRange(sessions, 1, long.MaxValue);
        InRange(concurrency, 1, 1000);
        InRange(stallers, 0, 100);
        InRange(outageEvery, 5, 86_400);
        InRange(outage, 1, 3600);
        InRange(syncInterval, 10, 86_400, "the daemon's own lower limit");
        InRange(budget, 50, 10_000);
        InRange(every, 1, 3600);
        var command = new Command("soak", "A long run under faults: the real daemon, its snapshot filled by its own background sync from a fake 1C, PostgreSQL stopped and started on a schedule; a mix of found, hostile, unknown and withheld callers, garbage, early hangups and stalling clients; errors (none allowed), sessions over budget, RSS over time, longest sessions")
        {
            sessions, concurrency, stallers, outageEvery, outage, syncInterval, budget, every, postgresBin, agiident,
        };
        command.SetAction(async (result, cancellationToken) =>
            await PostgresAndProgram(result, postgresBin, agiident).ConfigureAwait(false) is { } found
                ? await SoakBench.RunAsync(
                    new SoakOptions(result.GetValue(sessions), result.GetValue(concurrency), result.GetValue(stallers), result.GetValue(outageEvery), result.GetValue(outage), result.GetValue(syncInterval), result.GetValue(budget), result.GetValue(every), found.Bin, found.Program),
                    Console.Out,
                    cancellationToken).ConfigureAwait(false)
                : UsageError);
        return command;
    }

    /// <summary>The PostgreSQL server binaries and the agiident program a command runs; null (after saying why on stderr) when either is missing.</summary>
    private static async Task<(string Bin, string Program)?> PostgresAndProgram(ParseResult result, Option<string?> postgresBin, Option<string> agiident)
    {
        var bin = result.GetValue(postgresBin) ?? PostgresServer.FindBinaries();
        if (bin is null || !File.Exists(Path.Combine(bin, "initdb")))
        {
            await Console.Error.WriteLineAsync("PostgreSQL server binaries (initdb, pg_ctl) not found: install them (apt-get install postgresql) or pass --pg-bin").ConfigureAwait(false);
            return null;
        }

        var program = result.GetValue(agiident)!;
        if (!File.Exists(program))
        {
            await Console.Error.WriteLineAsync($"--agiident: '{program}' does not exist; build the solution first (dotnet build -c Release)").ConfigureAwait(false);
            return null;
        }

        return (bin, program);
    }

    private static Command RoundTripCommand()
    {
        var sessions = new Option<long>("--sessions", "-n") { Description = "Sessions measured per row", DefaultValueFactory = _ => 20_000 };
        var warmup = new Option<long>("--warmup") { Description = "Sessions run before each row, not counted", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Clients of the concurrent rows", DefaultValueFactory = _ => 8 };
        InRange(sessions, 1, long.MaxValue);
        InRange(warmup, 0, long.MaxValue);
        InRange(concurrency, 1, 1000);
        var command = new Command("round-trip", "A found caller against a raw-socket floor server (one fixed command), the daemon with AgiIdent:Protocol:Commands=Array and with Single; one client and --concurrency clients; p50/p99/p99.9, sessions/s, commands per session")
        {
            sessions, warmup, concurrency,
        };
        command.SetAction((result, cancellationToken) =>
            RoundTripBench.RunAsync(result.GetValue(sessions), result.GetValue(warmup), result.GetValue(concurrency), Console.Out, cancellationToken));
        return command;
    }

    private static Command AllocCommand()
    {
        var iterations = new Option<int>("--iterations", "-n") { Description = "Sessions measured per row (as many run first, not counted)", DefaultValueFactory = _ => 20_000 };
        InRange(iterations, 1, int.MaxValue);
        var command = new Command("alloc", "Bytes one found caller's session allocates in the daemon, part by part (environment, caller read, identification, answer, whole session with and without its summary line), counted exactly over in-memory pipes; gen0 collections per 10,000 sessions")
        {
            iterations,
        };
        command.SetAction((result, _) => AllocBench.RunAsync(result.GetValue(iterations), Console.Out));
        return command;
    }

    private static Command ParseCommand()
    {
        var iterations = new Option<int>("--iterations", "-n") { Description = "Reads measured per form (as many run first, not counted)", DefaultValueFactory = _ => 200_000 };
        InRange(iterations, 1, int.MaxValue);
        var command = new Command("parse", "The cost of reading one number in this process: a caller as a trunk sends it (once per call) and a stored 1C field (once per phone at import and sync), per form; µs and bytes allocated per read")
        {
            iterations,
        };
        command.SetAction(result => ParseBench.Run(result.GetValue(iterations), Console.Out));
        return command;
    }

    private static Command CsvImportCommand()
    {
        var parties = new Option<int>("--parties") { Description = "Parties generated", DefaultValueFactory = _ => 500_000 };
        var phones = new Option<int>("--phones") { Description = "Numbers generated over all parties' phone fields; at least --parties", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated directory", DefaultValueFactory = _ => 1 };
        var reads = new Option<int>("--reads") { Description = "Times the file is read (the median is reported)", DefaultValueFactory = _ => 3 };
        var postgresBin = new Option<string?>("--pg-bin") { Description = "Folder of initdb and pg_ctl for the throwaway server of the import (default: AGIIDENT_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH)" };
        InRange(parties, 1, 50_000_000);
        InRange(phones, 1, 100_000_000);
        var noImport = new Option<bool>("--no-import") { Description = "Only write and read the file" };
        InRange(reads, 1, 100);
        var command = new Command("csv", "agiident import FILE.csv at size: the generated directory (500,000 parties, 1,000,000 numbers by default) written as README's CSV, read back --reads times, then imported twice into a throwaway PostgreSQL (into an empty directory, and over itself)")
        {
            parties, phones, seed, reads, postgresBin, noImport,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(phones) < r.GetValue(parties))
            {
                r.AddError("--phones: every party has at least one number, so at least --parties");
            }
        });
        command.SetAction((result, cancellationToken) => CsvImportBench.RunAsync(
            result.GetValue(parties), result.GetValue(phones), result.GetValue(seed), result.GetValue(reads),
            result.GetValue(postgresBin) ?? PostgresServer.FindBinaries(), !result.GetValue(noImport), Console.Out, cancellationToken));
        return command;
    }

    private static Command DirectoryCommand()
    {
        var parties = new Option<int>("--parties") { Description = "Parties generated", DefaultValueFactory = _ => 500_000 };
        var phones = new Option<int>("--phones") { Description = "Numbers generated over all parties' phone fields (rows of agiident.phone); at least --parties", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated directory and of the callers' picks", DefaultValueFactory = _ => 1 };
        var connection = new Option<string?>("--connection") { Description = "An existing PostgreSQL database (Npgsql connection string) instead of a throwaway server; its agiident schema is created if missing and its directory REPLACED" };
        var noImport = new Option<bool>("--no-import") { Description = "With --connection: the database already holds this directory (same --parties, --phones, --seed); skip migrate and import" };
        var postgresBin = new Option<string?>("--pg-bin") { Description = "Folder of initdb and pg_ctl for the throwaway server (default: AGIIDENT_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH)" };
        var agiident = new Option<string>("--agiident") { Description = "The agiident program to start as the server", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "agiident") };
        var serverEnvironment = new Option<string[]>("--server-env") { Description = "NAME=VALUE: an environment variable for the started agiident servers, e.g. DOTNET_GCConserveMemory=9; repeatable", DefaultValueFactory = _ => [] };
        var steps = new Option<string>("--steps") { Description = "What to run, comma-separated: snapshot (load time, RSS, sessions), notify (COMMIT to call), refresh (in this process), direct, file (serve from a JSON directory file), cache (serve from the cache file, PostgreSQL down)", DefaultValueFactory = _ => "snapshot,notify,refresh,direct" };
        var sessions = new Option<long>("--sessions", "-n") { Description = "Sessions of the one-client runs", DefaultValueFactory = _ => 20_000 };
        var seconds = new Option<double>("--seconds", "-s") { Description = "Seconds of the many-client runs", DefaultValueFactory = _ => 15 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Clients of the many-client runs", DefaultValueFactory = _ => 8 };
        var warmup = new Option<long>("--warmup") { Description = "Sessions run before each measured run, not counted", DefaultValueFactory = _ => 2000 };
        var missShare = new Option<double>("--miss-share") { Description = "Share of callers in no party (they must get no FOUND)", DefaultValueFactory = _ => 0.05 };
        var rounds = new Option<int>("--rounds") { Description = "Refresh rounds (notify and refresh steps)", DefaultValueFactory = _ => 20 };
        var changed = new Option<int>("--changed") { Description = "Parties changed per round", DefaultValueFactory = _ => 100 };
        var timeout = new Option<int>("--timeout-ms") { Description = "A session whose server sends nothing for this long counts as broken", DefaultValueFactory = _ => 5000 };

        InRange(parties, 1, 50_000_000);
        InRange(phones, 1, 100_000_000);
        InRange(concurrency, 1, 1000, "at most the server's default AgiIdent:MaxSessions");
        InRange(sessions, 1, long.MaxValue);
        InRange(warmup, 0, long.MaxValue);
        InRange(rounds, 1, 10_000);
        InRange(changed, 1, 5_000, "AgiIdent rebuilds the whole snapshot beyond 5000 changed parties");
        InRange(timeout, 1, int.MaxValue);
        seconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and < 86_400))
            {
                r.AddError("--seconds: must be above 0 and under a day");
            }
        });
        missShare.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (>= 0 and < 1))
            {
                r.AddError("--miss-share: must be from 0 up to (not including) 1");
            }
        });
        serverEnvironment.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string[]>()?.Any(e => e.IndexOf('=', StringComparison.Ordinal) <= 0) == true)
            {
                r.AddError("--server-env: write NAME=VALUE, e.g. DOTNET_GCConserveMemory=9");
            }
        });
        steps.Validators.Add(r =>
        {
            if (ParseSteps(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError("--steps: a comma-separated list of snapshot, notify, refresh, direct, file, cache");
            }
        });

        var command = new Command("directory", "The PostgreSQL directory at size: generates a 1C-like directory (500,000 parties, 1,000,000 numbers by default), imports it into a throwaway PostgreSQL, and measures agiident serve in snapshot mode (load time, RSS, sessions with random callers), the time from COMMIT to a call that sees the change, the refresh of changed parties, and direct mode")
        {
            parties, phones, seed, connection, noImport, postgresBin, agiident, serverEnvironment, steps, sessions, seconds, concurrency, warmup, missShare, rounds, changed, timeout,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(phones) < r.GetValue(parties))
            {
                r.AddError("--phones: every party has at least one number, so at least --parties");
            }

            if (r.GetResult(noImport) is { Implicit: false } && r.GetResult(connection) is null)
            {
                r.AddError("--no-import: only with --connection");
            }

            Exclusive(r, connection, postgresBin);
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var program = result.GetValue(agiident)!;
            var bin = result.GetValue(connection) is null ? result.GetValue(postgresBin) ?? PostgresServer.FindBinaries() : null;
            if (result.GetValue(connection) is null && (bin is null || !File.Exists(Path.Combine(bin, "initdb"))))
            {
                await Console.Error.WriteLineAsync("PostgreSQL server binaries (initdb, pg_ctl) not found: install them (apt-get install postgresql), pass --pg-bin, or use an existing server with --connection").ConfigureAwait(false);
                return UsageError;
            }

            if (!File.Exists(program))
            {
                await Console.Error.WriteLineAsync($"--agiident: '{program}' does not exist; build the solution first (dotnet build -c Release)").ConfigureAwait(false);
                return UsageError;
            }

            var options = new DirectoryBenchOptions
            {
                Parties = result.GetValue(parties),
                Phones = result.GetValue(phones),
                Seed = result.GetValue(seed),
                Connection = result.GetValue(connection),
                NoImport = result.GetValue(noImport),
                PostgresBin = bin,
                Agiident = program,
                ServerEnvironment = result.GetValue(serverEnvironment)!.Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1], StringComparer.Ordinal),
                Steps = ParseSteps(result.GetValue(steps))!.Value,
                Sessions = result.GetValue(sessions),
                Seconds = result.GetValue(seconds),
                Concurrency = result.GetValue(concurrency),
                Warmup = result.GetValue(warmup),
                MissShare = result.GetValue(missShare),
                Rounds = result.GetValue(rounds),
                Changed = result.GetValue(changed),
                TimeoutMs = result.GetValue(timeout),
            };
            return await DirectoryBench.RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static DirectoryStep? ParseSteps(string? text)
    {
        var steps = DirectoryStep.None;
        foreach (var name in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<DirectoryStep>(name, ignoreCase: true, out var step) || step is DirectoryStep.None || !Enum.IsDefined(step))
            {
                return null;
            }

            steps |= step;
        }

        return steps == DirectoryStep.None ? null : steps;
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
