using AgiIdent.Directory.Postgres;
using AgiIdent.Tests.Cli;
using AgiIdent.Tests.Server;

namespace AgiIdent.Tests.Postgres;

/// <summary>The real executable against a real PostgreSQL: migrate, import, serve; and secrets kept out of messages.</summary>
[Collection("postgres")]
public sealed class PostgresCommandLineTests(PostgresFixture fixture)
{
    [PostgresFact]
    public async Task MigrateImportServe_AsTheReadmeSays()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Directory"] = connection };

        var migrate = await AgiIdentProcess.RunAsync(["db", "migrate"], environment);
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains($"migrated from version 0 to {SchemaMigrator.LatestVersion}", migrate.Output, StringComparison.Ordinal);
        var again = await AgiIdentProcess.RunAsync(["db", "migrate"], environment);
        Assert.Contains($"up to date (version {SchemaMigrator.LatestVersion})", again.Output, StringComparison.Ordinal);

        var import = await AgiIdentProcess.RunAsync(["import", TestServer.FixtureDirectory], environment);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("Imported 9 parties", import.Output, StringComparison.Ordinal);
        Assert.Contains("party #6: \"id\" is missing or empty", import.Output, StringComparison.Ordinal);

        environment["AgiIdent__Directory__Source"] = "Postgres";
        var lookup = await AgiIdentProcess.RunAsync(["lookup", "0445550101"], environment);
        Assert.True(lookup.ExitCode == 0, lookup.Error);
        Assert.Contains("AGIIDENT_CODE=T-001", lookup.Output, StringComparison.Ordinal);
        Assert.Contains("AGIIDENT_SOURCE=snapshot", lookup.Output, StringComparison.Ordinal);

        environment["AgiIdent__Listen"] = "127.0.0.1:0";
        var cache = Path.Combine(Path.GetTempPath(), "agiident-cli-" + Guid.NewGuid().ToString("N") + ".cache");
        environment["AgiIdent__Directory__CacheFile"] = cache;
        try
        {
            using var daemon = AgiIdentProcess.Start(["serve"], environment);
            var output = await daemon.WaitForOutputAsync("listening for FastAGI on", TimeSpan.FromSeconds(30));
            Assert.Contains("snapshot mode (9 parties", output, StringComparison.Ordinal);
            var port = System.Text.RegularExpressions.Regex.Match(output, @"listening for FastAGI on 127\.0\.0\.1:(\d+)").Groups[1].Value;
            var call = await AgiIdentProcess.RunAsync("call", "0445550101", "--server", "127.0.0.1:" + port);
            Assert.Contains("AGIIDENT_SOURCE=snapshot", call.Output, StringComparison.Ordinal);
            daemon.Terminate();
            await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, daemon.ExitCode);
        }
        finally
        {
            File.Delete(cache);
        }
    }

    [PostgresFact]
    public async Task Serve_CustomSqlMissingAColumn_OneLineNamingTheKey_WithoutTheHostsStackTrace()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        await PostgresDirectoryTests.ImportFixtureAsync(connection);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Directory"] = connection,
            ["AgiIdent__Directory__Source"] = "Postgres",
            ["AgiIdent__Directory__Mode"] = "Direct",
            ["AgiIdent__Directory__CustomSql"] = "SELECT p.id FROM agiident.phone ph JOIN agiident.party p ON p.id = ph.party_id WHERE ph.e164 = @e164",
            ["AgiIdent__Listen"] = "127.0.0.1:0",
        };

        // The check runs in the directory's own hosted service; the host logs a service that fails to start
        // ("Hosting failed to start", with the stack trace) before the daemon can say what is wrong.
        var serve = await AgiIdentProcess.RunAsync(["serve"], environment);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("AgiIdent:Directory:CustomSql: the query returns no column 'name'", serve.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", serve.Output + serve.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", serve.Output + serve.Error, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Import_BeforeMigrate_SaysWhatToRun()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        var import = await AgiIdentProcess.RunAsync(["import", TestServer.FixtureDirectory], new Dictionary<string, string> { ["ConnectionStrings__Directory"] = connection });
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("run 'agiident db migrate' first", import.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_NeverAppearsInMessages()
    {
        const string secret = "S3cret-Пароль";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Directory"] = $"Host=127.0.0.1;Port=1;Database=nowhere;Username=agiident;Password={secret};Timeout=2",
            ["AgiIdent__Directory__Source"] = "Postgres",
            ["AgiIdent__Listen"] = "127.0.0.1:0",
            ["AgiIdent__Directory__CacheFile"] = Path.Combine(Path.GetTempPath(), "agiident-none-" + Guid.NewGuid().ToString("N") + ".cache"),
        };
        var migrate = await AgiIdentProcess.RunAsync(["db", "migrate"], environment);
        Assert.NotEqual(0, migrate.ExitCode);
        Assert.DoesNotContain(secret, migrate.Output + migrate.Error, StringComparison.Ordinal);

        using var daemon = AgiIdentProcess.Start(["serve"], environment);
        var output = await daemon.WaitForOutputAsync("listening for FastAGI on", TimeSpan.FromSeconds(30));
        Assert.Contains("unreachable at startup", output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, output + daemon.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AgiIdent__Directory__QueryTimeoutMs", "250", "AgiIdent:Directory:QueryTimeoutMs: 250 must be below two thirds of AgiIdent:SessionBudgetMs")]
    [InlineData("AgiIdent__Directory__Mode", "Sometimes", "AgiIdent:Directory:Mode")]
    [InlineData("AgiIdent__Directory__CustomSql", "SELECT 1", "needs AgiIdent:Directory:Mode=Direct")]
    [InlineData("AgiIdent__Directory__RefreshSeconds", "0", "AgiIdent:Directory:RefreshSeconds")]
    public async Task Serve_WithABadDirectorySetting_NamesTheKey(string variable, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["AgiIdent__Directory__Source"] = "Postgres",
            ["ConnectionStrings__Directory"] = "Host=127.0.0.1;Database=x;Username=y",
            [variable] = value,
        };
        var serve = await AgiIdentProcess.RunAsync(["serve"], environment);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains(message, serve.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PostgresWithoutAConnectionString_NamesIt()
    {
        var serve = await AgiIdentProcess.RunAsync(["serve"], new Dictionary<string, string> { ["AgiIdent__Directory__Source"] = "Postgres" });
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("ConnectionStrings:Directory: required when AgiIdent:Directory:Source is Postgres", serve.Error, StringComparison.Ordinal);
    }
}
