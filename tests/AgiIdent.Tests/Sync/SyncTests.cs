using AgiIdent.Fake1C;
using AgiIdent.Hosting;
using AgiIdent.Sync;
using AgiIdent.Tests.Postgres;
using AgiIdent.Tests.Server;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AgiIdent.Tests.Sync;

/// <summary>Sync from a fake 1C OData server into a real PostgreSQL, then real calls to a daemon reading it.</summary>
[Collection("postgres")]
public sealed class SyncTests(PostgresFixture fixture)
{
    [PostgresFact]
    public async Task Probe()
    {
        await using var onec = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11());
        var connection = await fixture.Server.CreateDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connection);
        await AgiIdent.Directory.Postgres.SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        var options = Options(onec, "UT11");
        var result = await new ODataReplicator(options.Sync, options.Numbering, database).RunAsync(false, CancellationToken.None);
        File.WriteAllText("/tmp/scratch/probe.txt", result + "\n" + string.Join("\n", result.RejectSamples));
        await using var server = await TestServer.StartAsync(PostgresDirectoryTests.Postgres(connection));
        var lines = new List<string>();
        foreach (var caller in new[] { Ut11Facts.RomashkaCaller, Ut11Facts.ContactPersonCaller, Ut11Facts.SharedCaller, Ut11Facts.BlockedCaller, Ut11Facts.ExtensionCaller, Ut11Facts.DuplicateCaller, Ut11Facts.DeletedContactCaller, Ut11Facts.FaxCaller, Ut11Facts.OtherCaller, Ut11Facts.PersonCaller, Ut11Facts.DeletedManagerCustomerCaller, Ut11Facts.NoManagerCaller, Ut11Facts.XmlCaller, Ut11Facts.PresentationOnlyCaller, Ut11Facts.TwoNumbersCallers[1], Ut11Facts.RomashkaCounterpartyCaller })
        {
            var v = await FakeAsterisk.CallAsync(server.EndPoint, caller);
            lines.Add(caller + ": " + string.Join(", ", v.Select(p => $"{p.Key}={p.Value}")));
        }
        File.AppendAllLines("/tmp/scratch/probe.txt", lines);
    }

    internal static AgiIdentOptions Options(Fake1CServer onec, string preset, params (string Key, string Value)[] more)
    {
        var values = new Dictionary<string, string?>
        {
            ["AgiIdent:Sync:Preset"] = preset,
            ["AgiIdent:Sync:OData:Url"] = onec.Url.ToString(),
            ["AgiIdent:Sync:OData:User"] = Fake1CServer.DefaultUser,
            ["AgiIdent:Sync:OData:Password"] = Fake1CServer.DefaultPassword,
            ["AgiIdent:Sync:OData:RetryDelayMs"] = "50",
            ["AgiIdent:Sync:Flags:" + Fake1CProperties.Prepayment] = "Prepayment",
            ["AgiIdent:Sync:Flags:" + Fake1CProperties.Category + "=" + Fake1CProperties.Vip] = "VIP",
            ["AgiIdent:Sync:Flags:" + Fake1CProperties.Blocked] = "Blocked",
        };
        foreach (var (key, value) in more)
        {
            values[key] = value;
        }

        return AgiIdentConfiguration.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }
}
