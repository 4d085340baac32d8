using AgiIdent.Directory;
using AgiIdent.Hosting;
using AgiIdent.Numbering;

namespace AgiIdent.Tests.Directory;

/// <summary>The snapshot cache file: one per database by default, and never served for another database.</summary>
public sealed class SnapshotCacheFileTests
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Database=agiident;Username=a", "snapshot-127.0.0.1-5432-agiident.cache")]
    [InlineData("Host=DB.Example.org;Port=5433;Database=Trade;Username=a;Password=secret", "snapshot-db.example.org-5433-Trade.cache")]
    [InlineData("Host=/var/run/postgresql;Database=agiident", "snapshot-var_run_postgresql-5432-agiident.cache")]
    [InlineData("Host=127.0.0.1;Username=agiident", "snapshot-127.0.0.1-5432-agiident.cache")]
    [InlineData("Host=10.0.0.5;Database=база/1c", "snapshot-10.0.0.5-5432-база_1c.cache")]
    public void DefaultName_IsPerHostPortAndDatabase(string connectionString, string name) =>
        Assert.Equal(name, SnapshotCacheFile.DefaultName(connectionString));

    [Fact]
    public void DefaultPath_OfTwoDatabases_IsTwoFiles_InTheStateDirectory()
    {
        // The directory section as the configuration binds it, with the installation's state folder.
        var directory = AgiIdentConfiguration.Bind(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Directory;
        var first = directory.CacheFilePathFor("Host=127.0.0.1;Database=kyiv;Username=a");
        var second = directory.CacheFilePathFor("Host=127.0.0.1;Database=lviv;Username=a");
        Assert.NotEqual(first, second);
        Assert.Equal(Path.GetDirectoryName(first), Path.GetDirectoryName(second));
        Assert.Equal("/srv/cache.bin", new DirectoryOptions { CacheFile = "/srv/cache.bin" }.CacheFilePathFor("Host=127.0.0.1;Database=kyiv"));
    }

    [Fact]
    public void FileOfAnotherDatabase_IsNotServed()
    {
        var path = Path.Combine(Path.GetTempPath(), "agiident-cache-" + Guid.NewGuid().ToString("N") + ".cache");
        try
        {
            var party = new Party("a", "T-1", PartyKind.Company, "Київ", null, [], null, null, null, null, new Dictionary<string, string>(), false, [new PartyPhone("0447000001", null, null, Numbers.ParseStored("0447000001").Numbers)]);
            SnapshotCacheFile.Write(path, new DirectorySnapshot([party], Numbers), 1, 2, "127.0.0.1:5432/kyiv");

            var (snapshot, generation, watermark, _) = SnapshotCacheFile.Read(path, Numbers, "127.0.0.1:5432/kyiv");
            Assert.Equal("Київ", Assert.Single(snapshot.Find("380447000001")).Party.Name);
            Assert.Equal((1L, 2L), (generation, watermark));
            var error = Assert.Throws<InvalidDataException>(() => SnapshotCacheFile.Read(path, Numbers, "127.0.0.1:5432/lviv"));
            Assert.Contains("holds the directory of 127.0.0.1:5432/kyiv, not of 127.0.0.1:5432/lviv", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
