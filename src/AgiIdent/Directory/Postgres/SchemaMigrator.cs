using System.Globalization;
using Dapper;
using Npgsql;

namespace AgiIdent.Directory.Postgres;

/// <summary>Applies the versioned SQL migrations embedded in the build (<c>agiident db migrate</c>).</summary>
public static class SchemaMigrator
{
    private const string Prefix = "AgiIdent.Migrations.";

    /// <summary>The migrations this build knows, by version, in order.</summary>
    public static IReadOnlyList<(int Version, string Name)> Migrations { get; } =
        [.. typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.AsSpan(Prefix.Length, 3), NumberStyles.None, CultureInfo.InvariantCulture), Name: n))
            .OrderBy(m => m.Version)];

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>
    /// Brings the schema to <see cref="LatestVersion"/>; each migration runs in its own transaction. Safe to run again
    /// and from several machines at once. Refuses a database whose schema is newer than this build.
    /// </summary>
    public static async Task<(int From, int To)> MigrateAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // One migrator at a time; the lock ends with the transaction.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@id)", new { id = CanonicalSchema.MigrationLock }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var from = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (from > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database schema agiident is at version {from}, newer than this AgiIdent knows ({LatestVersion}). Upgrade AgiIdent; do not run an older one against it.");
            }

            foreach (var (version, name) in Migrations.Where(m => m.Version > from))
            {
                await connection.ExecuteAsync(new CommandDefinition(ReadMigration(name), cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition("INSERT INTO agiident.schema_version (version) VALUES (@version)", new { version }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (from, Math.Max(from, LatestVersion));
        }
    }

    /// <summary>The schema version of the database; 0 when the schema is not there.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('agiident.schema_version') IS NOT NULL", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            return 0;
        }

        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT coalesce(max(version), 0) FROM agiident.schema_version", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string ReadMigration(string name)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
