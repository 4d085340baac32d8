namespace AgiIdent.Tests.Postgres;

/// <summary>
/// A test that needs PostgreSQL. Without the server binaries it is skipped with the install hint, except under
/// <c>CI=true</c>, where it runs and fails with that hint, so CI never passes by skipping.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = PostgresServer.InstallHint;
        }
    }
}
