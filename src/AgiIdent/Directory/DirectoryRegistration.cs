using AgiIdent.Directory.Postgres;
using AgiIdent.Numbering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgiIdent.Directory;

/// <summary>
/// Registers the directory the configuration asks for, each kind with the hosted services that start it and keep it
/// answering; the daemon and <c>agiident lookup</c> register it the same way.
/// </summary>
public static class DirectoryRegistration
{
    /// <summary>
    /// Adds the directory of <paramref name="settings"/> as <see cref="IPartyDirectory"/>: a file (or the embedded demo),
    /// or PostgreSQL (<c>ConnectionStrings:Directory</c>) in snapshot or direct mode. <paramref name="serving"/> is true
    /// for the daemon, whose directory also logs what its file left out, or checks and warms itself up, before the port
    /// opens; a one-off lookup needs none of that.
    /// </summary>
    public static IHostApplicationBuilder AddDirectory(this IHostApplicationBuilder builder, DirectoryOptions settings, NumberParser numbers, bool serving)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Source == DirectorySource.File)
        {
            return builder.AddFileDirectory(settings.File, numbers, serving);
        }

        // The configuration has refused a PostgreSQL directory without a connection string already.
        var connectionString = settings.ConnectionString;
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return settings.Mode == DirectoryMode.Snapshot
            ? builder.AddSnapshotDirectory(connectionString, new SnapshotSettings(TimeSpan.FromSeconds(settings.RefreshSeconds), settings.CacheFilePathFor(connectionString)), numbers)
            : builder.AddDirectQueryDirectory(connectionString, settings, numbers, serving);
    }

    /// <summary>
    /// A <see cref="FileDirectory"/> read from <paramref name="path"/> (the embedded demo when empty) when first asked
    /// for; with <paramref name="serving"/>, its rejected rows and the demo warning are logged at start.
    /// </summary>
    public static IHostApplicationBuilder AddFileDirectory(this IHostApplicationBuilder builder, string? path, NumberParser numbers, bool serving)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => FileDirectory.Load(path, numbers));
        builder.Services.AddSingleton<IPartyDirectory>(static services => services.GetRequiredService<FileDirectory>());
        if (serving)
        {
            builder.Services.AddHostedService<FileDirectoryNotices>();
        }

        return builder;
    }

    /// <summary>
    /// A <see cref="SnapshotDirectory"/> on the database of <paramref name="connectionString"/>, loaded when the host
    /// starts and refreshed until it stops (<see cref="SnapshotDirectoryService"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSnapshotDirectory(this IHostApplicationBuilder builder, string connectionString, SnapshotSettings settings, NumberParser numbers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddDatabase(builder.Services, connectionString);
        builder.Services.AddSingleton(services => new SnapshotDirectory(
            services.GetRequiredService<NpgsqlDataSource>(), numbers, settings, services.GetRequiredService<ILogger<SnapshotDirectory>>(), services.GetService<TimeProvider>()));
        builder.Services.AddSingleton<IPartyDirectory>(static services => services.GetRequiredService<SnapshotDirectory>());
        builder.Services.AddHostedService<SnapshotDirectoryService>();
        return builder;
    }

    /// <summary>
    /// A <see cref="DirectQueryDirectory"/> on the database of <paramref name="connectionString"/>, with its outage probe
    /// (<see cref="DirectQueryProbe"/>); with <paramref name="serving"/>, the custom SQL is checked and one query warms
    /// the connection up at start (<see cref="DirectQueryStartup"/>).
    /// </summary>
    public static IHostApplicationBuilder AddDirectQueryDirectory(this IHostApplicationBuilder builder, string connectionString, DirectoryOptions settings, NumberParser numbers, bool serving)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        AddDatabase(builder.Services, connectionString);
        builder.Services.AddSingleton(services => new DirectQueryDirectory(
            services.GetRequiredService<NpgsqlDataSource>(), numbers, TimeSpan.FromMilliseconds(settings.QueryTimeoutMs), settings.CustomSql,
            services.GetRequiredService<ILogger<DirectQueryDirectory>>(), services.GetService<TimeProvider>()));
        builder.Services.AddSingleton<IPartyDirectory>(static services => services.GetRequiredService<DirectQueryDirectory>());
        builder.Services.AddHostedService<DirectQueryProbe>();
        if (serving)
        {
            builder.Services.AddHostedService(services => new DirectQueryStartup(
                services.GetRequiredService<DirectQueryDirectory>(), settings, services.GetRequiredService<ILogger<DirectQueryDirectory>>()));
        }

        return builder;
    }

    /// <summary>The data source of the directory database, owned (and disposed) by the container.</summary>
    private static void AddDatabase(IServiceCollection services, string connectionString) =>
        services.TryAddSingleton(_ => DirectoryDatabase.Create(connectionString));
}
