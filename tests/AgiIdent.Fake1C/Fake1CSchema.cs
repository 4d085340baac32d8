using System.Text.Json;

namespace AgiIdent.Fake1C;

/// <summary>
/// The entity sets and properties one real configuration version publishes through OData, for the sets the sync
/// cares about: read from a fixture in <c>Metadata/</c>, each written from the public configuration dump it names
/// (<c>source</c>) by 1C's naming rules (a reference <c>X_Key</c>, a composite <c>X</c> + <c>X_Type</c>, a balance
/// resource <c>XBalance</c>). A fake infobase built on a schema serves nothing else.
/// </summary>
public sealed class Fake1CSchema
{
    private const string Prefix = "AgiIdent.Fake1C.Metadata.";

    private Fake1CSchema(string id, string configuration, string version, string? bsp, string source, IReadOnlyDictionary<string, IReadOnlyList<string>> sets)
    {
        Id = id;
        Configuration = configuration;
        Version = version;
        Bsp = bsp;
        Source = source;
        Sets = sets;
    }

    /// <summary>УТ 11.5.27 (БСП 3.1).</summary>
    public const string Ut115 = "UT-11.5.27";

    /// <summary>УТ 11.5.20 (БСП 3.1).</summary>
    public const string Ut11520 = "UT-11.5.20";

    /// <summary>УТ 11.4.2 (БСП 2.4: no <c>Значение</c> in contact information).</summary>
    public const string Ut114 = "UT-11.4.2";

    /// <summary>ERP 2.5.17 (the УТ preset).</summary>
    public const string Erp25 = "ERP-2.5.17";

    /// <summary>Комплексная автоматизация 2.5.12 (the УТ preset; БСП 3.1.7).</summary>
    public const string Ka25 = "KA-2.5.12";

    /// <summary>Бухгалтерия предприятия 3.0.198.</summary>
    public const string Bp30 = "BP-3.0.198";

    /// <summary>Бухгалтерия для Казахстана 3.0.64.</summary>
    public const string BpKz = "BPKZ-3.0.64";

    /// <summary>Управление нашей фирмой 3.0.8.</summary>
    public const string Unf30 = "UNF-3.0.8";

    /// <summary>The fixture's id, e.g. <c>UT-11.5.27</c>.</summary>
    public string Id { get; }

    /// <summary>The configuration's name (<c>Configuration.xml</c>).</summary>
    public string Configuration { get; }

    /// <summary>Its full version.</summary>
    public string Version { get; }

    /// <summary>Its БСП version, when known.</summary>
    public string? Bsp { get; }

    /// <summary>The public dump the facts were read from.</summary>
    public string Source { get; }

    /// <summary>Properties by set path (<c>Catalog_Партнеры</c>, <c>AccumulationRegister_РасчетыСКлиентами/Balance</c>), in 1C's order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sets { get; }

    /// <summary>Every fixture this build carries.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. typeof(Fake1CSchema).Assembly.GetManifestResourceNames()
            .Where(static n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(static n => n[Prefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="set"/> has <paramref name="field"/>.</summary>
    public bool Has(string set, string field) => Sets.TryGetValue(set, out var fields) && fields.Contains(field, StringComparer.Ordinal);

    /// <summary>Reads the fixture <paramref name="id"/>.</summary>
    public static Fake1CSchema Load(string id)
    {
        using var stream = typeof(Fake1CSchema).Assembly.GetManifestResourceStream(Prefix + id + ".json")
            ?? throw new ArgumentException($"No metadata fixture {id}; there are {string.Join(", ", All)}.", nameof(id));
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var sets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var set in root.GetProperty("sets").EnumerateObject())
        {
            sets[set.Name] = [.. set.Value.EnumerateArray().Select(static f => f.GetString()!)];
        }

        return new Fake1CSchema(
            root.GetProperty("id").GetString()!,
            root.GetProperty("configuration").GetString()!,
            root.GetProperty("version").GetString()!,
            root.TryGetProperty("bsp", out var bsp) && bsp.ValueKind == JsonValueKind.String ? bsp.GetString() : null,
            root.GetProperty("source").GetString()!,
            sets);
    }
}
