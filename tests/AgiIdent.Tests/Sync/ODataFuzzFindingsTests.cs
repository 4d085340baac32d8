using AgiIdent.Fake1C;
using AgiIdent.Sync;

namespace AgiIdent.Tests.Sync;

/// <summary>
/// What the odata-page fuzz target (fuzz/AgiIdent.Fuzz) found: JSON of an unexpected shape from 1C escaped as an
/// InvalidOperationException of System.Text.Json instead of a worded <see cref="SyncException"/>. Each answer is
/// served over HTTP by the fake 1C, as it would arrive.
/// </summary>
public sealed class ODataFuzzFindingsTests
{
    private static ODataOptions Options(Fake1CServer server) => new()
    {
        Url = server.Url.ToString(),
        User = Fake1CServer.DefaultUser,
        Password = Fake1CServer.DefaultPassword,
        Retries = 0,
    };

    private static Task<List<System.Text.Json.JsonElement>> ReadAllAsync(string body, int status = 200) =>
        ReadAllAsync(System.Text.Encoding.UTF8.GetBytes(body), status);

    private static async Task<List<System.Text.Json.JsonElement>> ReadAllAsync(byte[] body, int status = 200)
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut115));
        server.Fault = _ => Fake1CFault.Answer(status, body);
        using var client = new ODataClient(Options(server));
        var rows = new List<System.Text.Json.JsonElement>();
        await foreach (var row in client.ReadAllAsync("Catalog_Партнеры", ["Ref_Key"], "Ref_Key", null, CancellationToken.None))
        {
            // As the replicator reads a row: its fields by name.
            _ = ODataRows.Ref(row, "Ref_Key");
            _ = ODataRows.Text(row, "Description");
            rows.Add(row.Clone());
        }

        return rows;
    }

    /// <summary>Only the first row was checked to be an object; a later number reached the field readers.</summary>
    [Fact]
    public async Task PageWithALaterRowThatIsNoObject_IsASyncError()
    {
        var error = await Assert.ThrowsAsync<SyncException>(() => ReadAllAsync("""{"value":[{"Ref_Key":"8e5b3c6a-1f2d-11ef-9a1b-005056a1b2c3"},1]}"""));

        Assert.Contains("Catalog_Партнеры with rows that are not objects", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A service document entry whose name is a number threw from GetString.</summary>
    [Fact]
    public async Task ServiceDocumentWithANameThatIsNoString_SkipsIt()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut115));
        server.Fault = _ => Fake1CFault.Answer(200, """{"value":[{"name":1},{"name":"Catalog_Партнеры"},{"url":{}},{"url":"Catalog_Валюты"}]}""");
        using var client = new ODataClient(Options(server));

        Assert.Equal(["Catalog_Партнеры", "Catalog_Валюты"], await client.ReadServiceDocumentAsync(CancellationToken.None));
    }

    /// <summary>An error body that is JSON but not 1C's error object (an array, a number as the message) threw while the error was worded.</summary>
    [Theory]
    [InlineData("[1]")]
    [InlineData("""{"odata.error":5}""")]
    [InlineData("""{"odata.error":{"message":5}}""")]
    [InlineData("""{"odata.error":{"message":{"value":[]}}}""")]
    public async Task ErrorBodyOfAnotherShape_IsShownAsText(string body)
    {
        var error = await Assert.ThrowsAsync<SyncException>(() => ReadAllAsync(body, status: 400));

        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Contains(body, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBodyOfOneC_StillGivesItsMessage()
    {
        var error = await Assert.ThrowsAsync<SyncException>(() => ReadAllAsync("""{"odata.error":{"code":"-1","message":{"lang":"ru","value":"Не найден ресурс"}}}""", status: 400));

        Assert.Contains("Не найден ресурс", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("odata.error", error.Message, StringComparison.Ordinal);
    }

    /// <summary>System.Text.Json checks UTF-8 inside a string only when it is read: a field of bytes that are not UTF-8 threw InvalidOperationException.</summary>
    [Fact]
    public async Task PageWithAFieldThatIsNoUtf8_IsASyncErrorNamingTheField()
    {
        byte[] body = [.. "{\"value\":[{\"Ref_Key\":\"8e5b3c6a-1f2d-11ef-9a1b-005056a1b2c3\",\"Description\":\""u8, 0xD1, .. "\"}]}"u8];

        var error = await Assert.ThrowsAsync<SyncException>(() => ReadAllAsync(body));

        Assert.StartsWith("1C sent the field Description with bytes that are not UTF-8", error.Message, StringComparison.Ordinal);
    }

    /// <summary>System.Xml, switching to the encoding a mangled declaration names, threw ArgumentOutOfRangeException instead of XmlException.</summary>
    [Fact]
    public async Task MetadataWithAMangledDeclaration_IsASyncError()
    {
        byte[] body = [.. "<?xml version=\"1.0=="u8, .. Enumerable.Repeat((byte)0xBA, 26), .. "UTF-8\"?>"u8];
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut115));
        server.Fault = _ => Fake1CFault.Answer(200, body);
        using var client = new ODataClient(Options(server));

        var error = await Assert.ThrowsAsync<SyncException>(() => client.ReadMetadataAsync(new HashSet<string>(["Catalog_Партнеры"], StringComparer.Ordinal), CancellationToken.None));

        Assert.Contains("answered $metadata with something that is not an OData schema", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Found by the odata-metadata target in CI: a type element nested in a wanted type threw ArgumentNullException.</summary>
    [Fact]
    public async Task MetadataWithATypeNestedInAWantedType_ReadsTheOuterTypesProperties()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut115));
        server.Fault = _ => Fake1CFault.Answer(200, """<Edmx><Schema><EntityType Name="Catalog_Партнеры"><Property Name="Ref_Key"/><EntityType NmC=""/><Property Name="Наименование"/></EntityType></Schema></Edmx>""");
        using var client = new ODataClient(Options(server));

        var fields = await client.ReadMetadataAsync(new HashSet<string>(["Catalog_Партнеры"], StringComparer.Ordinal), CancellationToken.None);

        Assert.Equal(["Ref_Key", "Наименование"], fields["Catalog_Партнеры"]);
    }

    [Fact]
    public async Task MetadataInUtf8WithoutADeclaration_StillReads()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut115));
        server.Fault = _ => Fake1CFault.Answer(200, """<Edmx><Schema><EntityType Name="Catalog_Партнеры"><Property Name="Ref_Key"/><Property Name="Наименование"/></EntityType></Schema></Edmx>""");
        using var client = new ODataClient(Options(server));

        var fields = await client.ReadMetadataAsync(new HashSet<string>(["Catalog_Партнеры"], StringComparer.Ordinal), CancellationToken.None);

        Assert.Equal(["Ref_Key", "Наименование"], fields["Catalog_Партнеры"]);
    }
}
