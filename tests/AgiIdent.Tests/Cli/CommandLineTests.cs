using System.Globalization;
using System.Text.RegularExpressions;
using AgiIdent.Tests.Server;

namespace AgiIdent.Tests.Cli;

/// <summary>The real <c>agiident</c> executable: lookup, call, serve, and startup refusing bad configuration.</summary>
public sealed partial class CommandLineTests
{
    [Fact]
    public async Task Lookup_OnTheDemoDirectory_ShowsScreenAndVariables()
    {
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync("lookup", "0441234567");
        Assert.Equal(0, exitCode);
        Assert.Contains("│$ ТОВ \"Ромашка\"     │", output, StringComparison.Ordinal);
        Assert.Contains("AGIIDENT_STATUS=FOUND", output, StringComparison.Ordinal);
        Assert.Contains("AGIIDENT_MANAGER_EXT=101", output, StringComparison.Ordinal);
        Assert.Contains("demo directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_ShowsValuesAsTheWireCarriesThem_AndWireShowsTheExactLines()
    {
        var (exitCode, output, _) = await AgiIdentProcess.RunAsync(
            ["lookup", "+380445550303", "--wire"],
            new Dictionary<string, string> { ["AgiIdent__Directory__File"] = TestServer.FixtureDirectory });

        Assert.Equal(0, exitCode);
        Assert.Contains("AGIIDENT_NAME=Evil EXEC Dial PJSIP/666 \"quoted\" \\ name", output, StringComparison.Ordinal);
        Assert.Contains("Wire (1 command):", output, StringComparison.Ordinal);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("SET VARIABLE ", StringComparison.Ordinal));
        var delivered = FakeAsterisk.SetVariable(line);
        Assert.Contains(new KeyValuePair<string, string>("AGIIDENT_NAME", "Evil EXEC Dial PJSIP/666 \"quoted\" \\ name"), delivered);
        foreach (var (name, value) in delivered)
        {
            Assert.Contains($"  {name}={value}\n", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lookup_LongName_IsShownCutAsTheWireCutsIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"agiident-long-{Guid.NewGuid():N}.json");
        var name = new string('Ж', 5000);
        await File.WriteAllTextAsync(directory, $$"""{ "parties": [ { "id": "L-1", "code": "L1", "kind": "company", "name": "{{name}}", "flags": [], "phones": [ { "number": "+380445557777" } ] } ] }""");
        try
        {
            var (exitCode, output, _) = await AgiIdentProcess.RunAsync(
                ["lookup", "+380445557777", "--wire", "--json"],
                new Dictionary<string, string> { ["AgiIdent__Directory__File"] = directory });

            Assert.Equal(0, exitCode);
            using var json = System.Text.Json.JsonDocument.Parse(output);
            var shown = json.RootElement.GetProperty("variables").GetProperty("AGIIDENT_NAME").GetString()!;
            var wire = json.RootElement.GetProperty("wire").EnumerateArray().Select(l => l.GetString()!).ToArray();
            Assert.True(shown.Length is > 500 and < 1000, $"{shown.Length} characters shown");
            Assert.StartsWith(shown, name, StringComparison.Ordinal);
            var stored = wire.SelectMany(FakeAsterisk.SetVariable).ToDictionary(v => v.Key, v => v.Value);
            Assert.Equal(shown, stored["AGIIDENT_NAME"]);
            Assert.All(wire, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) < 2000));
        }
        finally
        {
            File.Delete(directory);
        }
    }

