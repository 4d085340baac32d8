using AgiIdent.Settings;
namespace AgiIdent.Hosting;

/// <summary>
/// Where an installed AgiIdent keeps its settings, secrets and state: <c>/etc/agiident</c> and <c>/var/lib/agiident</c>
/// on Linux (README, "Install as a service"), <c>%ProgramData%\AgiIdent</c> on Windows. The service and the commands an
/// admin runs by hand (<c>sudo agiident sync</c>) read the same files.
/// </summary>
public static class AgiIdentPaths
{
    /// <summary>
    /// The environment variable naming the settings file read when no <c>--config</c> is given; set it empty to read
    /// none (only <c>appsettings.json</c> beside the executable and the environment).
    /// </summary>
    public const string SettingsVariable = "AGIIDENT_CONFIG";

    /// <summary>
    /// Secrets read from files of these names in <c>$CREDENTIALS_DIRECTORY</c> (systemd's <c>LoadCredential=</c>), or,
    /// outside a unit, in the folder of the default settings file; the key each one sets.
    /// </summary>
    public static IReadOnlyList<(string File, string Key)> CredentialNames { get; } =
    [
        ("db-connection", "ConnectionStrings:Directory"),
        ("odata-password", "AgiIdent:Sync:OData:Password"),
    ];

    /// <summary>The settings file an installation has: <c>/etc/agiident/appsettings.json</c>, on Windows <c>%ProgramData%\AgiIdent\appsettings.json</c>.</summary>
    public static string InstalledSettingsFile => Path.Combine(ConfigurationDirectoryOf(OperatingSystem.IsWindows()), "appsettings.json");

    /// <summary>
    /// The settings file to read when no <c>--config</c> is given: <c>$AGIIDENT_CONFIG</c> when set (empty: none), else
    /// <see cref="InstalledSettingsFile"/> when it exists. Throws when <c>$AGIIDENT_CONFIG</c> names a missing file.
    /// </summary>
    public static string? DefaultSettingsFile()
    {
        var named = Environment.GetEnvironmentVariable(SettingsVariable);
        if (named is not null)
        {
            if (named.Length == 0)
            {
                return null;
            }

            var path = Path.GetFullPath(named);
            return File.Exists(path) ? path : throw new ConfigurationErrorsException($"{SettingsVariable}: file '{path}' does not exist");
        }

        return File.Exists(InstalledSettingsFile) ? InstalledSettingsFile : null;
    }

    /// <summary>
    /// The secrets of <see cref="CredentialNames"/> that exist, by key: from <c>$CREDENTIALS_DIRECTORY</c> when systemd set
    /// it, else from the folder of the default settings file (<c>/etc/agiident</c>, or that of <c>$AGIIDENT_CONFIG</c>).
    /// A file that exists but cannot be read is an error naming it (the admin forgot <c>sudo</c>).
    /// </summary>
    public static Dictionary<string, string?> Credentials()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var directory = Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY") is { Length: > 0 } credentials
            ? credentials
            : Environment.GetEnvironmentVariable(SettingsVariable) is { } named
                ? (named.Length == 0 ? null : Path.GetDirectoryName(Path.GetFullPath(named)))
                : ConfigurationDirectoryOf(OperatingSystem.IsWindows());
        if (directory is null)
        {
            return values;
        }

        foreach (var (file, key) in CredentialNames)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                values[key] = File.ReadAllText(path).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationErrorsException($"{path}: cannot read it ({e.Message}); it holds {key}: run the command as root (sudo agiident ...) or as the service's user");
            }
        }

        return values;
    }

    /// <summary>
    /// The folder for state (the snapshot cache, and on Windows the log files): <c>$STATE_DIRECTORY</c> under systemd
    /// (<c>StateDirectory=agiident</c>: <c>/var/lib/agiident</c>), <c>%ProgramData%\AgiIdent</c> on Windows, else the
    /// user's local data folder.
    /// </summary>
    public static string StateDirectory =>
        Environment.GetEnvironmentVariable("STATE_DIRECTORY") is { Length: > 0 } state
            ? state.Split(':')[0]
            : OperatingSystem.IsWindows()
                ? ConfigurationDirectoryOf(isWindows: true)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "agiident");

    /// <summary>The installed configuration folder of a platform.</summary>
    internal static string ConfigurationDirectoryOf(bool isWindows) => isWindows
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData, Environment.SpecialFolderOption.DoNotVerify), "AgiIdent")
        : "/etc/agiident";
}
