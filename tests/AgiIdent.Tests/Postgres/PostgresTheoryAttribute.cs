namespace AgiIdent.Tests.Postgres;

/// <summary>A theory that needs PostgreSQL, skipped or failed as <see cref="PostgresFactAttribute"/> is.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = PostgresServer.InstallHint;
        }
    }
}
