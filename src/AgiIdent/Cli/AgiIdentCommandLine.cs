using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using AgiIdent.CallerId;
using AgiIdent.Diagnostics;
using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Display;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog;
using Log = AgiIdent.Diagnostics.Log;
using AgiIdent.Hosting;
using AgiIdent.Rules;
using AgiIdent.Sync;
using AgiIdent.Settings;

namespace AgiIdent.Cli;

/// <summary>The <c>agiident</c> command line: <c>serve</c> (default), <c>lookup</c>, <c>call</c>.</summary>
public static class AgiIdentCommandLine
{
    /// <summary>Exit code of a configuration or usage error.</summary>
    public const int ConfigurationError = 2;

    private static readonly Option<string?> ConfigOption = new("--config", "-c")
    {
        Description = "A JSON settings file (the same keys as appsettings.json), read after appsettings.json and before environment variables",
        Recursive = true,
    };

    /// <summary>Parses and runs the command line; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("AgiIdent: caller identification for Asterisk from a copy of your 1C:Enterprise data. FastAGI: same => n,AGI(agi://127.0.0.1:4573/ident)");
        root.Options.Add(ConfigOption);
        var serve = ServeCommand();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(LookupCommand());
        root.Subcommands.Add(CallCommand());
        root.Subcommands.Add(RulesCommand());
        root.Subcommands.Add(DatabaseCommand());
        root.Subcommands.Add(ImportCommand());
        root.Subcommands.Add(SyncCommand());
        root.SetAction((result, cancellationToken) => ServeAsync(result));
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            // One line per mistake instead of the help text: what systemd's journal and a script's log can show.
            // An unknown word under a command that needs a subcommand is one mistake, not also "required command missing".
            var unmatched = parsed.UnmatchedTokens.Select(static t => $"'{t}'").ToList();
            var errors = parsed.Errors.Where(e => e.SymbolResult is not CommandResult command || unmatched.Count == 0 ||
                unmatched.Any(t => e.Message.Contains(t, StringComparison.Ordinal)) ||
                !parsed.Errors.Any(o => o.SymbolResult == command && unmatched.Any(t => o.Message.Contains(t, StringComparison.Ordinal))));
            foreach (var error in errors)
            {
                Console.Error.WriteLine(UsageError(error));
            }

