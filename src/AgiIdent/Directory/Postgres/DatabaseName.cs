using Npgsql;

namespace AgiIdent.Directory.Postgres;

/// <summary>How a database is named in logs and messages: host, port and database, never the password.</summary>
internal static class DatabaseName
{
    public static string Of(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <summary>A failure's message without anything from the connection string.</summary>
    public static string Reason(Exception exception) => exception switch
    {
        PostgresException postgres => $"{postgres.SqlState}: {postgres.MessageText}",
        NpgsqlException { InnerException: { } inner } => inner.Message,
        TimeoutException or OperationCanceledException => "timed out",
        _ => exception.Message,
    };
}
