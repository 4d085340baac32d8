using System.Globalization;
using System.Text.RegularExpressions;

namespace AgiIdent.Tests.Server;

/// <summary>The samples of a <c>/metrics</c> answer in the Prometheus text format, read the way a scraper reads them.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusText(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Types[parts[2]] = parts[3];
                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["name"].Value] = label.Groups["value"].Value;
            }

            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var number => double.Parse(number, CultureInfo.InvariantCulture),
            };
            _samples.Add((match.Groups["name"].Value, labels, value));
        }
    }

    /// <summary>The answer as received.</summary>
    public string Text { get; }

    /// <summary>The declared type of each metric family.</summary>
    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Every sample name (a histogram gives its _bucket, _sum and _count).</summary>
    public IReadOnlySet<string> Names => _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static PrometheusText Parse(string text) => new(text);

    public static async Task<PrometheusText> ScrapeAsync(HttpClient http) => Parse(await http.GetStringAsync("/metrics"));

    /// <summary>The label names of each sample of <paramref name="name"/> (a histogram's buckets without <c>le</c>).</summary>
    public IReadOnlyList<IReadOnlySet<string>> LabelNames(string name) =>
        _samples.Where(s => s.Name == name)
            .Select(s => (IReadOnlySet<string>)s.Labels.Keys.Where(k => !(name.EndsWith("_bucket", StringComparison.Ordinal) && k == "le")).ToHashSet(StringComparer.Ordinal))
            .ToList();

    /// <summary>The value of the one sample of <paramref name="name"/> with exactly these labels, or null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        foreach (var sample in _samples)
        {
            if (sample.Name == name && sample.Labels.Count == labels.Length && labels.All(l => sample.Labels.TryGetValue(l.Name, out var v) && v == l.Value))
            {
                return sample.Value;
            }
        }

        return null;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex Label();
}
