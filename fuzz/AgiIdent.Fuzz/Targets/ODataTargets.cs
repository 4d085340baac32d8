using System.Net;
using System.Text.Json;
using AgiIdent.Sync;

namespace AgiIdent.Fuzz.Targets;

/// <summary>Answers the first request with the fuzzed status and body, every later one with an empty page, in memory.</summary>
internal sealed class FuzzedAnswer(HttpStatusCode status, byte[] body) : HttpMessageHandler
{
    private int _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var first = Interlocked.Increment(ref _requests) == 1;
        return Task.FromResult(new HttpResponseMessage(first ? status : HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(first ? body : """{"value":[]}"""u8.ToArray()),
            RequestMessage = request,
        });
    }

    public static ODataClient Client(HttpStatusCode status, byte[] body) =>
        new(new ODataOptions { Url = "http://1c.example/trade/odata/standard.odata/", Retries = 0, TimeoutSeconds = 30, PageSize = 1000 }, new FuzzedAnswer(status, body));
}

/// <summary>
/// What 1C answers a sync with, through the real <see cref="ODataClient"/> over an in-memory handler: a page of rows,
/// the service document, or an error status with its body. Byte 0 chooses (0: a page, 1: the service document, 2:
/// an error status picked by byte 1); the rest is the body. Every row read is then taken apart with
/// <see cref="ODataRows"/> as the replicator does. Expected rejection: <see cref="SyncException"/>, whose message
/// says what 1C sent; nothing else may escape.
/// </summary>
internal static class ODataPageTarget
{
    private static readonly HttpStatusCode[] Errors =
        [HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable];

    private static readonly string[] Select = ["Ref_Key", "Тип", "Представление", "Значение"];

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0)
        {
            return;
        }

        var mode = data[0] % 3;
        var status = mode == 2 && data.Length > 1 ? Errors[data[1] % Errors.Length] : HttpStatusCode.OK;
        var body = data[(mode == 2 ? Math.Min(2, data.Length) : 1)..];
        using var client = FuzzedAnswer.Client(status, body);
        try
        {
            if (mode == 1)
            {
                var sets = client.ReadServiceDocumentAsync(CancellationToken.None).GetAwaiter().GetResult();
                FuzzFailure.Check(sets.All(s => s.Length > 0), "an empty set name");
                return;
            }

            Rows(client).GetAwaiter().GetResult();
        }
        catch (SyncException e)
        {
            FuzzFailure.Check(e.Message.Length > 0, "a rejection without a message");
        }
    }

    private static async Task Rows(ODataClient client)
    {
        await foreach (var row in client.ReadAllAsync("Catalog_Партнеры_КонтактнаяИнформация", Select, "Ref_Key", null, CancellationToken.None))
        {
            ReadRow(row);
        }
    }

    /// <summary>
    /// The row's own field names, and the selected ones. The sync only ever asks for fields by name, so a name that is
    /// not UTF-8 (which System.Text.Json reports only when the name is read) is simply not asked for.
    /// </summary>
    private static List<string> Fields(JsonElement row)
    {
        var fields = new List<string>(Select);
        if (row.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in row.EnumerateObject())
            {
                try
                {
                    fields.Add(property.Name);
                }
                catch (InvalidOperationException)
                {
                    // Not UTF-8: no preset field is named so.
                }
            }
        }

        return fields;
    }

    /// <summary>Every field of the row through every reader the replicator applies to rows.</summary>
    private static void ReadRow(JsonElement row)
    {
        foreach (var field in Fields(row))
        {
            _ = ODataRows.Text(row, field);
            if (ODataRows.Ref(row, field) is { } reference)
            {
                FuzzFailure.Check(Guid.TryParse(reference, out var guid) && guid != Guid.Empty, $"reference '{reference}'");
            }

            _ = ODataRows.Flag(row, field);
            _ = ODataRows.Amount(row, field);
        }

        if (ODataRows.Extension(row) is { } extension)
        {
            FuzzFailure.Check(extension.Length is >= 2 and <= 6 && extension.All(char.IsAsciiDigit), $"extension '{extension}'");
        }
    }
}

/// <summary>
/// 1C's <c>$metadata</c> (EDMX), through <see cref="ODataClient.ReadMetadataAsync"/> as a sync asks for it, then kept
/// the way a sync caches it between runs (<see cref="ODataMetadata.ToJson"/>, <see cref="ODataMetadata.FromJson"/>),
/// which must give the same sets and fields back. Expected rejection: <see cref="SyncException"/> (not an OData schema).
/// </summary>
internal static class ODataMetadataTarget
{
    private static readonly HashSet<string> Wanted = new(StringComparer.Ordinal)
    {
        "Catalog_Партнеры", "Catalog_Партнеры_КонтактнаяИнформация", "Catalog_Контрагенты", "AccumulationRegister_РасчетыСКлиентами/Balance",
        "InformationRegister_КонтактнаяИнформация/SliceLast", "Catalog_Пользователи",
    };

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var client = FuzzedAnswer.Client(HttpStatusCode.OK, data);
        Dictionary<string, IReadOnlyList<string>> fields;
        try
        {
            fields = client.ReadMetadataAsync(Wanted, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (SyncException e)
        {
            FuzzFailure.Check(e.Message.Length > 0, "a rejection without a message");
            return;
        }

        FuzzFailure.Check(fields.Keys.All(Wanted.Contains), $"a set nobody asked for: {string.Join(", ", fields.Keys.Where(k => !Wanted.Contains(k)))}");
        var metadata = new ODataMetadata(fields.Keys.Select(ODataMetadata.PublishedName), fields);
        var cached = ODataMetadata.FromJson(metadata.ToJson("fuzz"), "fuzz");
        FuzzFailure.Check(cached is not null, "the cached form does not read back");
        FuzzFailure.Check(cached!.Published.SetEquals(metadata.Published), "the cached form loses published sets");
        FuzzFailure.Check(
            cached.Fields.Count == fields.Count && fields.All(f => cached.Fields.TryGetValue(f.Key, out var back) && back.SequenceEqual(f.Value)),
            "the cached form loses fields");
    }
}
