using AgiIdent.Directory.Postgres;
using AgiIdent.Tests.Cli;
using AgiIdent.Tests.Postgres;
using AgiIdent.Tests.Server;

namespace AgiIdent.Tests.Deployment;

/// <summary>
/// The commands an admin runs by hand on the server (<c>sudo agiident lookup</c>, <c>db migrate</c>, <c>sync</c>) read what
/// the service reads: the installed settings file and the secret files beside it, or systemd's credentials. The
/// installed location (<c>/etc/agiident</c>) is moved for the test with <c>AGIIDENT_CONFIG</c>, as README documents.
/// </summary>
[Collection("postgres")]
public sealed class InstalledCommandTests(PostgresFixture fixture) : IDisposable
{
    private readonly string _etc = System.IO.Directory.CreateTempSubdirectory("agiident-etc-").FullName;

    [Fact]
    public async Task WithoutConfig_TheInstalledSettingsFileIsRead_AndConfigOrEnvironmentStillWin()
    {
        var settings = Path.Combine(_etc, "appsettings.json");
        await File.WriteAllTextAsync(settings, $$"""{ "AgiIdent": { "Directory": { "File": "{{TestServer.FixtureDirectory}}" } } }""");
        var installed = new Dictionary<string, string> { ["AGIIDENT_CONFIG"] = settings };

        var lookup = await AgiIdentProcess.RunAsync(["lookup", "0445550101"], installed);
        Assert.True(lookup.ExitCode == 0, lookup.Error);
        Assert.Contains("AGIIDENT_CODE=T-001", lookup.Output, StringComparison.Ordinal);

        var other = Path.Combine(_etc, "other.json");
        await File.WriteAllTextAsync(other, """{ "AgiIdent": { "Directory": { "File": "/nonexistent/named-by-config.json" } } }""");
        var explicitFile = await AgiIdentProcess.RunAsync(["lookup", "0445550101", "--config", other], installed);
        Assert.Equal(2, explicitFile.ExitCode);
        Assert.Contains("/nonexistent/named-by-config.json", explicitFile.Error, StringComparison.Ordinal);

        var environment = await AgiIdentProcess.RunAsync(["lookup", "0445550101"], new Dictionary<string, string>(installed) { ["AgiIdent__Directory__File"] = "/nonexistent/named-by-environment.json" });
        Assert.Equal(2, environment.ExitCode);
        Assert.Contains("/nonexistent/named-by-environment.json", environment.Error, StringComparison.Ordinal);

        // Without AGIIDENT_CONFIG (the test runner sets it empty) the embedded demo directory answers, not the fixture.
        var none = await AgiIdentProcess.RunAsync("lookup", "0445550101");
        Assert.DoesNotContain("AGIIDENT_CODE=T-001", none.Output, StringComparison.Ordinal);

        var missing = await AgiIdentProcess.RunAsync(["lookup", "0445550101"], new Dictionary<string, string> { ["AGIIDENT_CONFIG"] = "/nonexistent/appsettings.json" });
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("AGIIDENT_CONFIG: file '/nonexistent/appsettings.json' does not exist", missing.Error, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task DbMigrateImportLookup_FindTheConnectionStringInTheInstalledSecretFile_OrInSystemdsCredentials()
    {
        var settings = Path.Combine(_etc, "appsettings.json");
        await File.WriteAllTextAsync(settings, """{ "AgiIdent": { "Directory": { "Source": "Postgres" } } }""");
        // A loaded 2-core machine may take longer than the fixture's 3 s to accept a connection.
        var connection = await fixture.Server.CreateDatabaseAsync() + ";Timeout=30;Command Timeout=60";
        var secret = Path.Combine(_etc, "db-connection");
        await File.WriteAllTextAsync(secret, connection + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var installed = new Dictionary<string, string> { ["AGIIDENT_CONFIG"] = settings };

        var migrate = await AgiIdentProcess.RunAsync(["db", "migrate"], installed);
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains($"migrated from version 0 to {SchemaMigrator.LatestVersion}", migrate.Output, StringComparison.Ordinal);
        var import = await AgiIdentProcess.RunAsync(["import", TestServer.FixtureDirectory], installed);
        Assert.True(import.ExitCode == 0, import.Error);
        var lookup = await AgiIdentProcess.RunAsync(["lookup", "0445550101"], installed);
        Assert.True(lookup.ExitCode == 0, lookup.Error);
        Assert.Contains("AGIIDENT_SOURCE=snapshot", lookup.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(connection, lookup.Output + lookup.Error, StringComparison.Ordinal);

        // Under the unit, systemd's copy (LoadCredential=db-connection:...) is what counts: a second, empty database.
        var credentials = System.IO.Directory.CreateTempSubdirectory("agiident-credentials-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(credentials, "db-connection"), await fixture.Server.CreateDatabaseAsync() + ";Timeout=30;Command Timeout=60");
            var unit = await AgiIdentProcess.RunAsync(["db", "migrate"], new Dictionary<string, string>(installed) { ["CREDENTIALS_DIRECTORY"] = credentials });
            Assert.True(unit.ExitCode == 0, unit.Error);
            Assert.Contains("migrated from version 0", unit.Output, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(credentials, recursive: true);
        }
    }

    public void Dispose() => System.IO.Directory.Delete(_etc, recursive: true);
}
