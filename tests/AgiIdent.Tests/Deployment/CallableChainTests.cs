using System.Text.RegularExpressions;
using AgiIdent.Tests.Cli;
using YamlDotNet.RepresentationModel;

namespace AgiIdent.Tests.Deployment;

/// <summary>
/// The compose setup can be called end to end: Asterisk has a trunk and two phones whose contexts exist, the media ports
/// are published, the test numbers reach the samples as demo customers, and the build context keeps the secrets out.
/// </summary>
public sealed partial class CallableChainTests
{
    private static readonly string Root = TestFiles.RepositoryRoot;
    private static readonly string Asterisk = Path.Combine(Root, "docker", "asterisk");

    [Fact]
    public void Pjsip_HasATrunkIntoFromTrunk_AndTwoPhones_EachWithItsAuthAndAor()
    {
        var sections = PjsipSections();
        var endpoints = sections.Where(s => s.Get("type") == "endpoint").ToDictionary(s => s.Name, StringComparer.Ordinal);

        Assert.Equal("from-trunk", endpoints["trunk"].Get("context"));
        var phones = endpoints.Values.Where(e => e.Get("context") == "phones").Select(e => e.Name).ToList();
        Assert.True(phones.Count >= 2, "two phones in the [phones] context");
        Assert.Contains("reception", phones);
        foreach (var endpoint in endpoints.Values)
        {
            Assert.Contains(sections, s => s.Name == endpoint.Get("auth") && s.Get("type") == "auth" && s.Get("password") is { Length: > 0 } && s.Get("username") is { Length: > 0 });
            Assert.Contains(sections, s => s.Name == endpoint.Get("aors") && s.Get("type") == "aor");
        }

        var transport = Assert.Single(sections, s => s.Get("type") == "transport");
        Assert.Equal("0.0.0.0:5060", transport.Get("bind"));
    }

    [Fact]
    public void EveryEndpointContext_AndEveryPjsipDialTarget_Exists()
    {
        var endpoints = PjsipSections().Where(s => s.Get("type") == "endpoint").Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var dialplan = DialplanText();
        var contexts = ContextHeader().Matches(dialplan).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var endpoint in PjsipSections().Where(s => s.Get("type") == "endpoint"))
        {
            Assert.Contains(endpoint.Get("context")!, contexts);
        }

