using AgiIdent.Settings;
using Microsoft.Extensions.Configuration;

namespace AgiIdent.Directory;

/// <summary>The <c>AgiIdent:Directory</c> configuration section.</summary>
[SettingsSection(Section)]
public sealed class DirectoryOptions
{
    /// <summary>The section's path.</summary>
    public const string Section = "AgiIdent:Directory";

    /// <summary><c>File</c> (default) or <c>Postgres</c>.</summary>
    public DirectorySource Source { get; set; } = DirectorySource.File;

    /// <summary>Path of the JSON directory file; empty uses the embedded demo directory.</summary>
    public string? File { get; set; }

    /// <summary><c>Snapshot</c> (default) or <c>Direct</c>, for <c>Source=Postgres</c>.</summary>
    public DirectoryMode Mode { get; set; } = DirectoryMode.Snapshot;

    /// <summary>Seconds between snapshot refreshes; a NOTIFY from the database triggers one at once.</summary>
    [Within(1, 86_400)]
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>Milliseconds a direct-mode query may take before the call falls back.</summary>
    [Within(10, int.MaxValue, Unit = ", below two thirds of AgiIdent:SessionBudgetMs")]
    public int QueryTimeoutMs { get; set; } = 150;

    /// <summary>The admin's own query for direct mode, with parameters <c>@e164</c> and <c>@suffix</c>, returning the canonical columns by name.</summary>
    public string? CustomSql { get; set; }

    /// <summary>Where the last good snapshot is kept on disk; <c>$STATE_DIRECTORY/snapshot-HOST-PORT-DATABASE.cache</c> (one per database), on Windows under <c>%ProgramData%\AgiIdent</c>, else the user's local data folder, when empty.</summary>
    public string? CacheFile { get; set; }

    /// <summary><c>ConnectionStrings:Directory</c>, bound with the section (never logged).</summary>
    internal string? ConnectionString { get; set; }

    /// <summary>The folder of the default <see cref="CacheFile"/>, the installation's state folder, bound with the section.</summary>
    internal string StateDirectory { get; set; } = string.Empty;

    /// <summary>Binds what the directory reads from outside its section: the connection string, and the state folder.</summary>
    internal void BindOutside(IConfiguration configuration, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConnectionString = configuration.GetConnectionString("Directory");
        StateDirectory = stateDirectory;
    }

    /// <summary>The cache file path to use for the database of <paramref name="connectionString"/> (one file per database).</summary>
    internal string CacheFilePathFor(string? connectionString) => !string.IsNullOrWhiteSpace(CacheFile)
        ? CacheFile
        : Path.Combine(StateDirectory, SnapshotCacheFile.DefaultName(connectionString));
}
