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
