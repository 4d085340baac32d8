using AgiIdent.Settings;
using Microsoft.Extensions.Options;

namespace AgiIdent.Sync;

/// <summary>The <c>AgiIdent:Sync</c> configuration section: replication from 1C's standard OData interface.</summary>
[SettingsSection(Section)]
public sealed class SyncOptions
{
    /// <summary>The section's path.</summary>
    public const string Section = "AgiIdent:Sync";

    /// <summary>Seconds between background syncs in the daemon; 0 (default) leaves syncing to <c>agiident sync</c>.</summary>
    public int IntervalSeconds { get; set; }

    /// <summary>Hours between full runs, which re-read every object and remove what vanished from 1C.</summary>
    [Within(1, 8_760, Unit = " (hours)")]
    public int FullEveryHours { get; set; } = 24;

    /// <summary>
    /// A run that would remove more than this share (percent) of the staged customers, and more than
    /// <see cref="MassRemovalFloor"/> of them, stops instead: a 1C user whose rights shrank, or a wrong infobase, lists
    /// few customers, and that must not empty the directory. 100 turns the guard off.
    /// </summary>
    [Within(1, 100, Unit = " (percent of the customers one run may remove; 100 turns the guard off)")]
    public int MaxRemovedPercent { get; set; } = 50;

    /// <summary>Removals up to this many customers never trip <see cref="MaxRemovedPercent"/>.</summary>
    public const int MassRemovalFloor = 10;

    /// <summary>Which configuration 1C runs; required to sync.</summary>
    public SyncPreset? Preset { get; set; }

    /// <summary>The code of the currency debt is shown in (<c>Catalog_Валюты.Code</c>); the numbering country's when empty.</summary>
    public string? Currency { get; set; }

    /// <summary>BP30: the accounts whose balance is the customer's debt.</summary>
    public string[]? DebtAccounts { get; set; }

    /// <summary>1C property (<c>Name</c> or <c>Name=Value</c>) to flag, e.g. <c>"Без оплаты не отгружать": "Prepayment"</c>.</summary>
    public Dictionary<string, string> Flags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The <c>AgiIdent:Sync:OData</c> section.</summary>
    [ValidateObjectMembers]
    public ODataOptions OData { get; set; } = new();

    /// <summary>The <c>AgiIdent:Sync:Custom</c> section, for <c>Preset=Custom</c>.</summary>
    public CustomMappingOptions Custom { get; set; } = new();

    /// <summary>
    /// The accounts BP30 reads when <see cref="DebtAccounts"/> is not set: 62.01 and 62.02 and their currency
    /// twins 62.21, 62.22, 62.31, 62.32 (all predefined in БП 3.0's Хозрасчетный; an account an infobase lacks matches
    /// no rows). The amount read is <c>Сумма</c>, in the national currency, for every one.
    /// </summary>
    public static IReadOnlyList<string> DefaultDebtAccounts { get; } = ["62.01", "62.02", "62.21", "62.22", "62.31", "62.32"];

    /// <summary>The accounts of Бухгалтерия для Казахстана (chart Типовой): 1210 receivables, 3510 advances received.</summary>
    public static IReadOnlyList<string> DefaultKazakhDebtAccounts { get; } = ["1210", "3510"];
}
