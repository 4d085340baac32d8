using System.Globalization;
using System.Text.Json;

namespace AgiIdent.Sync;

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
