using System.Text.Json;
using System.Xml;

namespace AgiIdent.Sync;

/// <summary>
/// What an infobase publishes through its standard OData interface: the entity sets of the service document and,
/// for the sets a preset reads, their properties as <c>$metadata</c> describes them.
/// </summary>
/// <remarks>
/// 1C describes an object's set as an <c>EntityType</c> named like the set (<c>Catalog_Партнеры</c>, a tabular
/// section <c>Catalog_Партнеры_КонтактнаяИнформация</c>) and a register's virtual table as a <c>ComplexType</c>
/// named <c>{register}_{table}</c> (<c>AccumulationRegister_РасчетыСКлиентами_Balance</c>) returned by a bound
/// <c>FunctionImport</c>; the path we request is <c>{register}/{table}</c>. The service document lists the
/// registers themselves, not their virtual tables.
/// </remarks>
internal sealed class ODataMetadata
{
    /// <summary>The virtual tables of registers the sync reads, as <c>$metadata</c> names their row types.</summary>
    private static readonly string[] VirtualTables = ["Balance", "SliceLast"];

    public ODataMetadata(IEnumerable<string> published, IReadOnlyDictionary<string, IReadOnlyList<string>> fields)
    {
        Published = new HashSet<string>(published, StringComparer.Ordinal);
        Fields = fields;
    }

    /// <summary>The entity sets the service document lists (registers by their own name, without a virtual table).</summary>
    public IReadOnlySet<string> Published { get; }

    /// <summary>Properties by set path (<c>Catalog_Партнеры</c>, <c>AccumulationRegister_РасчетыСКлиентами/Balance</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; }

    /// <summary>The published set a path belongs to: the register for its virtual table, the set itself otherwise.</summary>
    public static string PublishedName(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    /// <summary>Whether the service document lists the set <paramref name="path"/> is read from.</summary>
    public bool IsPublished(string path) => Published.Contains(PublishedName(path));

    /// <summary>
    /// Whether a property of a register's virtual table is a dimension: not a resource (<c>СуммаBalance</c>,
    /// <c>СуммаBalanceDr</c>, <c>СуммаBalanceCr</c>) and not the type half of a composite (<c>ExtDimension1_Type</c>).
    /// </summary>
    public static bool IsDimension(string field) =>
        !field.EndsWith("_Type", StringComparison.Ordinal) && !field.EndsWith("Balance", StringComparison.Ordinal) &&
        !field.EndsWith("BalanceDr", StringComparison.Ordinal) && !field.EndsWith("BalanceCr", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> has the property <paramref name="field"/>.</summary>
    public bool Has(string path, string field) => Fields.TryGetValue(path, out var fields) && fields.Contains(field, StringComparer.Ordinal);

    /// <summary>The set names of a service document (<c>{"value":[{"name":"Catalog_X","url":"Catalog_X"}]}</c>); null when it is none.</summary>
    public static IReadOnlyList<string>? ParseServiceDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var entry in value.EnumerateArray())
        {
            // A name that is not a string (a number, an object) names no set, like an entry without one.
            var name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? ODataRows.String(n, "name")
                : entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? ODataRows.String(u, "url")
                : null;
            if (!string.IsNullOrEmpty(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// Reads the properties of <paramref name="wanted"/> set paths from a <c>$metadata</c> document, streaming: for
    /// УТ it is megabytes, and only a few dozen of its types matter.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> ParseMetadata(Stream document, IReadOnlySet<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(wanted);
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        // Decoded by us (UTF-8 unless a byte order mark says otherwise, as 1C sends it), not by the XML reader from the
        // declaration: System.Xml's switch to a declared encoding threw ArgumentOutOfRangeException on a mangled
        // declaration (found by fuzz/corpus/odata-metadata) instead of an XmlException.
        using var text = new StreamReader(document, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var reader = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true });
        string? current = null;
        List<string>? properties = null;
        var depth = -1;
        while (reader.Read())
        {
            // A type element inside the type being read is not EDMX; it must not end that type early (a fuzz finding:
            // an empty nested EntityType reset the type's name while its properties were still collected, and the
            // end of the outer type stored them under no name: ArgumentNullException instead of the type's fields).
            if (properties is null && reader.NodeType == XmlNodeType.Element && reader.LocalName is "EntityType" or "ComplexType")
            {
                current = TypePath(reader.GetAttribute("Name") ?? string.Empty);
                if (wanted.Contains(current) && !reader.IsEmptyElement)
                {
                    properties = [];
                    depth = reader.Depth;
                }
                else
                {
                    current = null;
                }
            }
            else if (properties is not null && reader.NodeType == XmlNodeType.Element && reader.LocalName == "Property" && reader.Depth == depth + 1)
            {
                if (reader.GetAttribute("Name") is { Length: > 0 } name)
                {
                    properties.Add(name);
                }
            }
            else if (properties is not null && reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                fields[current!] = properties;
                properties = null;
                current = null;
            }
        }

        return fields;
    }

    /// <summary>The set path a type describes: <c>AccumulationRegister_X_Balance</c> is <c>AccumulationRegister_X/Balance</c>.</summary>
    private static string TypePath(string typeName)
    {
        foreach (var table in VirtualTables)
        {
            if (typeName.EndsWith("_" + table, StringComparison.Ordinal) && typeName.Contains("Register_", StringComparison.Ordinal))
            {
                return typeName[..^(table.Length + 1)] + "/" + table;
            }
        }

        return typeName;
    }

    /// <summary>
    /// The form kept in <c>agiident.sync_state</c> between runs; <paramref name="key"/> says what it was read for (the
    /// OData root and the sets the settings needed), so another infobase or other settings read it again.
    /// </summary>
    public string ToJson(string key) => JsonSerializer.Serialize(
        new Cached(key, [.. Published.Order(StringComparer.Ordinal)], Fields.ToDictionary(static f => f.Key, static f => f.Value.ToArray(), StringComparer.Ordinal)),
        CachedJson.Default.Cached);

    /// <summary>Reads what <see cref="ToJson"/> wrote for the same <paramref name="key"/>; null when it is not that.</summary>
    public static ODataMetadata? FromJson(string? json, string key)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var cached = JsonSerializer.Deserialize(json, CachedJson.Default.Cached);
            return cached?.Published is null || cached.Fields is null || cached.Key != key
                ? null
                : new ODataMetadata(cached.Published, cached.Fields.ToDictionary(static f => f.Key, static f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The cached form: what it was read for, the published sets, the fields.</summary>
    internal sealed record Cached(string? Key, string[] Published, Dictionary<string, string[]> Fields);
}
