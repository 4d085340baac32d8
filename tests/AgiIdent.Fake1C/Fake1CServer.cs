using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgiIdent.Fake1C;

/// <summary>
/// A fake of 1C's standard OData interface on a loopback port: HTTP Basic with UTF-8 logins, <c>$format=json</c>,
/// <c>$select</c>, <c>$filter</c>, <c>$orderby</c>, <c>$top</c>, <c>$skip</c>, register balances, 1C's error bodies,
/// and faults injected by the test.
/// </summary>
public sealed class Fake1CServer : IAsyncDisposable
{
    /// <summary>The login the server accepts unless told otherwise (Cyrillic, as the БСП setup processor names it).</summary>
    public const string DefaultUser = "Синхронизация";

    /// <summary>The password the server accepts unless told otherwise.</summary>
    public const string DefaultPassword = "пароль";

    /// <summary>The path of the publication, as an infobase published under the name "trade" has it.</summary>
    public const string BasePath = "/trade/odata/standard.odata/";

    // The benchmark sends hundreds of thousands of requests; the log keeps the latest ones only.
    private const int LogCapacity = 10_000;

    private readonly WebApplication _app;
    private readonly string _user;
    private readonly string _password;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _logGate = new();
    private readonly Queue<string> _log = new();
    private Func<Fake1CRequest, Fake1CFault?>? _fault;
    private long _requests;
    private Uri? _url;

    private Fake1CServer(WebApplication app, Fake1CInfobase infobase, string user, string password)
    {
        _app = app;
        Infobase = infobase;
        _user = user;
        _password = password;
    }

    /// <summary>The service root, <c>http://127.0.0.1:{port}/trade/odata/standard.odata/</c> (ends with a slash).</summary>
    public Uri Url => _url ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The data served; mutate it between sync runs.</summary>
    public Fake1CInfobase Infobase { get; }

    /// <summary>Consulted before each authenticated request is served; null (or a null answer) serves it normally.</summary>
    public Func<Fake1CRequest, Fake1CFault?>? Fault
    {
        get => Volatile.Read(ref _fault);
        set => Volatile.Write(ref _fault, value);
    }

    /// <summary>Requests refused for an encoded slash (<c>%2F</c>), as Apache in front of 1C refuses them.</summary>
    public int EncodedSlashes => Volatile.Read(ref _encodedSlashes);

    private int _encodedSlashes;
    private int _inFlight;
    private int _mostInFlight;

    /// <summary>The most requests ever served at once: 1 while every client reads one page after another.</summary>
    public int MostConcurrentRequests => Volatile.Read(ref _mostInFlight);

