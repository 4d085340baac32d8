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
    public void SystemdUnit_IsSandboxed_AndDoesNotRestartOnConfigurationErrors()
    {
        var settings = File.ReadAllLines(Path.Combine(Root, "packaging", "agiident.service"))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToLookup(p => p[0].Trim(), p => p[1].Trim());
        Assert.Equal("yes", settings["DynamicUser"].Single());
        Assert.Equal("strict", settings["ProtectSystem"].Single());
        Assert.Equal("yes", settings["NoNewPrivileges"].Single());
        Assert.Equal("on-failure", settings["Restart"].Single());
        Assert.Equal("2", settings["RestartPreventExitStatus"].Single());
        Assert.Equal("agiident", settings["StateDirectory"].Single());
        Assert.EndsWith("agiident serve --config /etc/agiident/appsettings.json", settings["ExecStart"].Single(), StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Directory_FILE=%d/db-connection", settings["Environment"]);
    }

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
}
