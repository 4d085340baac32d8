using AgiIdent.Settings;

namespace AgiIdent.Directory;

/// <summary>The checks of <see cref="DirectoryOptions"/> that read more than one key: the mode a custom query needs, the connection string PostgreSQL needs.</summary>
internal sealed class DirectoryOptionsCustomValidator : SettingsValidator<DirectoryOptions>
{
    /// <inheritdoc />
    protected override void Check(DirectoryOptions options, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(options.CustomSql) && options.Mode != DirectoryMode.Direct)
        {
            errors.Add("AgiIdent:Directory:CustomSql: a custom query answers each call, so it needs AgiIdent:Directory:Mode=Direct");
        }

        if (options.Source == DirectorySource.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                errors.Add("ConnectionStrings:Directory: required when AgiIdent:Directory:Source is Postgres, e.g. Host=127.0.0.1;Database=agiident;Username=agiident;Password=...");
            }
            else
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException e)
                {
                    // The message names the offending keyword, never the value: the string holds a password.
                    errors.Add($"ConnectionStrings:Directory: not a valid PostgreSQL connection string ({e.Message.Split('\'')[0].Trim()})");
                }
            }
        }

    }
}