    /// <summary>Requests received since the start or the last <see cref="ResetLog"/>, unauthorized and failed ones included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The latest requests (at most 10,000) as <c>{decoded resource}?{decoded query}</c>, oldest first.</summary>
    public IReadOnlyList<string> RequestLog
    {
        get
        {
            lock (_logGate)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Starts serving <paramref name="data"/> on a free loopback port.</summary>
    public static async Task<Fake1CServer> StartAsync(
        Fake1CInfobase data, string user = DefaultUser, string password = DefaultPassword, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(static options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new Fake1CServer(app, data, user, password);
        app.Run(server.HandleCountedAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server._url = new Uri(new Uri(address), BasePath);
        return server;
    }

    /// <summary>Empties the request log and restarts the request count (and so the numbers the fault hook sees) from zero.</summary>
    public void ResetLog()
    {
        lock (_logGate)
        {
            _log.Clear();
            Interlocked.Exchange(ref _requests, 0);
        }
    }

    /// <summary>Stops the server; requests waiting in a fault's delay are cut short.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleCountedAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var most = Volatile.Read(ref _mostInFlight); now > most; most = Volatile.Read(ref _mostInFlight))
        {
            if (Interlocked.CompareExchange(ref _mostInFlight, now, most) == most)
            {
                break;
            }
        }

        try
        {
            await HandleAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var ct = linked.Token;
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var questionMark = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = questionMark < 0 ? target : target[..questionMark];
        var rawQuery = questionMark < 0 ? string.Empty : target[(questionMark + 1)..];
        // Apache in front of 1C, with its default AllowEncodedSlashes Off, refuses an encoded slash before 1C sees it.
        if (target.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            Log(Uri.UnescapeDataString(rawPath) + "?" + DecodeQuery(rawQuery));
            Interlocked.Increment(ref _encodedSlashes);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html;charset=iso-8859-1";
            await context.Response.WriteAsync("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>", ct);
            return;
        }

        if (!rawPath.StartsWith(BasePath, StringComparison.OrdinalIgnoreCase))
        {
            Log(Uri.UnescapeDataString(rawPath) + "?" + DecodeQuery(rawQuery));
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // The raw target, because Kestrel leaves %2F encoded in Path, and a register's condition holds "Account/Code".
        var resource = Uri.UnescapeDataString(rawPath[BasePath.Length..]);
        Log(resource + "?" + DecodeQuery(rawQuery));
        if (!IsAuthorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"1C\"";
            context.Response.ContentType = "text/plain;charset=utf-8";
            await context.Response.WriteAsync("Unauthorized: wrong login or password", ct);
            return;
        }

        var query = context.Request.Query.ToDictionary(static o => o.Key, static o => o.Value.ToString(), StringComparer.Ordinal);
        if (Fault?.Invoke(new Fake1CRequest(number, ODataResource.SetName(resource), resource, query)) is { } fault
            && !await ApplyAsync(fault, context, ct))
        {
            return;
        }

        if (resource == "$metadata")
        {
            await ODataJson.WriteMetadataAsync(context.Response, Infobase.SetNames.Select(n => Infobase[n]), ct);
            return;
        }

        try
        {
            await ServeAsync(context, resource, query, ct);
        }
        catch (ODataRequestException e) when (!context.Response.HasStarted)
        {
            await ODataJson.WriteErrorAsync(context.Response, e.StatusCode, "-1", e.Message, ct);
        }
    }

    /// <summary>Carries out a fault; true when the request should then be served as usual.</summary>
    private static async Task<bool> ApplyAsync(Fake1CFault fault, HttpContext context, CancellationToken ct)
    {
        if (fault.Pause > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Pause, ct);
            }
            catch (OperationCanceledException)
            {
                // The client gave up (its timeout) or the server is stopping: nobody is waiting for an answer.
                return false;
            }
        }

        if (fault.AbortConnection)
        {
            context.Abort();
            return false;
        }

        if (fault.TruncateBody)
        {
            // Chunked, so the client only learns of the cut when the connection drops.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.WriteAsync("{\"odata.metadata\":\"\",\"value\":[{\"Ref_Key\":\"", ct);
            await context.Response.Body.FlushAsync(ct);
            // Let the bytes leave before the cut: an abort drops output still queued in the server.
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            context.Abort();
            return false;
        }

        if (fault.Body is { } body)
        {
            context.Response.StatusCode = fault.StatusCode ?? StatusCodes.Status200OK;
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.Body.WriteAsync(body, ct);
            return false;
        }

        if (fault.StatusCode is { } status)
        {
            await ODataJson.WriteErrorAsync(context.Response, status, fault.ErrorCode, fault.Message, ct);
            return false;
        }

        return true;
    }

    private async Task ServeAsync(HttpContext context, string resource, Dictionary<string, string> query, CancellationToken ct)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw new ODataRequestException(StatusCodes.Status405MethodNotAllowed, $"Метод {context.Request.Method} не поддерживается");
        }

        if (!query.TryGetValue("$format", out var format) || format is not ("json" or "application/json"))
        {
            throw ODataRequestException.BadRequest($"Неподдерживаемый формат ответа '{format}': ожидается $format=json");
        }

        var metadata = Url.AbsoluteUri + "$metadata";
        if (resource.Length == 0)
        {
            await ODataJson.WriteServiceDocumentAsync(context.Response, metadata, Infobase.PublishedNames, ct);
            return;
        }

        var parsed = ODataResource.Parse(resource);
        if (!Infobase.TryGetSet(parsed.EntitySet, out var set))
        {
            throw new ODataRequestException(StatusCodes.Status404NotFound, $"Не найден сегмент ресурса '{parsed.EntitySet}'");
        }

        var options = ODataQuery.Parse(set, query, parsed.Condition(set));
        var page = set.Query(options.Filter, options.Order, options.Skip, options.Top, options.InlineCount, out var matched);
        await ODataJson.WriteFeedAsync(
            context.Response, metadata + "#" + set.Name, set, options.Columns, page, options.InlineCount ? matched : null, ct);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && credentials[..colon] == _user && credentials[(colon + 1)..] == _password;
    }

    private void Log(string entry)
    {
        lock (_logGate)
        {
            if (_log.Count == LogCapacity)
            {
                _log.Dequeue();
            }

            _log.Enqueue(entry);
        }
    }

    // As Request.Query reads it: '+' is a space, then percent-decoding.
    private static string DecodeQuery(string rawQuery) => Uri.UnescapeDataString(rawQuery.Replace('+', ' '));
}