        // What the compose setup itself dials: its own [phones] context, the samples' reception, the queues' members.
        var own = File.ReadAllText(Path.Combine(Asterisk, "extensions.conf")) + File.ReadAllText(Path.Combine(Asterisk, "queues.conf"));
        var targets = PjsipTarget().Matches(own).Select(m => m.Groups[1].Value).Append("reception").ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, target => Assert.Contains(target, endpoints));

        // vip-queue.conf queues into "support" and "vip".
        var queues = ContextHeader().Matches(File.ReadAllText(Path.Combine(Asterisk, "queues.conf"))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (Match queue in QueueCall().Matches(dialplan))
        {
            Assert.Contains(queue.Groups[1].Value, queues);
        }
    }

    [Fact]
    public void Compose_MountsTheAsteriskFiles_AndPublishesRtpConfsRangeOnLoopback()
    {
        var services = (YamlMappingNode)ComposeRoot()["services"];
        var volumes = ((YamlSequenceNode)services["asterisk"]["volumes"]).Children.Select(v => v.ToString()).ToList();
        foreach (var file in new[] { "extensions.conf", "pjsip.conf", "rtp.conf", "queues.conf" })
        {
            Assert.Contains($"./asterisk/{file}:/etc/asterisk/{file}:ro", volumes);
        }

        var rtp = File.ReadAllLines(Path.Combine(Asterisk, "rtp.conf")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        var ports = ((YamlSequenceNode)services["agiident"]["ports"]).Children.Select(p => p.ToString()).ToList();
        Assert.Contains($"127.0.0.1:{rtp["rtpstart"]}-{rtp["rtpend"]}:{rtp["rtpstart"]}-{rtp["rtpend"]}/udp", ports);
        Assert.Contains("127.0.0.1:5060:5060/udp", ports);
    }

    [Fact]
    public void Compose_SeedsTheDemoDirectory_BeforeTheDaemon_AndServesTheSampleRules()
    {
        var services = (YamlMappingNode)ComposeRoot()["services"];
        var seed = (YamlMappingNode)services["seed"];
        Assert.Equal(["import", "--merge", "/seed/demo-directory.json"], ((YamlSequenceNode)seed["command"]).Children.Select(c => c.ToString()));
        var source = ((YamlSequenceNode)seed["volumes"]).Children.Single().ToString().Split(':')[0];
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Root, "docker", source))), $"{source} is missing");
        Assert.Equal("service_completed_successfully", services["agiident"]["depends_on"]["seed"]["condition"].ToString());
        Assert.Equal("service_completed_successfully", seed["depends_on"]["migrate"]["condition"].ToString());

        var command = ((YamlSequenceNode)services["agiident"]["command"]).Children.Select(c => c.ToString()).ToList();
        var mounted = ((YamlSequenceNode)services["agiident"]["volumes"]).Children.Select(v => v.ToString().Split(':')).Single(v => v[1] == command[^1]);
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Root, "docker", mounted[0]))), $"{mounted[0]} is missing");
    }

    public static TheoryData<string, string, string, string?> TestNumbers => new()
    {
        // extension, the sample context it enters, AGIIDENT_STATUS, AGIIDENT_ROUTE under the sample rules
        { "700", "from-trunk", "FOUND", "manager" },
        { "701", "from-trunk-manager", "FOUND", "manager" },
        { "702", "from-trunk-vip", "FOUND", "vip" },
        { "703", "from-trunk-blocked", "FOUND", "blocked" },
        { "704", "from-trunk-prepayment", "FOUND", "manager" },
        { "705", "from-trunk", "NOTFOUND", null },
    };

    [Theory]
    [MemberData(nameof(TestNumbers))]
    public async Task TestNumber_EntersItsSample_AsTheDemoCustomerItNames(string extension, string context, string status, string? route)
    {
        var dialplan = File.ReadAllText(Path.Combine(Asterisk, "extensions.conf"));
        var test = TestExtension().Matches(dialplan).Single(m => m.Groups["exten"].Value == extension);
        Assert.Equal(context, test.Groups["context"].Value);
        Assert.Contains($"[{context}]", DialplanText(), StringComparison.Ordinal);

        // What the daemon of the compose setup answers for that caller: the demo directory, the samples' rules.
        var lookup = await AgiIdentProcess.RunAsync("lookup", "--config", Path.Combine(Root, "dialplan-samples", "agiident.rules.json"), test.Groups["number"].Value);
        Assert.Equal(0, lookup.ExitCode);
        Assert.Contains($"AGIIDENT_STATUS={status}\n", lookup.Output, StringComparison.Ordinal);
        if (route is null)
        {
            Assert.DoesNotContain("AGIIDENT_ROUTE=", lookup.Output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"AGIIDENT_ROUTE={route}\n", lookup.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DockerIgnore_KeepsSecretsGitAndBuildOutputOut_ButNotWhatTheDockerfileCopies()
    {
        var patterns = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains("docker/secrets", patterns);
        Assert.Contains(".git", patterns);
        Assert.Contains("**/bin", patterns);
        Assert.Contains("**/obj", patterns);

        var copies = File.ReadAllLines(Path.Combine(Root, "docker", "Dockerfile"))
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).SkipLast(1))
            .Select(s => s.TrimEnd('/'))
            .ToList();
        Assert.NotEmpty(copies);
        foreach (var source in copies)
        {
            Assert.DoesNotContain(patterns, p => Ignores(p, source));
        }
    }

    /// <summary>
    /// Whether a .dockerignore line excludes a path or a folder above it, by the rules Docker's documentation of
    /// .dockerignore gives: Go's filepath.Match (<c>*</c> within a segment, <c>?</c> one character) plus <c>**</c> for
    /// any number of segments, matched against paths relative to the build context.
    /// </summary>
    private static bool Ignores(string pattern, string path)
    {
        var body = Regex.Escape(pattern)
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        var segments = path.Split('/');
        return Enumerable.Range(1, segments.Length).Any(n => Regex.IsMatch(string.Join('/', segments.Take(n)), "^" + body + "$"));
    }

    [Theory]
    [InlineData("**/bin", "src/AgiIdent/bin/Release/agiident.dll", true)]
    [InlineData("**/bin", "bin", true)]
    [InlineData("docker/secrets", "docker/secrets/db_password.txt", true)]
    [InlineData("**/obj", "src/AgiIdent/Program.cs", false)]
    [InlineData("*.user", "src", false)]
    public void IgnoreRules_AsDockerReadsThem(string pattern, string path, bool ignored) => Assert.Equal(ignored, Ignores(pattern, path));

    private static YamlMappingNode ComposeRoot()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "docker", "compose.yaml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>The compose setup's extensions.conf with every sample it includes.</summary>
    private static string DialplanText()
    {
        var own = File.ReadAllText(Path.Combine(Asterisk, "extensions.conf"));
        var included = Include().Matches(own).Select(m => File.ReadAllText(Path.Combine(Root, m.Groups[1].Value)));
        return string.Join('\n', included.Prepend(own));
    }

    /// <summary>pjsip.conf as Asterisk's config parser reads it: sections, <c>(!)</c> templates, <c>(template)</c> inheritance.</summary>
    private static List<PjsipSection> PjsipSections()
    {
        var templates = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var sections = new List<PjsipSection>();
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadLines(Path.Combine(Asterisk, "pjsip.conf")))
        {
            var line = raw.Split(';', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (SectionHeader().Match(line) is { Success: true } header)
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                if (header.Groups["inherit"].Success && header.Groups["inherit"].Value != "!")
                {
                    foreach (var (key, value) in templates[header.Groups["inherit"].Value])
                    {
                        current[key] = value;
                    }
                }

                if (header.Groups["inherit"].Value == "!")
                {
                    templates[header.Groups["name"].Value] = current;
                }
                else
                {
                    sections.Add(new PjsipSection(header.Groups["name"].Value, current));
                }

                continue;
            }

            Assert.True(current is not null, $"pjsip.conf: '{raw}' before any section");
            var pair = line.Split('=', 2);
            Assert.True(pair.Length == 2, $"pjsip.conf: '{raw}' is not key=value");
            current![pair[0].Trim()] = pair[1].Trim();
        }

        return sections;
    }

    private sealed record PjsipSection(string Name, Dictionary<string, string> Values)
    {
        public string? Get(string key) => Values.GetValueOrDefault(key);
    }

    [GeneratedRegex(@"^\[(?<name>[^\]]+)\](\((?<inherit>[^)]+)\))?$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^\[([A-Za-z0-9_-]+)\]", RegexOptions.Multiline)]
    private static partial Regex ContextHeader();

    [GeneratedRegex(@"^#include\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex Include();

    [GeneratedRegex(@"PJSIP/([A-Za-z0-9_-]+)")]
    private static partial Regex PjsipTarget();

    [GeneratedRegex(@"Queue\(([A-Za-z0-9_-]+)")]
    private static partial Regex QueueCall();

    [GeneratedRegex(@"^exten => (?<exten>\d+),1,Set\(CALLERID\(num\)=(?<number>\d+)\)\n same => n,Goto\((?<context>[a-z-]+),\d+,1\)", RegexOptions.Multiline)]
    private static partial Regex TestExtension();
}