            return Task.FromResult(ConfigurationError);
        }

        return parsed.InvokeAsync();
    }

    /// <summary>A parse error as one line: the command or argument, what is wrong, and what it takes.</summary>
    private static string UsageError(ParseError error)
    {
        var message = error.Message.TrimEnd('.');
        switch (error.SymbolResult)
        {
            case OptionResult { Option: var option } result when option.ValueType == typeof(int) && result.Tokens.Count > 0:
                return $"{option.Name}: '{string.Join(' ', result.Tokens.Select(static t => t.Value))}' is not a whole number; {option.Description}";
            case OptionResult { Option: var option }:
                return $"{option.Name}: {message}; {option.Description}";
            case ArgumentResult { Argument: var argument }:
                return $"{argument.Name}: {message}; {argument.Description}";
            case CommandResult { Command: var command } result:
                var path = string.Join(' ', CommandPath(result).Reverse());
                var missing = command.Arguments.FirstOrDefault(a => message.Contains($"'{a.Name}'", StringComparison.Ordinal));
                if (missing is not null)
                {
                    return $"{path} {missing.Name}: {message}; {missing.Description}";
                }

                var commands = command.Subcommands.Where(static c => !c.Hidden).Select(static c => c.Name).ToList();
                var options = command.Options.Where(static o => !o.Hidden && o is not HelpOption and not VersionOption).Append(ConfigOption).Distinct().Select(static o => o.Name).ToList();
                var takes = commands.Count > 0 ? $"commands {string.Join(", ", commands)}; options {string.Join(", ", options)}" : $"options {string.Join(", ", options)}";
                return $"{path}: {message}; {path} takes {takes} ({path} --help)";
            default:
                return message;
        }
    }

    private static IEnumerable<string> CommandPath(CommandResult? result)
    {
        for (; result is not null; result = result.Parent as CommandResult)
        {
            yield return result.Parent is null ? "agiident" : result.Command.Name;
        }
    }

    private static Command ServeCommand()
    {
        var serve = new Command("serve", "Run the FastAGI daemon (the default when no verb is given)");
        serve.SetAction((result, cancellationToken) => ServeAsync(result));
        return serve;
    }

    private static async Task<int> ServeAsync(ParseResult result)
    {
        try
        {
            await using var host = AgiIdentHost.Create(AgiIdentConfiguration.Build(result.GetValue(ConfigOption)));
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (ConfigurationErrorsException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ConfigurationError;
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ConfigurationError;
        }
    }

    private static Command LookupCommand()
    {
        var number = new Argument<string>("NUMBER") { Description = "The caller number as a trunk would deliver it, e.g. 0441234567 or +380441234567" };
        var dnid = new Option<string>("--dnid") { Description = "The dialled number (DID) the rules see", DefaultValueFactory = _ => string.Empty };
        var options = new Option<string[]>("--option", "-o") { Description = "A query option of the AGI URL, NAME=VALUE (e.g. tenant=kyiv); repeatable", AllowMultipleArgumentsPerToken = false };
        var forExtension = new Option<string?>("--for") { Description = "Show the screen of the phone with this extension (its display profile)" };
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON" };
        var wire = new Option<bool>("--wire") { Description = "Also print the exact command lines a call gets (AgiIdent:Protocol:Commands decides how many)" };
        var lookup = new Command("lookup", "Show what a call from NUMBER would get: the phone screen, every variable, and each rule that fired and why");
        lookup.Arguments.Add(number);
        lookup.Options.Add(dnid);
        lookup.Options.Add(options);
        lookup.Options.Add(forExtension);
        lookup.Options.Add(json);
        lookup.Options.Add(wire);
        lookup.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var settings = AgiIdentConfiguration.Bind(AgiIdentConfiguration.Build(result.GetValue(ConfigOption)));
                var query = ParseOptions(result.GetValue(options) ?? []);
                var extension = result.GetValue(forExtension);
                if (!string.IsNullOrEmpty(extension))
                {
                    query[IdentScript.ForOption] = extension;
                }

                var numbers = settings.CreateNumberParser();
                var screens = ScreenProfileFactory.Create(settings.Display, settings.Numbering);
                // The directory starts as in the daemon (a snapshot loads, from the cache file while PostgreSQL is down)
                // and stops with the lookup, writing the cache file as the daemon does.
                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
                builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
                builder.AddDirectory(settings.Directory, numbers, serving: false);
                using var host = builder.Build();
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var directory = host.Services.GetRequiredService<IPartyDirectory>();
                    if (settings.Directory is { Source: DirectorySource.File, File: var file } && string.IsNullOrWhiteSpace(file))
                    {
                        await Console.Error.WriteLineAsync("note: the embedded demo directory is in use (set AgiIdent:Directory:File for your own)").ConfigureAwait(false);
                    }

                    var profile = screens.For(extension);
                    var identification = await new CallerIdentifier(numbers, directory, screens)
                        .IdentifyAsync(result.GetValue(number)!, profile, cancellationToken).ConfigureAwait(false);
                    var outcomes = new List<RuleOutcome>();
                    // What a ringing phone's pre-dial handler gets is its own screen, no rules.
                    var answer = string.IsNullOrEmpty(extension)
                        ? CallAnswer.ForCaller(identification, RuleSet.Compile(settings.Rules), result.GetValue(dnid)!, string.Empty, query, settings.Protocol.Commands, outcomes)
                        : CallAnswer.ForPhone(identification, settings.Protocol.Commands);
                    var report = new LookupReport(answer, profile, outcomes, result.GetValue(wire));
                    await Console.Out.WriteAsync(result.GetValue(json) ? report.ToJson() : report.ToText()).ConfigureAwait(false);
                    return 0;
                }
                finally
                {
                    await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is ConfigurationErrorsException or InvalidDataException or FormatException)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ConfigurationError;
            }
            catch (DirectoryUnavailableException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return lookup;
    }

    private static Dictionary<string, string> ParseOptions(string[] values)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"--option: '{value}' is not NAME=VALUE, e.g. tenant=kyiv");
            }

            query[value[..equals]] = value[(equals + 1)..];
        }

        return query;
    }

    private static Command DatabaseCommand()
    {
        var db = new Command("db", "The PostgreSQL directory (ConnectionStrings:Directory)");
        var migrate = new Command("migrate", "Create or upgrade the agiident schema; safe to run again");
        migrate.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await using var database = OpenDatabase(result);
                var (from, to) = await SchemaMigrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(from == to
                    ? $"Schema agiident is up to date (version {to})."
                    : $"Schema agiident migrated from version {from} to {to}.").ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is ConfigurationErrorsException or InvalidOperationException or NpgsqlException)
            {
                await Console.Error.WriteLineAsync(Failure(e)).ConfigureAwait(false);
                return e is ConfigurationErrorsException ? ConfigurationError : 1;
            }
        });
        db.Subcommands.Add(migrate);
        return db;
    }

    private static Command ImportCommand()
    {
        var file = new Argument<string>("FILE") { Description = "A directory file: JSON (the format of the embedded demo) or CSV (see README)" };
        var merge = new Option<bool>("--merge") { Description = "Insert or update the parties in the file and keep the others, instead of replacing the whole directory" };
        var force = new Option<bool>("--force") { Description = "Import even a file with no party, or one that removes more of the directory than AgiIdent:Import:MaxRemovedPercent allows" };
        var import = new Command("import", "Load a directory file into PostgreSQL in one transaction; unusable rows are reported and skipped");
        import.Arguments.Add(file);
        import.Options.Add(merge);
        import.Options.Add(force);
        import.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var settings = AgiIdentConfiguration.Bind(AgiIdentConfiguration.Build(result.GetValue(ConfigOption)));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var path = result.GetValue(file)!;
                var numbers = settings.CreateNumberParser();
                await using var database = OpenDatabase(result);
                var merging = result.GetValue(merge);
                var terminal = ProgressDisplay.Terminal();
                using var loggers = CommandLogs(terminal);
                var logger = loggers.CreateLogger(typeof(DirectoryImporter));
                var name = Path.GetFileName(path);
                var guard = result.GetValue(force) ? ImportGuard.Forced : new ImportGuard(settings.Import.MaxRemovedPercent);
                DirectoryFileContent? content = null;
                ImportResult imported;
                try
                {
                    imported = await ProgressDisplay.RunAsync<ImportStage, ImportResult>(
                        merging ? "Merge" : "Import",
                        stage => stage.Written is not { } p
                            ? new ProgressFigures($"reading {name}", 0, null, "rows")
                            : new ProgressFigures(p.Parties < p.TotalParties ? "parties" : p.Numbers < p.TotalNumbers ? "numbers" : "committing", p.Parties + p.Numbers, p.TotalParties + p.TotalNumbers, "rows"),
                        (stage, rate) =>
                        {
                            if (stage.Written is { Parties: var parties, TotalParties: var totalParties, Numbers: var written, TotalNumbers: var totalNumbers })
                            {
                                if (parties == totalParties && written == totalNumbers)
                                {
                                    Log.ImportCommitting(logger, parties, written);
                                }
                                else
                                {
                                    Log.ImportProgress(logger, parties, totalParties, written, totalNumbers, rate);
                                }
                            }
                            else
                            {
                                Log.ImportReading(logger, path);
                            }
                        },
                        async progress =>
                        {
                            progress.Report(new ImportStage(null));
                            // Parsing every phone number of a large file takes a while: the display says so meanwhile.
                            content = await Task.Run(() => DirectoryImporter.ReadFile(path, numbers), cancellationToken).ConfigureAwait(false);
                            return await DirectoryImporter.ImportAsync(database, content, merging, guard, new Relay<ImportProgress>(p => progress.Report(new ImportStage(p))), cancellationToken).ConfigureAwait(false);
                        },
                        terminal,
                        TimeProvider.System,
                        ProgressDisplay.LogInterval).ConfigureAwait(false);
                }
                catch (ImportRefusedException refused)
                {
                    // What was wrong with the rows may be why the file holds too few parties: show it with the refusal.
                    foreach (var reject in content?.Rejects ?? [])
                    {
                        Log.ImportReject(logger, reject.ToString());
                    }

                    await Console.Error.WriteLineAsync(refused.Message).ConfigureAwait(false);
                    // As the sync's mass-removal guard: a failed run (1), not a usage error (2).
                    return 1;
                }

                foreach (var reject in imported.Rejects)
                {
                    Log.ImportReject(logger, reject.ToString());
                }

                Log.ImportDone(logger, merging ? "Merged" : "Imported", imported.Parties, imported.Numbers, clock.Elapsed.TotalSeconds, imported.Rejects.Count);
                return 0;
            }
            catch (Exception e) when (e is ConfigurationErrorsException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(Failure(e)).ConfigureAwait(false);
                return ConfigurationError;
            }
            catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
            {
                await Console.Error.WriteLineAsync(Failure(e)).ConfigureAwait(false);
                return 1;
            }
        });
        return import;
    }

    private static Command SyncCommand()
    {
        var full = new Option<bool>("--full") { Description = "Re-read every object and remove what vanished from 1C, even when an incremental run would do" };
        var check = new Option<bool>("--check") { Description = "Only compare what 1C publishes with what the preset reads, print every missing set and field, change nothing" };
        var detect = new Option<bool>("--detect") { Description = "Say which preset fits the infobase at AgiIdent:Sync:OData:Url and print the configuration lines to use" };
        var sync = new Command("sync", "Replicate customers from 1C's standard OData interface into PostgreSQL once (AgiIdent:Sync, docs/SYNC.md)");
        sync.Options.Add(full);
        sync.Options.Add(check);
        sync.Options.Add(detect);
        sync.Validators.Add(result =>
        {
            if (new[] { result.GetValue(full), result.GetValue(check), result.GetValue(detect) }.Count(static o => o) > 1)
            {
                result.AddError("--full, --check and --detect go one at a time");
            }
        });
        sync.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var settings = AgiIdentConfiguration.Bind(AgiIdentConfiguration.Build(result.GetValue(ConfigOption)));
                var errors = new List<string>();
                if (result.GetValue(detect))
                {
                    // Detection is what tells which preset to set: only the address is needed.
                    SyncOptionsCustomValidator.RequireODataUrl(settings.Sync, errors);
                }
                else
                {
                    SyncOptionsCustomValidator.RequireSync(settings.Sync, errors);
                }

                if (errors.Count > 0)
                {
                    throw new ConfigurationErrorsException(errors);
                }

                if (result.GetValue(detect) || result.GetValue(check))
                {
                    using var probe = new ODataClient(settings.Sync.OData);
                    return await ProbeAsync(settings, probe, result.GetValue(detect), cancellationToken).ConfigureAwait(false);
                }

                await using var database = OpenDatabase(result);
                var terminal = ProgressDisplay.Terminal();
                using var loggers = CommandLogs(terminal);
                var logger = loggers.CreateLogger(typeof(SyncRun));
                var skipped = false;
                var run = await ProgressDisplay.RunAsync<SyncProgress, SyncResult?>(
                    "Sync from 1C",
                    static p => new ProgressFigures($"reading {p.Set}", p.Rows, null, "rows"),
                    (p, rate) => Log.SyncProgress(logger, p.Set, p.Rows, p.Requests, rate),
                    async progress =>
                    {
                        using var client = new ODataClient(settings.Sync.OData) { Progress = progress };
                        return await SyncRun.RunAsync(settings.Sync, settings.Numbering, database, client, result.GetValue(full), logger, null, cancellationToken, () => skipped = true).ConfigureAwait(false);
                    },
                    terminal,
                    TimeProvider.System,
                    ProgressDisplay.LogInterval).ConfigureAwait(false);
                if (skipped && result.GetValue(full))
                {
                    // An asked-for full run that did not happen is worth a failed cron job; a routine one is not.
                    await Console.Error.WriteLineAsync("The full run did not happen; run 'agiident sync --full' again when the other sync has finished.").ConfigureAwait(false);
                    return 1;
                }

                return run is not null || skipped ? 0 : 1;
            }
            catch (ConfigurationErrorsException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ConfigurationError;
            }
        });
        return sync;
    }

    /// <summary><c>sync --check</c> and <c>sync --detect</c>: read the service document and $metadata, print what they show; 0 when a preset fits.</summary>
    private static async Task<int> ProbeAsync(AgiIdentOptions settings, ODataClient client, bool detect, CancellationToken cancellationToken)
    {
        try
        {
            if (detect)
            {
                var checks = await PresetDetection.DetectAsync(settings.Sync, client, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteAsync(PresetDetection.Report(checks, settings.Sync.OData.Url!)).ConfigureAwait(false);
                return checks[0].Fits ? 0 : 1;
            }

            var check = await ODataReplicator.CheckAsync(settings.Sync, client, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(check.Report()).ConfigureAwait(false);
            return check.Fits ? 0 : 1;
        }
        catch (SyncException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Where an import stands: reading the file (no counts yet), then writing.</summary>
    private readonly record struct ImportStage(ImportProgress? Written);

    /// <summary>Passes each report on at once, on the reporting thread (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>
    /// The log of <c>import</c> and <c>sync</c>, in the daemon's line format (<see cref="AgiIdentHost.LogTemplate"/>):
    /// on a terminal through the progress bar's console, otherwise on stdout with errors on stderr.
    /// </summary>
    private static ILoggerFactory CommandLogs(Spectre.Console.IAnsiConsole? terminal)
    {
        var configuration = new Serilog.LoggerConfiguration().MinimumLevel.Information();
        var logger = terminal is not null
            ? configuration.WriteTo.Sink(new TerminalLogSink(terminal)).CreateLogger()
            : configuration.WriteTo.Console(outputTemplate: AgiIdentHost.LogTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: Serilog.Events.LogEventLevel.Error).CreateLogger();
        return LoggerFactory.Create(logging => logging.AddSerilog(logger, dispose: true));
    }

    private static NpgsqlDataSource OpenDatabase(ParseResult result)
    {
        var configuration = AgiIdentConfiguration.Build(result.GetValue(ConfigOption));
        AgiIdentConfiguration.Bind(configuration);
        var connectionString = configuration.GetConnectionString("Directory");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationErrorsException("ConnectionStrings:Directory: required, e.g. ConnectionStrings__Directory='Host=127.0.0.1;Database=agiident;Username=agiident;Password=...'");
        }

        return NpgsqlDataSource.Create(connectionString);
    }

    private static string Failure(Exception e) => e switch
    {
        NpgsqlException database => $"PostgreSQL: {DatabaseName.Reason(database)}",
        _ => e.Message,
    };

    private static Command RulesCommand()
    {
        var rules = new Command("rules", "Routing rules (AgiIdent:Rules)");
        var check = new Command("check", "Compile the rules and display settings of the configuration and report every problem, without starting the server");
        check.SetAction(result =>
        {
            try
            {
                var settings = AgiIdentConfiguration.Bind(AgiIdentConfiguration.Build(result.GetValue(ConfigOption)));
                var ruleSet = RuleSet.Compile(settings.Rules);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ruleSet.Rules.Count} rules OK"));
                foreach (var rule in ruleSet.Rules)
                {
                    var sets = string.Join(", ", rule.Set.Select(s => s.Variable));
                    Console.Out.WriteLine($"  {rule.Name}: when {rule.When?.Text ?? "always"} set {sets}{(rule.Stop ? ", stop" : string.Empty)}");
                }

                return 0;
            }
            catch (ConfigurationErrorsException e)
            {
                Console.Error.WriteLine(e.Message);
                return ConfigurationError;
            }
        });
        rules.Subcommands.Add(check);
        return rules;
    }

    private static Command CallCommand()
    {
        var number = new Argument<string>("NUMBER") { Description = "The caller number to present, e.g. 0441234567; empty for a withheld number" };
        var server = new Option<string>("--server", "-s") { Description = "The AgiIdent server, host:port", DefaultValueFactory = _ => "127.0.0.1:4573" };
        var script = new Option<string>("--script") { Description = "The script and query after the first '/', e.g. ident?tenant=kyiv", DefaultValueFactory = _ => "ident" };
        var name = new Option<string>("--name") { Description = "The caller name the trunk sent", DefaultValueFactory = _ => string.Empty };
        var dnid = new Option<string>("--dnid") { Description = "The dialled number (DID)", DefaultValueFactory = _ => string.Empty };
        var timeout = new Option<int>("--timeout-ms") { Description = "Give up if the server has not closed the session by then", DefaultValueFactory = _ => 5000 };
        var call = new Command("call", "Play Asterisk against a running server: send a call from NUMBER and print the dialogue");
        call.Arguments.Add(number);
        call.Options.Add(server);
        call.Options.Add(script);
        call.Options.Add(name);
        call.Options.Add(dnid);
        call.Options.Add(timeout);
        call.SetAction(async (result, cancellationToken) =>
        {
            var address = result.GetValue(server)!;
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                await Console.Error.WriteLineAsync($"--server: '{address}' is not host:port, e.g. 127.0.0.1:4573").ConfigureAwait(false);
                return ConfigurationError;
            }

            var player = new AsteriskPlayer(Console.Out);
            var closed = await player.PlayAsync(
                address[..colon].Trim('[', ']'),
                port,
                result.GetValue(script)!.TrimStart('/'),
                result.GetValue(number) ?? string.Empty,
                result.GetValue(name)!,
                result.GetValue(dnid)!,
                TimeSpan.FromMilliseconds(Math.Max(1, result.GetValue(timeout))),
                cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in player.Variables)
            {
                await Console.Out.WriteLineAsync($"{key}={value}").ConfigureAwait(false);
            }

            return closed && player.Variables.ContainsKey(VariableNames.Status) ? 0 : 1;
        });
        return call;
    }
}
