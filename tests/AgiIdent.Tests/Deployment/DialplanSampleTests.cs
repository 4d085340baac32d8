using System.Text.RegularExpressions;
using AgiIdent.Contract;
using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;
using AgiIdent.CallerId;

namespace AgiIdent.Tests.Deployment;

/// <summary>The dialplan samples are well-formed, call AgiIdent correctly, and read only variables the daemon sets.</summary>
public sealed partial class DialplanSampleTests
{
    private static readonly string Samples = Path.Combine(TestFiles.RepositoryRoot, "dialplan-samples");

    private static IEnumerable<string> Names => System.IO.Directory.GetFiles(Samples, "*.conf").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Files => [.. Names];

    [Fact]
    public void EveryUseHasASample() =>
        Assert.Superset(
            new HashSet<string> { "identify.conf", "route-to-manager.conf", "vip-queue.conf", "blocked.conf", "prepayment.conf", "greeting-language.conf", "distinctive-ring.conf", "multi-company.conf", "failover.conf", "per-employee-screens.conf" },
            Names.ToHashSet());

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_TreatsAnEmptyStatusAsNoAnswer_RightAfterEachAgiCall(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Samples, file)).Select(l => StripComment(l).Trim()).Where(l => l.Length > 0).ToArray();
        var calls = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains("AGI(agi://", StringComparison.Ordinal) || lines[i].Contains("AGI(hagi://", StringComparison.Ordinal))
            {
                calls++;
                // A daemon that froze or died mid-session leaves AGISTATUS=SUCCESS and AGIIDENT_STATUS unset.
                Assert.True(i + 1 < lines.Length && lines[i + 1] == "same => n,ExecIf($[\"${AGIIDENT_STATUS}\" = \"\"]?Set(AGIIDENT_STATUS=ERROR))", $"{file}: no empty-status check after '{lines[i]}'");
            }
        }

        Assert.True(calls > 0, $"{file} never calls AgiIdent");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_IsWellFormedDialplan(string file)
    {
        string? context = null;
        var extensionOpen = false;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(Path.Combine(Samples, file)))
        {
            lineNumber++;
            var line = StripComment(raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var where = $"{file}:{lineNumber}: {raw}";
            if (ContextHeader().Match(line) is { Success: true } header)
            {
                context = header.Groups[1].Value;
                extensionOpen = false;
                continue;
            }

            Assert.True(context is not null, $"{where}: a line before any [context]");
            var match = DialplanLine().Match(line);
            Assert.True(match.Success, $"{where}: not 'exten => pattern,priority,App(...)' or 'same => priority,App(...)'");
            if (match.Groups["kind"].Value == "exten")
            {
                extensionOpen = true;
            }
            else
            {
                Assert.True(extensionOpen, $"{where}: 'same =>' without an 'exten =>' before it");
            }

            Assert.True(Balanced(match.Groups["app"].Value), $"{where}: unbalanced brackets");
        }

        Assert.True(extensionOpen, $"{file}: no extension");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_ReadsOnlyVariablesTheDaemonSets_AndCallsIdentBeforeAnyQuery(string file)
    {
        var text = string.Join('\n', File.ReadLines(Path.Combine(Samples, file)).Select(StripComment));
        var contract = typeof(VariableNames).GetFields()
            .Where(f => f.IsLiteral && f.Name != nameof(VariableNames.CallerName))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (Match read in VariableRead().Matches(text))
        {
            Assert.Contains(read.Groups[1].Value, contract);
        }

        var urls = AgiUrl().Matches(text);
        Assert.NotEmpty(urls);
        foreach (Match url in urls)
        {
            Assert.Equal("/ident", url.Groups["script"].Value);
        }
    }

    [Fact]
    public void SampleRulesAndProfiles_AreAValidConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Samples, "agiident.rules.json")).Build();
        var options = AgiIdentConfiguration.Bind(configuration);
        var rules = AgiIdent.Rules.RuleSet.Compile(options.Rules);
        var screens = AgiIdent.Display.ScreenProfileFactory.Create(options.Display, options.Numbering);
        Assert.Equal(3, rules.Rules.Count);
        Assert.Equal("accounting", screens.For("205").Name);
    }

    /// <summary>
    /// Core sounds the samples may play without a recording of one's own: names from Debian's
    /// asterisk-core-sounds-en 1.6.1 (the file list of its package, /usr/share/asterisk/sounds/en_US_f_Allison/*.gsm).
    /// Add a name here only after finding it there.
    /// </summary>
    private static readonly HashSet<string> CoreSounds = new(StringComparer.Ordinal)
    {
        "ss-noservice", "pls-hold-while-try", "vm-goodbye", "hello", "beep", "sorry", "please-try-call-later",
        "number-not-answering", "all-circuits-busy-now", "queue-thankyou",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_PlaysOnlyCoreSounds_OrRecordingsItTellsYouToMake(string file)
    {
        var raw = File.ReadAllLines(Path.Combine(Samples, file));
        var toMake = raw.SkipWhile(l => !l.Contains("Recordings to make", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith(';'))
            .SelectMany(l => RecordingName().Matches(l).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        var code = string.Join('\n', raw.Select(StripComment));
        foreach (Match played in PlayedSound().Matches(code))
        {
            foreach (var sound in played.Groups["sounds"].Value.Split(',')[0].Split('&'))
            {
                if (sound.StartsWith("${", StringComparison.Ordinal))
                {
                    // A name from the directory (AGIIDENT_GREETING): the header must say such recordings are to be made.
                    Assert.NotEmpty(toMake);
                    continue;
                }

                Assert.True(CoreSounds.Contains(sound) || toMake.Contains(sound), $"{file}: plays '{sound}', neither a core sound nor listed under 'Recordings to make'");
            }
        }
    }

    [Theory]
    [InlineData("0443334455", true)]
    [InlineData("+380443334455", true)]
    [InlineData("s", true)]
    [InlineData("h", false)]
    [InlineData("i", false)]
    [InlineData("t", false)]
    public void IdentifySample_TakesEveryDidFormATrunkDelivers_ButNotTheSpecialExtensions(string did, bool matches)
    {
        var first = File.ReadLines(Path.Combine(Samples, "identify.conf")).Select(l => StripComment(l).Trim()).First(l => l.StartsWith("exten", StringComparison.Ordinal));
        var pattern = first["exten => ".Length..first.IndexOf(',', StringComparison.Ordinal)];

        Assert.Equal(matches, ExtensionMatches(pattern, did));
        // The old pattern misses both forms: the test tells them apart.
        Assert.False(ExtensionMatches("_X.", "s") || ExtensionMatches("_X.", "+380443334455"));
    }

    /// <summary>
    /// Asterisk's extension patterns as docs.asterisk.org ("Pattern Matching") defines them: a leading <c>_</c>; X is
    /// 0-9, Z 1-9, N 2-9; <c>[...]</c> a set with ranges; <c>.</c> one or more characters; <c>!</c> zero or more;
    /// anything else itself. Without the underscore the name matches only itself.
    /// </summary>
    private static bool ExtensionMatches(string pattern, string extension)
    {
        if (!pattern.StartsWith('_'))
        {
            return pattern == extension;
        }

        var regex = new System.Text.StringBuilder("^");
        for (var i = 1; i < pattern.Length; i++)
        {
            switch (char.ToUpperInvariant(pattern[i]))
            {
                case 'X': regex.Append("[0-9]"); break;
                case 'Z': regex.Append("[1-9]"); break;
                case 'N': regex.Append("[2-9]"); break;
                case '.': regex.Append(".+"); break;
                case '!': regex.Append(".*"); break;
                case '[':
                    var close = pattern.IndexOf(']', i);
                    regex.Append('[').Append(pattern[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("^", "\\^", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default: regex.Append(Regex.Escape(pattern[i].ToString())); break;
            }
        }

        return Regex.IsMatch(extension, regex.Append('$').ToString());
    }

    private static string StripComment(string line)
    {
        var semicolon = -1;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == ';')
            {
                semicolon = i;
                break;
            }
        }

        return semicolon < 0 ? line : line[..semicolon];
    }

    private static bool Balanced(string text)
    {
        var stack = new Stack<char>();
        foreach (var c in text)
        {
            switch (c)
            {
                case '(' or '[' or '{':
                    stack.Push(c);
                    break;
                case ')' or ']' or '}':
                    var open = c switch { ')' => '(', ']' => '[', _ => '{' };
                    if (stack.Count == 0 || stack.Pop() != open)
                    {
                        return false;
                    }

                    break;
            }
        }

        return stack.Count == 0;
    }

    [GeneratedRegex(@"^\[([A-Za-z0-9_-]+)\](\([A-Za-z0-9_,-]+\))?$")]
    private static partial Regex ContextHeader();

    [GeneratedRegex(@"^(?<kind>exten|same)\s*=>\s*(?:(?<=exten\s*=>\s*)[^,]+,)?(?:\d+|n)(?:\([A-Za-z0-9_-]+\))?,(?<app>[A-Za-z][A-Za-z0-9_]*\(.*\))$")]
    private static partial Regex DialplanLine();

    [GeneratedRegex(@"(?:Playback|Background|[,(]A)\((?<sounds>[^)]*)\)")]
    private static partial Regex PlayedSound();

    [GeneratedRegex(@"agiident/[A-Za-z0-9_.-]+")]
    private static partial Regex RecordingName();

    [GeneratedRegex(@"\$\{(AGIIDENT_[A-Z0-9_]+)")]
    private static partial Regex VariableRead();

    [GeneratedRegex(@"AGI\(h?agi://[^/,)]+(?<script>/[a-z]+)")]
    private static partial Regex AgiUrl();
}
