namespace AgiIdent.Tests.Postgres;

/// <summary>The "postgres" collection: its tests share one <see cref="PostgresFixture"/>.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresGroup : ICollectionFixture<PostgresFixture>
{
}
