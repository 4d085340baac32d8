using System.Text.RegularExpressions;
using AgiIdent.Tests.Cli;
using YamlDotNet.RepresentationModel;

namespace AgiIdent.Tests.Deployment;

/// <summary>What can be checked of the container and service files without a Docker engine or systemd.</summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = TestFiles.RepositoryRoot;
    private static readonly string DockerDirectory = Path.Combine(Root, "docker");

    [Fact]
    public void Compose_Parses_ReferencesExistingFiles_AndPublishesOnLoopbackOnly()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(DockerDirectory, "compose.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var services = (YamlMappingNode)root["services"];
        Assert.Equal(["agiident", "asterisk", "migrate", "postgres", "seed"], services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));

        var ports = 0;
        foreach (var (name, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            if (service.Children.TryGetValue("build", out var build))
            {
                var context = Path.GetFullPath(Path.Combine(DockerDirectory, build["context"].ToString()));
                Assert.True(System.IO.Directory.Exists(context), $"{name}: build context {context} is missing");
                Assert.True(File.Exists(Path.Combine(context, build["dockerfile"].ToString())), $"{name}: Dockerfile is missing");
            }

            foreach (var port in Sequence(service, "ports"))
            {
                ports++;
                Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal);
            }

            foreach (var volume in Sequence(service, "volumes").Where(v => v.StartsWith('.')))
            {
                var host = Path.GetFullPath(Path.Combine(DockerDirectory, volume.Split(':')[0]));
                Assert.True(File.Exists(host) || System.IO.Directory.Exists(host), $"{name}: volume source {host} is missing");
            }
        }

        Assert.True(ports >= 3);
        foreach (var (name, secret) in ((YamlMappingNode)root["secrets"]).Children)
        {
            Assert.True(File.Exists(Path.Combine(DockerDirectory, secret["file"].ToString())), $"secret {name} file is missing");
        }

        Assert.Equal("service:agiident", services["asterisk"]["network_mode"].ToString());
    }

    [Fact]
    public void Dockerfile_IsMultiStage_NonRoot_AndCopiesWhatExists()
    {
        var lines = File.ReadAllLines(Path.Combine(DockerDirectory, "Dockerfile")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var stages = lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.True(stages >= 2, "build and runtime stages");
        var lastStage = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var user = lines.Skip(lastStage).LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotNull(user);
        Assert.DoesNotContain(user!["USER ".Length..].Trim(), new[] { "root", "0" });
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
        {
            foreach (var source in copy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).SkipLast(1))
            {
                var path = Path.Combine(Root, source);
                Assert.True(File.Exists(path) || System.IO.Directory.Exists(path), $"COPY source {source} is missing");
            }
        }

        Assert.Contains(lines, l => l.Contains("src/AgiIdent/AgiIdent.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void AsteriskConfig_InTheComposeSetup_IncludesEverySample()
    {
        var includes = IncludeLine().Matches(File.ReadAllText(Path.Combine(DockerDirectory, "asterisk", "extensions.conf"))).Select(m => m.Groups[1].Value).ToList();
        var samples = System.IO.Directory.GetFiles(Path.Combine(Root, "dialplan-samples"), "*.conf").Select(f => "dialplan-samples/" + Path.GetFileName(f));
        Assert.Equal(samples.Order(StringComparer.Ordinal), includes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SystemdUnit_IsNotify_WithAWatchdog_Sandboxed_AndDoesNotRestartOnConfigurationErrors()
    {
        var settings = UnitSettings("agiident.service");
        Assert.Equal("notify", settings["Type"].Single());
        Assert.Equal("20s", settings["WatchdogSec"].Single());
        Assert.Equal("yes", settings["DynamicUser"].Single());
        Assert.Equal("strict", settings["ProtectSystem"].Single());
        Assert.Equal("yes", settings["NoNewPrivileges"].Single());
        Assert.Equal("0077", settings["UMask"].Single());
        Assert.Equal("@system-service", settings["SystemCallFilter"].Single());
        Assert.Empty(settings["MemoryDenyWriteExecute"]);
        Assert.Equal("on-failure", settings["Restart"].Single());
        Assert.Equal("2", settings["RestartPreventExitStatus"].Single());
        Assert.Equal("agiident", settings["StateDirectory"].Single());
        Assert.EndsWith("agiident serve --config /etc/agiident/appsettings.json", settings["ExecStart"].Single(), StringComparison.Ordinal);
        // The credential's name is the one AgiIdent reads from $CREDENTIALS_DIRECTORY.
        Assert.Equal(["db-connection:/etc/agiident/db-connection"], settings["LoadCredential"]);
        Assert.Contains(AgiIdent.Hosting.AgiIdentPaths.CredentialNames, c => c.File == "db-connection" && c.Key == "ConnectionStrings:Directory");
    }

    [Fact]
    public void SyncTimer_StartsTheSyncService_WhichGetsBothSecretsAsCredentials()
    {
        var timer = UnitSettings("agiident-sync.timer");
        Assert.Equal("*:0/15", timer["OnCalendar"].Single());
        Assert.Equal("timers.target", timer["WantedBy"].Single());
        var sync = UnitSettings("agiident-sync.service");
        Assert.Equal("oneshot", sync["Type"].Single());
        Assert.EndsWith("agiident sync --config /etc/agiident/appsettings.json", sync["ExecStart"].Single(), StringComparison.Ordinal);
        var names = AgiIdent.Hosting.AgiIdentPaths.CredentialNames.Select(c => c.File).ToList();
        Assert.Equal(names.Select(n => $"{n}:/etc/agiident/{n}"), sync["LoadCredential"]);
        Assert.Equal("0077", sync["UMask"].Single());
        Assert.Equal("@system-service", sync["SystemCallFilter"].Single());
    }

    [Fact]
    public void ReadmeInstallSteps_InstallEveryFileTheUnitsName_FromFilesThatExist()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## Install as a service", StringComparison.Ordinal)..readme.IndexOf("### Windows", StringComparison.Ordinal)];
        var installs = InstallLine().Matches(section).Select(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var destinations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in installs)
        {
            var paths = words.Where(w => !w.StartsWith('-') && w != "0644" && w != "0600").ToList();
            foreach (var source in paths.SkipLast(1).Where(p => !p.StartsWith('/') && p != "out/agiident"))
            {
                Assert.True(File.Exists(Path.Combine(Root, source)), $"README installs {source}, which is not in the repository");
                destinations.Add(paths[^1].EndsWith('/') ? paths[^1] + Path.GetFileName(source) : paths[^1]);
            }

            if (paths.Count == 2 && paths[0].StartsWith('/'))
            {
                destinations.Add(paths[1]);
            }
        }

        foreach (var unit in new[] { "agiident.service", "agiident-sync.service", "agiident-sync.timer" })
        {
            var settings = UnitSettings(unit);
            var documentation = settings["Documentation"].Single();
            Assert.StartsWith("file:", documentation, StringComparison.Ordinal);
            Assert.Contains(documentation["file:".Length..], destinations);
            foreach (var credential in settings["LoadCredential"])
            {
                Assert.Contains(credential.Split(':', 2)[1], destinations);
            }
        }

        Assert.Contains("/etc/agiident/db-connection", destinations);
        Assert.Contains("ln -sf /opt/agiident/agiident /usr/local/bin/agiident", section, StringComparison.Ordinal);
    }

    [SystemdAnalyzeFact]
    public async Task SystemdAnalyzeVerify_AcceptsEveryUnit_WithoutAWarning()
    {
        // systemd-analyze verify parses the units as systemd would (unknown keys, bad values, a missing ExecStart
        // program) and needs no running systemd. ExecStart is pointed at the executable this test run built.
        var folder = System.IO.Directory.CreateTempSubdirectory("agiident-units-").FullName;
        try
        {
            var executable = Path.Combine(AppContext.BaseDirectory, "agiident");
            Assert.True(File.Exists(executable), "the build output has no apphost " + executable);
            var units = new List<string>();
            foreach (var unit in System.IO.Directory.GetFiles(Path.Combine(Root, "packaging")))
            {
                var copy = Path.Combine(folder, Path.GetFileName(unit));
                await File.WriteAllTextAsync(copy, (await File.ReadAllTextAsync(unit)).Replace("/opt/agiident/agiident", executable, StringComparison.Ordinal));
                units.Add(copy);
            }

            Assert.Equal(3, units.Count);
            var output = await TestFiles.RunAsync("systemd-analyze", ["verify", .. units], TimeSpan.FromMinutes(2), includeError: true);
            Assert.True(output.Trim().Length == 0, "systemd-analyze verify: " + output);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static ILookup<string, string> UnitSettings(string unit) =>
        File.ReadAllLines(Path.Combine(Root, "packaging", unit))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToLookup(p => p[0].Trim(), p => p[1].Trim());

    [Fact]
    public async Task SecretFromAFile_IsRead_AndAnUnreadableOneNamesItsVariable()
    {
        var secret = Path.Combine(Path.GetTempPath(), "agiident-secret-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(secret, "/nonexistent/from-a-secret-file.json\n");
        try
        {
            var fromFile = await AgiIdentProcess.RunAsync(["serve"], new Dictionary<string, string> { ["AgiIdent__Directory__File_FILE"] = secret });
            Assert.Equal(2, fromFile.ExitCode);
            Assert.Contains("/nonexistent/from-a-secret-file.json", fromFile.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }

        var missing = await AgiIdentProcess.RunAsync(["serve"], new Dictionary<string, string> { ["ConnectionStrings__Directory_FILE"] = "/nonexistent/secret" });
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("ConnectionStrings__Directory_FILE: cannot read the file it names", missing.Error, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Sequence(YamlMappingNode service, string key) =>
        service.Children.TryGetValue(key, out var node) ? ((YamlSequenceNode)node).Children.Select(c => c.ToString()) : [];

    [GeneratedRegex(@"^#include\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex IncludeLine();

    [GeneratedRegex(@"sudo install ([^#\n]+)")]
    private static partial Regex InstallLine();
}
