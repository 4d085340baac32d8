using AgiIdent.Settings;

namespace AgiIdent.Directory.Postgres;

/// <summary>The <c>AgiIdent:Import</c> configuration section: what <c>agiident import</c> may do without <c>--force</c>.</summary>
[SettingsSection(Section)]
public sealed class ImportOptions
{
    /// <summary>The section's path.</summary>
    public const string Section = "AgiIdent:Import";

    /// <summary>
    /// An import that would remove more than this share (percent) of the directory's parties, and more than
    /// <see cref="MassRemovalFloor"/> of them, changes nothing instead: a truncated or wrong export must not empty the
    /// directory. The same default and floor as the sync's <c>AgiIdent:Sync:MaxRemovedPercent</c>; 100 turns the guard off.
    /// </summary>
    [Within(1, 100, Unit = " (percent of the directory one import may remove; 100 turns the guard off)")]
    public int MaxRemovedPercent { get; set; } = 50;

    /// <summary>Removals up to this many parties never trip <see cref="MaxRemovedPercent"/> (as in the sync).</summary>
    public const int MassRemovalFloor = AgiIdent.Sync.SyncOptions.MassRemovalFloor;
}
