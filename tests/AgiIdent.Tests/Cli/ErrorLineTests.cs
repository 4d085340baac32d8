using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AgiIdent.Tests.Cli;

/// <summary>
/// What an admin (and systemd's <c>RestartPreventExitStatus=2</c>) meets when something is wrong before the daemon
/// serves: the real executable prints one line per problem on stderr, naming the key or argument and what is allowed,
/// every problem of the configuration at once, no stack trace, and exits with 2.
/// </summary>
public sealed class ErrorLineTests
{
    [Fact]
    public async Task Serve_WhenTheFastAgiPortIsTaken_SaysSoInOneLineNamingListen()
    {
        using var taken = TakePort(out var port);
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync(["serve"], new Dictionary<string, string> { ["AgiIdent__Listen"] = $"127.0.0.1:{port}" });

        var line = AssertOneLineExit2(exitCode, output, error);
        Assert.StartsWith($"AgiIdent:Listen: 127.0.0.1:{port} is already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WhenTheHttpPortIsTaken_SaysSoInOneLineNamingHttp()
    {
        using var taken = TakePort(out var port);
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync(
            ["serve"],
            new Dictionary<string, string> { ["AgiIdent__Listen"] = "127.0.0.1:0", ["AgiIdent__Http"] = $"127.0.0.1:{port}" });

        var line = AssertOneLineExit2(exitCode, output, error);
        Assert.StartsWith($"AgiIdent:Http: 127.0.0.1:{port} is already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithListenAndHttpOnOnePort_NamesBothKeys()
    {
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync(
            ["serve"],
            new Dictionary<string, string> { ["AgiIdent__Listen"] = "127.0.0.1:4599", ["AgiIdent__Http"] = "127.0.0.1:4599" });

        var line = AssertOneLineExit2(exitCode, output, error);
        Assert.StartsWith("AgiIdent:Http: 127.0.0.1:4599 is also AgiIdent:Listen", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Serilog__MinimumLevel", "Loud", "Serilog:MinimumLevel: 'Loud' is not a Serilog level; allowed Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("Serilog__MinimumLevel__Default", "Verbos", "Serilog:MinimumLevel:Default: 'Verbos' is not a Serilog level; allowed Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("Serilog__MinimumLevel__Override__Microsoft", "Warn", "Serilog:MinimumLevel:Override:Microsoft: 'Warn' is not a Serilog level; allowed Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("AgiIdent__Sync__Preset", "UT10", "AgiIdent:Sync:Preset: 'UT10' is not known; allowed UT11, BP30, UNF3, Custom")]
    [InlineData("AgiIdent__Protocol__Commands", "Multi", "AgiIdent:Protocol:Commands: 'Multi' is not known; allowed Array, Single")]
    [InlineData("AgiIdent__Directory__Mode", "Fast", "AgiIdent:Directory:Mode: 'Fast' is not known; allowed Snapshot, Direct")]
    [InlineData("AgiIdent__Directory__Source", "Excel", "AgiIdent:Directory:Source: 'Excel' is not known; allowed File, Postgres")]
    [InlineData("AgiIdent__SessionBudgetMs", "soon", "AgiIdent:SessionBudgetMs: 'soon' is not a whole number")]
    [InlineData("AgiIdent__MaskCallerNumbers", "yes", "AgiIdent:MaskCallerNumbers: 'yes' is not true or false")]
    public async Task Serve_WithABadValue_SaysInOneLineWhatIsAllowed(string variable, string value, string message)
    {
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync(["serve"], new Dictionary<string, string> { ["AgiIdent__Listen"] = "127.0.0.1:0", [variable] = value });

        Assert.Equal(message, AssertOneLineExit2(exitCode, output, error));
    }

    [Fact]
    public async Task Serve_WithAFileFullOfMistakes_ReportsEveryOneOfThemAtOnce_OneLineEach()
    {
        var file = Path.Combine(Path.GetTempPath(), $"agiident-mistakes-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "AgiIdnet": { "Listen": "0.0.0.0:4573" },
              "Serlog": { "MinimumLevel": "Debug" },
              "AllowedHosts": "*",
              "AgiIdent": {
                "Listen": "127.0.0.1:0",
                "MaxSessions": 0,
                "SessionBudgetMs": "soon",
                "Display": { "Nonsense": 1 },
                "Directory": { "Mode": "Fast" },
                "Sync": { "Preset": "UT10" }
              },
              "Serilog": { "MinimumLevel": { "Default": "Loud" } }
            }
            """);
        try
        {
            var (exitCode, output, error) = await AgiIdentProcess.RunAsync(["serve", "--config", file], null);

            Assert.Equal(2, exitCode);
            AssertNoStackTrace(output, error);
            var lines = Lines(error);
            string[] expected =
            [
                $"AgiIdnet: unknown section in {file}; allowed AgiIdent, ConnectionStrings, Serilog, Kestrel",
                $"Serlog: unknown section in {file}; allowed AgiIdent, ConnectionStrings, Serilog, Kestrel",
                $"AllowedHosts: unknown section in {file}; allowed AgiIdent, ConnectionStrings, Serilog, Kestrel",
                "AgiIdent:MaxSessions: 0 is out of range; allowed 1..100000",
                "AgiIdent:SessionBudgetMs: 'soon' is not a whole number",
                "AgiIdent:Display:Nonsense: unknown key;",
                "AgiIdent:Directory:Mode: 'Fast' is not known; allowed Snapshot, Direct",
                "AgiIdent:Sync:Preset: 'UT10' is not known; allowed UT11, BP30, UNF3, Custom",
                "Serilog:MinimumLevel:Default: 'Loud' is not a Serilog level;",
            ];
            Assert.True(lines.Length == expected.Length, $"{expected.Length} lines expected, got:\n{error}");
            Assert.All(expected, e => Assert.Contains(lines, l => l.StartsWith(e, StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "'frobnicate'", "serve, lookup, call, rules, db, import, sync")]
    [InlineData(new[] { "lookup" }, "NUMBER", "The caller number")]
    [InlineData(new[] { "lookup", "0441234567", "--dnid" }, "--dnid", "The dialled number")]
    [InlineData(new[] { "lookup", "0441234567", "--frob" }, "'--frob'", "--dnid, --option, --for, --json, --wire")]
    [InlineData(new[] { "call", "0441234567", "--timeout-ms", "soon" }, "--timeout-ms", "'soon'")]
    [InlineData(new[] { "sync", "--full", "--check" }, "--full, --check and --detect", "one at a time")]
    [InlineData(new[] { "db", "migrat" }, "'migrat'", "migrate")]
    public async Task UsageError_IsOneLineNamingTheArgument_Exit2_WithoutTheHelpText(string[] arguments, string names, string allowed)
    {
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync(arguments, null);

        var line = AssertOneLineExit2(exitCode, output, error);
        Assert.Contains(names, line, StringComparison.Ordinal);
        Assert.Contains(allowed, line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Help_StillPrintsTheUsage_AndExitsZero()
    {
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync("lookup", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("agiident lookup <NUMBER> [options]", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    private static TcpListener TakePort(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private static string AssertOneLineExit2(int exitCode, string output, string error)
    {
        Assert.True(exitCode == 2, $"exit code {exitCode.ToString(CultureInfo.InvariantCulture)}\nstdout:\n{output}\nstderr:\n{error}");
        AssertNoStackTrace(output, error);
        var lines = Lines(error);
        Assert.True(lines.Length == 1, $"one line expected on stderr, got:\n{error}");
        return lines[0];
    }

    private static void AssertNoStackTrace(string output, string error)
    {
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
