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

    private static async Task<List<System.Text.Json.JsonElement>> ReadAllAsync(string body, int status = 200)
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11(Fake1CSchema.Ut115));
        server.Fault = _ => Fake1CFault.Answer(status, body);
        using var client = new ODataClient(Options(server));
        var rows = new List<System.Text.Json.JsonElement>();
        await foreach (var row in client.ReadAllAsync("Catalog_Партнеры", ["Ref_Key"], "Ref_Key", null, CancellationToken.None))
        {
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
}
