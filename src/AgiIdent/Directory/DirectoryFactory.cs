using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgiIdent.Directory;

/// <summary>The directory the configuration asks for, the same for the daemon and for <c>agiident lookup</c>.</summary>
internal static class DirectoryFactory
{
    /// <summary>
    /// A file directory (loaded now), or a PostgreSQL one: snapshot mode (load with <see cref="SnapshotDirectory.StartAsync"/>)
    /// or direct mode. <paramref name="database"/> is created for PostgreSQL and owned by the caller.
    /// </summary>
    public static IPartyDirectory Create(DirectoryOptions settings, NumberParser numbers, ILoggerFactory loggers, Func<NpgsqlDataSource> database, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(database);
        if (settings.Source == DirectorySource.File)
        {
            return FileDirectory.Load(settings.File, numbers);
        }

        return settings.Mode == DirectoryMode.Snapshot
            ? new SnapshotDirectory(database(), numbers, new SnapshotSettings(TimeSpan.FromSeconds(settings.RefreshSeconds), settings.CacheFilePathFor(settings.ConnectionString)), loggers.CreateLogger<SnapshotDirectory>(), clock)
            : new DirectQueryDirectory(database(), numbers, TimeSpan.FromMilliseconds(settings.QueryTimeoutMs), settings.CustomSql, loggers.CreateLogger<DirectQueryDirectory>(), clock);
    }
}
