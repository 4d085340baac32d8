using System.CommandLine;
using System.Globalization;
using AgiIdent.CallerId;
using AgiIdent.Diagnostics;
using AgiIdent.Directory;
using AgiIdent.Hosting;
using AgiIdent.Numbering;

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
        root.SetAction((result, cancellationToken) => ServeAsync(result));
        return root.Parse(args).InvokeAsync();
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
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"AgiIdent:Listen: cannot listen: {e.Message}").ConfigureAwait(false);
            return ConfigurationError;
        }
    }

    private static Command LookupCommand()
    {
        var number = new Argument<string>("NUMBER") { Description = "The caller number as a trunk would deliver it, e.g. 0441234567 or +380441234567" };
        var lookup = new Command("lookup", "Show what a call from NUMBER would get: the phone screen and every variable, without a server");
        lookup.Arguments.Add(number);
        lookup.SetAction(result =>
        {
            try
            {
                var options = AgiIdentConfiguration.Bind(AgiIdentConfiguration.Build(result.GetValue(ConfigOption)));
                var numbers = new PhoneNumber(options.NumberingPlan);
                var directory = FileDirectory.Load(options.Directory.File, numbers);
                if (directory.IsDemo)
                {
                    Console.Error.WriteLine("note: the embedded demo directory is in use (set AgiIdent:Directory:File for your own)");
                }

                var identification = new CallerIdentifier(numbers, directory)
                    .IdentifyAsync(result.GetValue(number)!, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                PrintLookup(identification);
                return 0;
            }
            catch (Exception e) when (e is ConfigurationErrorsException or InvalidDataException)
            {
                Console.Error.WriteLine(e.Message);
                return ConfigurationError;
            }
        });
        return lookup;
    }

    private static void PrintLookup(Identification identification)
    {
        var output = Console.Out;
        output.WriteLine(identification.ScreenText is null ? "Screen: (unchanged: the caller's own name stays)" : $"Screen: {identification.ScreenText}");
        foreach (var (name, value) in ContractVariables.For(identification))
        {
            output.WriteLine($"{name}={value}");
        }

        foreach (var match in identification.Matches.Skip(1))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"also: {match.Party.Code} {match.Party.Name}{(match.Party.Deleted ? " (deleted)" : string.Empty)}"));
        }
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

            return closed && player.Variables.ContainsKey(ContractVariables.Status) ? 0 : 1;
        });
        return call;
    }
}
