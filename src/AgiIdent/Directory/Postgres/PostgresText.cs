using Npgsql;
using NpgsqlTypes;

namespace AgiIdent.Directory.Postgres;

/// <summary>Text from outside (a file, 1C) on its way into PostgreSQL, which cannot hold NUL in text.</summary>
internal static class PostgresText
{
    /// <summary>The text without NUL characters: one typed into 1C must not fail a whole import or sync.</summary>
    public static string Clean(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", string.Empty, StringComparison.Ordinal) : value;

    /// <summary>Writes a text column of a binary COPY, NULL for null.</summary>
    public static async Task WriteAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await writer.WriteAsync(Clean(value), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
    }
}
