using System.Globalization;
using System.Text.Json;

namespace AgiIdent.Sync;

/// <summary>
/// <c>AgiIdent:Sync:Flags</c>: which 1C properties (additional attributes and information) become which flags. What
/// those properties are called in one infobase is read per run (<see cref="ReadNamesAsync"/>).
/// </summary>
internal sealed class SyncFlags
{
    private readonly List<(string Property, string? Value, string Flag)> _flags;

    public SyncFlags(IReadOnlyDictionary<string, string> flags)
    {
        _flags = [.. flags.Select(static f =>
        {
            var equals = f.Key.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (f.Key.Trim(), (string?)null, f.Value.Trim()) : (f.Key[..equals].Trim(), f.Key[(equals + 1)..].Trim(), f.Value.Trim());
        })];
    }

    /// <summary>Whether any flag is configured.</summary>
    public bool Any => _flags.Count > 0;

    /// <summary>The configured mapping, for the settings fingerprint.</summary>
    public IEnumerable<string> Fingerprint => _flags.Select(static f => $"{f.Property}={f.Value}={f.Flag}");

    /// <summary>Reads the properties' names and the property values the flags compare with.</summary>
    public async Task<SyncFlagNames> ReadNamesAsync(ODataClient client, InfobaseCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(check);
        var properties = new Dictionary<string, string[]>(StringComparer.Ordinal);
        await foreach (var row in client.ReadAllAsync(SyncMapping.Properties, check.Select(SyncMapping.Properties)!, "Ref_Key", null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                properties[reference] = Names(ODataRows.Text(row, "Заголовок"), ODataRows.Text(row, "Description"));
            }
        }

        // Values of flat lists and of hierarchical ones (a list in groups), whichever the infobase publishes.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in (string[])[SyncMapping.PropertyValues, SyncMapping.HierarchicalPropertyValues])
        {
            if (check.Select(set) is not { } fields)
            {
                continue;
            }

            await foreach (var row in client.ReadAllAsync(set, fields, "Ref_Key", null, cancellationToken).ConfigureAwait(false))
            {
                if (ODataRows.Ref(row, "Ref_Key") is { } reference)
                {
                    values[reference] = ODataRows.Text(row, "Description")?.Trim() ?? string.Empty;
                }
            }
        }

        return new SyncFlagNames(_flags, properties, values);
    }

    /// <summary>
    /// The names a property answers to: its title (<c>Заголовок</c>, what the user sees) and its <c>Description</c>,
    /// which БСП 2.4 writes as <c>Заголовок (set name)</c> for a property of a set (УТ 11.4's
    /// ДополнительныеРеквизитыИСведения element form) and БСП 3.x as the title itself.
    /// </summary>
    internal static string[] Names(string? title, string? description) =>
        [.. ((string?[])[title, description]).Select(static n => n?.Trim()).OfType<string>().Where(static n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>
/// The configured flags with the names and values of this infobase's properties, read once per run: what the
/// additional-attribute and -information rows are resolved against.
/// </summary>
internal sealed class SyncFlagNames
{
    private readonly IReadOnlyList<(string Property, string? Value, string Flag)> _flags;

    /// <summary>The names each property answers to, by reference.</summary>
    private readonly Dictionary<string, string[]> _properties;

    /// <summary>Property values (flat and hierarchical lists), by reference.</summary>
    private readonly Dictionary<string, string> _values;

    public SyncFlagNames(IReadOnlyList<(string Property, string? Value, string Flag)> flags, Dictionary<string, string[]> properties, Dictionary<string, string> values)
    {
        _flags = flags;
        _properties = properties;
        _values = values;
    }

    /// <summary>Which 1C properties and values the configured flags stand for, by reference: what a rename in 1C changes.</summary>
    public IEnumerable<string> Meaning()
    {
        foreach (var (property, value, flag) in _flags)
        {
            var properties = _properties.Where(p => p.Value.Contains(property, StringComparer.OrdinalIgnoreCase)).Select(static p => p.Key).Order(StringComparer.Ordinal);
            IEnumerable<string> values = value is null
                ? []
                : _values.Where(v => string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase)).Select(static v => v.Key).Order(StringComparer.Ordinal);
            yield return $"{flag}:{string.Join(',', properties)}:{string.Join(',', values)}";
        }
    }

    /// <summary>The flags additional-attribute or -information rows set; <paramref name="ownerType"/>, when given, is the owner's type they must have.</summary>
    public async IAsyncEnumerable<(string Ref, string Flag)> Resolve(IAsyncEnumerable<JsonElement> rows, string ownerField, string? ownerType)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (ownerType is not null && !string.Equals(ODataRows.Text(row, ownerField + "_Type"), ownerType, StringComparison.Ordinal))
            {
                continue;
            }

            if (ODataRows.Ref(row, ownerField) is not { } owner ||
                ODataRows.Ref(row, "Свойство_Key") is not { } property ||
                !_properties.TryGetValue(property, out var names))
            {
                continue;
            }

            var type = ODataRows.Text(row, "Значение_Type") ?? string.Empty;
            var value = ODataRows.Text(row, "Значение");
            if (type.StartsWith("StandardODATA.", StringComparison.Ordinal))
            {
                value = value is not null && Guid.TryParse(value, out var reference) && reference != Guid.Empty
                    ? _values.GetValueOrDefault(reference.ToString("D", CultureInfo.InvariantCulture), value)
                    : null;
            }

            foreach (var (name, expected, flag) in _flags)
            {
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var set = expected is null
                    ? !string.IsNullOrWhiteSpace(value) && value is not ("false" or "0")
                    : string.Equals(value?.Trim(), expected, StringComparison.OrdinalIgnoreCase);
                if (set)
                {
                    yield return (owner, flag);
                }
            }
        }
    }
}
