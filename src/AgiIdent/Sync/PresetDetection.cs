using System.Globalization;
using System.Text;

namespace AgiIdent.Sync;

/// <summary>Which preset fits an infobase (<c>agiident sync --detect</c>): each is compared with what the infobase publishes.</summary>
internal static class PresetDetection
{
    private static readonly SyncPreset[] Candidates = [SyncPreset.UT11, SyncPreset.BP30, SyncPreset.UNF3];

    /// <summary>The checks of every preset against the infobase behind <paramref name="client"/>, fitting ones first.</summary>
    public static async Task<IReadOnlyList<InfobaseCheck>> DetectAsync(SyncOptions options, ODataClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flags = options.Flags.Count > 0;
        var editions = Candidates.Select(p => SyncMapping.Editions(Options(options, p))).ToList();
        var sets = editions.SelectMany(static e => e).SelectMany(e => e.Needs(flags)).Select(static n => n.Set).Distinct(StringComparer.Ordinal);
        var metadata = await ODataReplicator.ReadMetadataAsync(client, sets, cancellationToken).ConfigureAwait(false);
        return [.. editions
            .Select(e => ODataReplicator.Choose(e, metadata, options.OData.Url!, flags))
            .OrderBy(static c => c.Check.Fits ? 0 : 1)
            .ThenBy(static c => c.Check.MissingSets.Count + c.Check.MissingFields.Count)
            .Select(static c => c.Check.WithEdition(c.Mapping))];
    }

    /// <summary>What <c>agiident sync --detect</c> prints: the preset, its БСП generation, and the configuration lines to use.</summary>
    public static string Report(IReadOnlyList<InfobaseCheck> checks, string url)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var text = new StringBuilder();
        var fits = checks.Where(static c => c.Fits).ToList();
        if (fits.Count == 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"No preset fits 1C at {url} as it is published now. The closest:");
            text.Append(checks[0].Report());
            text.AppendLine("If this is another configuration, use Preset=Custom (docs/SYNC.md).");
            return text.ToString();
        }

        foreach (var check in fits)
        {
            var mapping = check.Edition!;
            var generation = mapping.PhoneRegister is not null ? "contact information in the register КонтактнаяИнформация"
                : check.Reads(mapping.Customers + SyncMapping.ContactInformationSuffix, "Значение") ? "БСП 3.x: phones as JSON in Значение"
                : "БСП 2.4: no Значение; phones read from ЗначенияПолей and Представление";
            text.AppendLine(CultureInfo.InvariantCulture, $"Preset {check.Preset} fits: {mapping.Edition ?? InfobaseCheck.PresetFor(check.Preset)} ({generation}).");
            foreach (var (need, field) in check.AbsentOptional)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  not in this version, not read: {need.Set}.{field}");
            }

            text.AppendLine("Configuration (appsettings.json):")
                .AppendLine(CultureInfo.InvariantCulture, $"  \"AgiIdent\": {{ \"Sync\": {{ \"Preset\": \"{check.Preset}\", \"OData\": {{ \"Url\": \"{url}\" }} }} }}")
                .AppendLine("or as environment variables:")
                .AppendLine(CultureInfo.InvariantCulture, $"  AgiIdent__Sync__Preset={check.Preset}")
                .AppendLine(CultureInfo.InvariantCulture, $"  AgiIdent__Sync__OData__Url={url}");
        }

        return text.ToString();
    }

    private static SyncOptions Options(SyncOptions options, SyncPreset preset) => new()
    {
        Preset = preset,
        DebtAccounts = options.DebtAccounts,
        Flags = options.Flags,
        OData = options.OData,
    };
}