    [Fact]
    public async Task Lookup_WithAFileFromEnvironment_ReadsThatFile()
    {
        var (exitCode, output, _) = await AgiIdentProcess.RunAsync(
            ["lookup", "+380445550101"],
            new Dictionary<string, string> { ["AgiIdent__Directory__File"] = TestServer.FixtureDirectory });
        Assert.Equal(0, exitCode);
        Assert.Contains("CALLERID(name)=$* ТОВ \"Тест-Сервіс\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AgainstAServerStartedInTheTest_PrintsTheDialogue()
    {
        await using var server = await TestServer.StartAsync();
        var (exitCode, output, _) = await AgiIdentProcess.RunAsync("call", "0445550101", "--server", server.EndPoint.ToString());
        Assert.Equal(0, exitCode);
        Assert.Contains("<- SET VARIABLE ARRAY(AGIIDENT_STATUS,CALLERID(name),", output, StringComparison.Ordinal);
        Assert.Contains("-> 200 result=1", output, StringComparison.Ordinal);
        Assert.Contains("CALLERID(name)=$* ТОВ \"Тест-Сервіс\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AsARingingPhone_AnswersConnectedLineWithTheCallersNumber()
    {
        await using var server = await TestServer.StartAsync();
        var (exitCode, output, _) = await AgiIdentProcess.RunAsync("call", "0445550101", "--server", server.EndPoint.ToString(), "--script", "ident?for=205");
        Assert.Equal(0, exitCode);
        Assert.Contains("<- GET VARIABLE CONNECTEDLINE(num)", output, StringComparison.Ordinal);
        Assert.Contains("-> 200 result=1 (0445550101)", output, StringComparison.Ordinal);
        Assert.Contains("CONNECTEDLINE(name,i)=$* ТОВ \"Тест-Сервіс\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithNoServer_SaysAsteriskWouldContinue()
    {
        var (exitCode, output, _) = await AgiIdentProcess.RunAsync("call", "0445550101", "--server", "127.0.0.1:1");
        Assert.Equal(1, exitCode);
        Assert.Contains("AGISTATUS=FAILURE", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AnswersACall_AndStopsCleanlyOnSigterm()
    {
        using var daemon = AgiIdentProcess.Start(["serve"], new Dictionary<string, string> { ["AgiIdent__Listen"] = "127.0.0.1:0" });
        var output = await daemon.WaitForOutputAsync("listening for FastAGI on", TimeSpan.FromSeconds(30));
        Assert.Contains("DEMO directory", output, StringComparison.Ordinal);
        var port = int.Parse(ListeningPort().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

        var variables = await FakeAsterisk.CallAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), "+380441234567");
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
        await daemon.WaitForOutputAsync("FOUND [$ ТОВ \"Ромашка\"] answered", TimeSpan.FromSeconds(10));

        daemon.Terminate();
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, daemon.ExitCode);
        Assert.Contains("AgiIdent stopped", daemon.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AgiIdent__SessionBudgetMs", "-5", "AgiIdent:SessionBudgetMs")]
    [InlineData("AgiIdent__SessionBudgetMs", "soon", "AgiIdent:SessionBudgetMs")]
    [InlineData("AgiIdent__Listen", "localhost", "AgiIdent:Listen")]
    [InlineData("AgiIdent__AllowedClients__0", "10.0.0.0/33", "AgiIdent:AllowedClients")]
    [InlineData("AgiIdent__Numbering__Country", "XX", "AgiIdent:Numbering:Country")]
    [InlineData("AgiIdent__SesionBudgetMs", "300", "AgiIdent:SesionBudgetMs")]
    [InlineData("AgiIdent__Directory__Sorce", "File", "AgiIdent:Directory:Sorce")]
    [InlineData("AgiIdent__Directory__Source", "Excel", "AgiIdent:Directory:Source")]
    public async Task Serve_WithABadSetting_ExitsNonZeroNamingTheKey(string variable, string value, string key)
    {
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync(["serve"], new Dictionary<string, string> { [variable] = value });
        Assert.Equal(2, exitCode);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithAMissingDirectoryFile_ExitsNamingTheKey()
    {
        var (exitCode, _, error) = await AgiIdentProcess.RunAsync(["serve"], new Dictionary<string, string> { ["AgiIdent__Directory__File"] = "/nonexistent/directory.json" });
        Assert.Equal(2, exitCode);
        Assert.Contains("AgiIdent:Directory:File", error, StringComparison.Ordinal);
    }

    private static string SampleRules => Path.Combine(TestFiles.RepositoryRoot, "dialplan-samples", "agiident.rules.json");

    [Fact]
    public async Task RulesCheck_OnTheSampleRules_ListsThem()
    {
        var (exitCode, output, error) = await AgiIdentProcess.RunAsync("rules", "check", "--config", SampleRules);
        Assert.True(exitCode == 0, error);
        Assert.Contains("3 rules OK", output, StringComparison.Ordinal);
        Assert.Contains("vip: when flags has 'VIP' and debt < 100000 set AGIIDENT_ROUTE, CHANNEL(language), stop", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesCheck_WithABrokenRule_NamesTheRuleAndColumn_AndServeRefusesToStart()
    {
        var broken = new Dictionary<string, string>
        {
            ["AgiIdent__Rules__0__Name"] = "vip",
            ["AgiIdent__Rules__0__When"] = "flags hass 'VIP'",
            ["AgiIdent__Rules__0__Set__AGIIDENT_ROUTE"] = "vip",
        };
        var (exitCode, _, error) = await AgiIdentProcess.RunAsync(["rules", "check"], broken);
        Assert.Equal(2, exitCode);
        Assert.Contains("AgiIdent:Rules:0:When: rule 'vip': column 7: expected 'and', 'or' or the end of the condition, found 'hass'", error, StringComparison.Ordinal);

        var serve = await AgiIdentProcess.RunAsync(["serve"], broken);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("AgiIdent:Rules:0:When", serve.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_ShowsTheScreenBox_TheVariables_AndWhyEachRuleFired()
    {
        var (exitCode, output, _) = await AgiIdentProcess.RunAsync("lookup", "89161234567", "--config", SampleRules, "--option", "tenant=kyiv");
        Assert.Equal(0, exitCode);
        Assert.Contains("┌────────────────────┐", output, StringComparison.Ordinal);
        Assert.Contains("│* ООО Северный ветер│", output, StringComparison.Ordinal);
        Assert.Contains("AGIIDENT_ROUTE=vip", output, StringComparison.Ordinal);
        Assert.Contains("CHANNEL(language)=ru", output, StringComparison.Ordinal);
        Assert.Contains("skipped blocked: flags has 'Blocked'  [flags = 'VIP']", output, StringComparison.Ordinal);
        Assert.Contains("fired   vip: flags has 'VIP' and debt < 100000  [flags = 'VIP', debt = '0']", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_ForAnExtension_AsJson_UsesThatPhonesProfile()
    {
        var (exitCode, output, _) = await AgiIdentProcess.RunAsync("lookup", "0441234567", "--config", SampleRules, "--for", "205", "--json");
        Assert.Equal(0, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("accounting", json.RootElement.GetProperty("profile").GetString());
        Assert.Equal("ТОВ \"Ромашка\" 12500", json.RootElement.GetProperty("screen").GetString());
        // A ringing phone's leg gets its own screen and the status, as the pre-dial handler does; rules ran on the caller's channel.
        var variables = json.RootElement.GetProperty("variables");
        Assert.Equal("ТОВ \"Ромашка\" 12500", variables.GetProperty("CONNECTEDLINE(name,i)").GetString());
        Assert.False(variables.TryGetProperty("AGIIDENT_ROUTE", out _));
    }

    [GeneratedRegex(@"listening for FastAGI on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningPort();
}
