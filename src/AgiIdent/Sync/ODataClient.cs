using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AgiIdent.Sync;

/// <summary>
/// Reads entity sets from 1C's standard OData interface (v3, JSON) page by page: <c>$top</c>/<c>$skip</c> over a
/// stable <c>$orderby</c>, one page in memory at a time. Each request has its own timeout and is retried with
/// exponential backoff on network errors (a connection dropped in the middle of a page included), timeouts and
/// HTTP 408/429/5xx.
/// </summary>
internal sealed class ODataClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ODataOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private int _requests;
    private long _rows;

    /// <summary>A client for the process: its connections and its resilience pipeline serve every run.</summary>
    public ODataClient(ODataOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var root = options.Url!.EndsWith('/') ? options.Url : options.Url + "/";
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All }, disposeHandler: true)
        {
            BaseAddress = new Uri(root),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(options.User))
        {
            // 1C decodes Basic credentials as UTF-8: a Cyrillic login is sent as its UTF-8 bytes.
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        var pipeline = new ResiliencePipelineBuilder();
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException or TransientODataException),
            });
        }

        // Inside the retry: each attempt gets the whole timeout, reading the answer included.
        _pipeline = pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds)).Build();
    }

    /// <summary>Rows of at most this many fields are read <see cref="NarrowPageFactor"/> pages at a time.</summary>
    public const int NarrowRowFields = 3;

    /// <summary>How many pages of narrow rows one request asks for.</summary>
    public const int NarrowPageFactor = 10;

    /// <summary>Requests made since the client was created; a run reports the difference.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Told the set and the counts before each page is asked for and when a set is read: what a progress display shows.</summary>
    public IProgress<SyncProgress>? Progress { get; init; }

    /// <summary>
    /// The entity sets the service document (<c>{root}?$format=json</c>) lists. Asked first: a wrong base URL is then
    /// reported as a wrong URL, not as a set that is not published.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadServiceDocumentAsync(CancellationToken cancellationToken)
    {
        using var document = await GetAsync(ServiceDocument, "$format=json", [], cancellationToken).ConfigureAwait(false);
        return ODataMetadata.ParseServiceDocument(document.RootElement)
            ?? throw new SyncException($"{_options.Url} answered with JSON that is not an OData service document; AgiIdent:Sync:OData:Url must be the infobase's OData root, e.g. http://1c-server/trade/odata/standard.odata/");
    }

    /// <summary>The properties of <paramref name="wanted"/> sets as <c>$metadata</c> describes them.</summary>
    public Task<Dictionary<string, IReadOnlyList<string>>> ReadMetadataAsync(IReadOnlySet<string> wanted, CancellationToken cancellationToken) =>
        SendAsync(
            "$metadata",
            Metadata,
            [],
            async (body, token) =>
            {
                // Read whole first, under the token: the XML reader is synchronous, and a server that stalls in the
                // middle of megabytes must still be cut off by the timeout.
                using var buffer = new MemoryStream();
                await body.CopyToAsync(buffer, token).ConfigureAwait(false);
                buffer.Position = 0;
                try
                {
                    return ODataMetadata.ParseMetadata(buffer, wanted);
                }
                catch (System.Xml.XmlException e)
                {
                    throw new SyncException($"1C answered $metadata with something that is not an OData schema ({e.Message}); is {_options.Url} the standard.odata root?", e);
                }
            },
            cancellationToken);

    private const string Metadata = "$metadata";

    private const string ServiceDocument = "the service document";

    /// <summary>
    /// Every row of <paramref name="set"/> (optionally filtered), page by page, in <paramref name="orderBy"/> order.
    /// The rows of a page are valid until the next page is requested.
    /// </summary>
    public async IAsyncEnumerable<JsonElement> ReadAllAsync(string set, IReadOnlyList<string> select, string orderBy, string? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Narrow rows (a version list, a balance) are small: fewer, larger pages spare 1C a $skip scan per page.
        var pageSize = select.Count <= NarrowRowFields ? _options.PageSize * NarrowPageFactor : _options.PageSize;
        for (var skip = 0; ; skip += pageSize)
        {
            var query = Query(select, filter, orderBy, pageSize, skip);
            Progress?.Report(new SyncProgress(set, Volatile.Read(ref _rows), Requests));
            using var page = await GetAsync(set, query, select, cancellationToken).ConfigureAwait(false);
            var count = 0;
            foreach (var row in Rows(page, set))
            {
                // Every row, not only the first: a row that is not an object would fail the first field read of it.
                CheckObject(row, set);
                if (count++ == 0)
                {
                    CheckFields(row, set, select);
                }

                Interlocked.Increment(ref _rows);
                yield return row;
            }

            if (count < pageSize)
            {
                Progress?.Report(new SyncProgress(set, Volatile.Read(ref _rows), Requests));
                yield break;
            }
        }
    }

    /// <summary>The rows of <paramref name="set"/> whose <paramref name="keyField"/> is one of <paramref name="refs"/>, asked for in batches.</summary>
    public async IAsyncEnumerable<JsonElement> ReadByRefsAsync(string set, IReadOnlyList<string> select, string keyField, string orderBy, IReadOnlyList<string> refs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = 0; start < refs.Count; start += _options.BatchSize)
        {
            var batch = refs.Skip(start).Take(_options.BatchSize).Select(r => $"{keyField} eq guid'{r}'");
            await foreach (var row in ReadAllAsync(set, select, orderBy, string.Join(" or ", batch), cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }

    /// <summary>1C sends every selected field, null or not: one that is missing is not in this configuration.</summary>
    private static void CheckFields(JsonElement row, string set, IReadOnlyList<string> select)
    {
        foreach (var field in select)
        {
            if (!row.TryGetProperty(field, out _))
            {
                throw MissingField(set, field, "1C sent rows without it");
            }
        }
    }

    private void CheckObject(JsonElement row, string set)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new SyncException($"1C answered {set} with rows that are not objects; is {_options.Url} the standard.odata root?");
        }
    }

    private static SyncException MissingField(string set, string field, string evidence) =>
        new($"{set} has no field {field}, which the preset reads ({evidence}). The configuration is not the one the preset is for, or its version differs: run 'agiident sync --check' (or --detect), choose another AgiIdent:Sync:Preset or use Preset=Custom (docs/SYNC.md).");

    private static string Query(IReadOnlyList<string> select, string? filter, string orderBy, int top, int skip)
    {
        var query = new StringBuilder("$format=json");
        query.Append("&$select=").Append(Escape(string.Join(',', select)));
        if (!string.IsNullOrEmpty(filter))
        {
            query.Append("&$filter=").Append(Escape(filter));
        }

        query.Append("&$orderby=").Append(Escape(orderBy));
        query.Append(CultureInfo.InvariantCulture, $"&$top={top}&$skip={skip}");
        return query.ToString();
    }

    private JsonElement.ArrayEnumerator Rows(JsonDocument page, string set)
    {
        if (page.RootElement.ValueKind != JsonValueKind.Object || !page.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new SyncException($"1C answered {set} with JSON that is not an OData collection (no \"value\" array); is {_options.Url} the standard.odata root?");
        }

        return value.EnumerateArray();
    }

    private Task<JsonDocument> GetAsync(string set, string query, IReadOnlyList<string> select, CancellationToken cancellationToken) =>
        SendAsync(
            (set == ServiceDocument ? string.Empty : EscapePath(set)) + "?" + query,
            set,
            select,
            async (body, token) =>
            {
                try
                {
                    return await JsonDocument.ParseAsync(body, default, token).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    throw new SyncException($"1C answered {set} with something that is not JSON ({e.Message}); is {_options.Url} the standard.odata root?", e);
                }
            },
            cancellationToken);

    /// <summary>
    /// One GET through the resilience pipeline: counted, its body handed to <paramref name="read"/>, a connection that
    /// drops in the middle of the body retried like a network error, an error status worded for an admin.
    /// </summary>
    private async Task<T> SendAsync<T>(string path, string set, IReadOnlyList<string> select, Func<Stream, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref _requests);
                    using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw Failure(response.StatusCode, await ErrorMessageAsync(response, token).ConfigureAwait(false), set, select);
                    }

                    await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                    try
                    {
                        return await read(body, token).ConfigureAwait(false);
                    }
                    catch (IOException e) when (!token.IsCancellationRequested)
                    {
                        // The connection dropped in the middle of the body (a web server restarting, a cut network).
                        throw new TransientODataException($"the connection to 1C dropped while it sent {set} ({e.Message})", e);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, set) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>What a request's last failure means to an admin; null for failures that are already worded (or a cancellation).</summary>
    private SyncException? Translate(Exception e, string set) => e switch
    {
        TransientODataException => new SyncException($"{e.Message} (after {_options.Retries + 1} attempts)", e),
        TimeoutRejectedException => new SyncException($"1C did not answer {set} within {_options.TimeoutSeconds} s (AgiIdent:Sync:OData:TimeoutSeconds), {_options.Retries + 1} attempts", e),
        HttpRequestException => new SyncException($"cannot reach 1C at {_options.Url} ({e.Message}), {_options.Retries + 1} attempts; check AgiIdent:Sync:OData:Url and that the web server runs", e),
        _ => null,
    };

    /// <summary>
    /// Percent-encodes UTF-8 but leaves <c>/</c> as it is: Apache in front of 1C answers 404 to any <c>%2F</c>
    /// (its default <c>AllowEncodedSlashes Off</c>, shared/1C-DATA.md), and a <c>/</c> is legal both in a path and in
    /// a query.
    /// </summary>
    internal static string Escape(string text) => Uri.EscapeDataString(text).Replace("%2F", "/", StringComparison.Ordinal);

    /// <summary>Entity-set names and their parameters, percent-encoded as UTF-8 with every slash literal.</summary>
    internal static string EscapePath(string set)
    {
        var open = set.IndexOf('(', StringComparison.Ordinal);
        var path = open < 0 ? set : set[..open];
        var escaped = Escape(path);
        return open < 0 || !set.EndsWith(')')
            ? escaped + (open < 0 ? string.Empty : Escape(set[open..]))
            : escaped + "(" + Escape(set[(open + 1)..^1]) + ")";
    }

    private Exception Failure(HttpStatusCode status, string message, string set, IReadOnlyList<string> select)
    {
        var code = (int)status;
        var said = message.Length > 0 ? $": {message}" : string.Empty;
        switch (code)
        {
            case 401:
                return new SyncException($"1C refused the login '{_options.User}' (HTTP 401){said}. Check AgiIdent:Sync:OData:User and AgiIdent:Sync:OData:Password, and that this 1C user may use OData.");
            case 403:
                return new SyncException($"1C does not let '{_options.User}' read {set} (HTTP 403){said}. Give that user the right to read it in 1C.");
            case 404 or 400 when set is ServiceDocument or Metadata:
                return new SyncException($"{_options.Url} is not the OData root of a 1C infobase: {set} answered HTTP {code}{said}. Check AgiIdent:Sync:OData:Url: it is the publication's address followed by /odata/standard.odata/ (e.g. http://1c-server/trade/odata/standard.odata/), and standard OData must be enabled in the publication.");
            case 404:
                return new SyncException($"1C does not publish {set} through OData (HTTP 404){said}. Add {InfobaseCheck.CompositionName(set)} to the OData composition ({InfobaseCheck.Composition}), save; no configuration change is needed.");
            case 408 or 429 or >= 500:
                return new TransientODataException($"1C answered {set} with HTTP {code}{said}");
        }

        // The field as a word of its own: "Code" in "CodeBalance" is no mention of Code.
        if (code == 400 && select.FirstOrDefault(f => System.Text.RegularExpressions.Regex.IsMatch(message, $@"(?<![\w]){System.Text.RegularExpressions.Regex.Escape(f)}(?![\w])")) is { } field)
        {
            return MissingField(set, field, $"HTTP 400{said}");
        }

        return new SyncException($"1C refused the request for {set} (HTTP {code}){said}");
    }

    /// <summary>The message of a 1C error body (<c>{"odata.error":{"message":{"value":…}}}</c>), or the start of the text.</summary>
    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }

        try
        {
            // Only 1C's own shape is read; any other JSON (an array, a number where the text should be) is shown as text.
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("odata.error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)
                && (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("value", out var v) ? v : message) is { ValueKind: JsonValueKind.String or JsonValueKind.Null } value)
            {
                return Shorten(value.GetString() ?? string.Empty);
            }
        }
        catch (JsonException)
        {
            // Not JSON: a web server's own page.
        }

        return Shorten(System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", " ").Trim());
    }

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A failure worth retrying: the request may succeed a moment later.</summary>
    private sealed class TransientODataException(string message, Exception? innerException = null) : Exception(message, innerException);
}
