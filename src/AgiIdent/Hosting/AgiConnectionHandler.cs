using System.Collections;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using AgiIdent.Agi;
using AgiIdent.CallerId;
using AgiIdent.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace AgiIdent.Hosting;

/// <summary>
/// Serves one FastAGI connection: checks the client, reads the environment, runs the script within the session
/// budget, logs one summary line, and closes.
/// </summary>
public sealed class AgiConnectionHandler(
    AgiIdentOptions options,
    ClientFilter clients,
    SessionGate gate,
    CallMetrics metrics,
    IdentScript ident,
    SelfCheck selfCheck,
    ILoggerFactory loggers) : ConnectionHandler
{
    private readonly ILogger _calls = loggers.CreateLogger(typeof(Calls));
    private readonly ILogger _connections = loggers.CreateLogger<AgiConnectionHandler>();
    private readonly TimeSpan _budget = TimeSpan.FromMilliseconds(options.SessionBudgetMs);

    // The budget bounds each wait for Asterisk, not the session: a peer that keeps answering gets the whole answer.
    private readonly AgiLimits _limits = new() { ReplyTimeout = TimeSpan.FromMilliseconds(options.SessionBudgetMs) };

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!clients.IsAllowed(connection.RemoteEndPoint))
        {
            metrics.RecordRefused();
            Log.ClientRefused(_connections, Remote(connection));
            return;
        }

        var admitted = gate.TryEnter();
        try
        {
            await ServeAsync(connection, admitted).ConfigureAwait(false);
        }
        finally
        {
            if (admitted)
            {
                gate.Exit();
            }
        }
    }

    /// <summary>The peer's address for a log line; made only when a line needs it.</summary>
    private static string Remote(ConnectionContext connection) => connection.RemoteEndPoint?.ToString() ?? "unknown";

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ServeAsync(ConnectionContext connection, bool admitted)
    {
        AgiSession session;
        try
        {
            session = await AgiSession.AcceptAsync(connection.Transport, _limits, connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (AgiProtocolException e)
        {
            metrics.RecordProtocolError();
            Log.ProtocolError(_connections, Remote(connection), connection.ConnectionId, e.Message);
            return;
        }
        catch (Exception e) when (e is AgiConnectionClosedException or TimeoutException or OperationCanceledException or IOException or ConnectionResetException)
        {
            Log.NoCall(_connections, connection.ConnectionId, Remote(connection), e.Message);
            return;
        }

        using (session)
        using (_connections.BeginScope(new SessionScope(connection.ConnectionId, session.Request.UniqueId)))
        {
            await RunCallAsync(connection, session, admitted).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunCallAsync(ConnectionContext connection, AgiSession session, bool admitted)
    {
        var started = Stopwatch.GetTimestamp();
        var record = new CallRecord();
        var request = session.Request;
        var closed = connection.ConnectionClosed;
        var ownCheck = selfCheck.Matches(request);
        if (ownCheck && !admitted)
        {
            // The watchdog's check must fail when a caller would find no slot (SelfCheck).
            return;
        }

        string outcome;
        try
        {
            if (!admitted)
            {
                metrics.RecordBusy();
                Log.Busy(_connections, gate.InFlight, LogText.Safe(request.UniqueId));
                await ident.SendErrorAsync(session, record, closed).ConfigureAwait(false);
            }
            else if (string.Equals(request.Script, IdentScript.Name, StringComparison.OrdinalIgnoreCase))
            {
                await ident.RunAsync(session, _budget, record, closed).ConfigureAwait(false);
            }
            else
            {
                Log.UnknownScript(_connections, LogText.Safe(request.UniqueId), LogText.Safe(request.NetworkScript));
                await ident.SendErrorAsync(session, record, closed).ConfigureAwait(false);
            }

            outcome = session.HangupReceived ? "caller hung up" : "answered";
        }
        catch (AgiProtocolException e)
        {
            metrics.RecordProtocolError();
            Log.ProtocolError(_connections, Remote(connection), connection.ConnectionId, e.Message);
            outcome = "protocol error";
        }
        catch (TimeoutException)
        {
            outcome = $"Asterisk did not answer within {_budget.TotalMilliseconds:0} ms, closed";
        }
        catch (Exception e) when (e is AgiConnectionClosedException or IOException or ConnectionResetException or OperationCanceledException)
        {
            outcome = "connection closed by Asterisk";
        }

        if (record.Undelivered.Count > 0)
        {
            metrics.RecordCut();
            outcome += $"; cut, not delivered: {string.Join(", ", record.Undelivered)}";
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (ownCheck)
        {
            // Not a caller: neither counted nor logged as a call.
            return;
        }

        metrics.RecordSession(record.Status, record.Source, elapsed);
        if (!_calls.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var caller = options.MaskCallerNumbers ? LogText.Mask(request.CallerNumber) : LogText.Safe(request.CallerNumber);
        Log.CallSummary(
            _calls,
            LogText.Safe(request.UniqueId),
            caller,
            LogText.Safe(request.Script),
            record.Status.Length == 0 ? "-" : record.Status,
            record.Screen,
            outcome,
            record.Commands,
            elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The properties every log line of a session carries (<c>ConnectionId</c>, <c>UniqueId</c>): a list of two pairs,
    /// without a dictionary built per call. Serilog's provider (Serilog.Extensions.Logging, <c>SerilogLoggerScope</c>)
    /// takes any <c>IEnumerable&lt;KeyValuePair&lt;string, object&gt;&gt;</c> scope as properties, as it takes a dictionary.
    /// </summary>
    private sealed class SessionScope(string connectionId, string uniqueId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 2;

        public KeyValuePair<string, object> this[int index] => index switch
        {
            0 => new("ConnectionId", connectionId),
            1 => new("UniqueId", uniqueId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
