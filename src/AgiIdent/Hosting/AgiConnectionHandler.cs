using System.Diagnostics;
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
    private readonly ILogger _calls = loggers.CreateLogger("AgiIdent.Calls");
    private readonly ILogger _connections = loggers.CreateLogger<AgiConnectionHandler>();
    private readonly TimeSpan _budget = TimeSpan.FromMilliseconds(options.SessionBudgetMs);

    // The budget bounds each wait for Asterisk, not the session: a peer that keeps answering gets the whole answer.
    private readonly AgiLimits _limits = new() { ReplyTimeout = TimeSpan.FromMilliseconds(options.SessionBudgetMs) };

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var remote = connection.RemoteEndPoint?.ToString() ?? "unknown";
        if (!clients.IsAllowed(connection.RemoteEndPoint))
        {
            metrics.RecordRefused();
            Log.ClientRefused(_connections, remote);
            return;
        }

        var admitted = gate.TryEnter();
        try
        {
            await ServeAsync(connection, remote, admitted).ConfigureAwait(false);
        }
        finally
        {
            if (admitted)
            {
                gate.Exit();
            }
        }
    }

    private async Task ServeAsync(ConnectionContext connection, string remote, bool admitted)
    {
        AgiSession session;
        try
        {
            session = await AgiSession.AcceptAsync(connection.Transport, _limits, connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (AgiProtocolException e)
        {
            metrics.RecordProtocolError();
            Log.ProtocolError(_connections, remote, connection.ConnectionId, e.Message);
            return;
        }
        catch (Exception e) when (e is AgiConnectionClosedException or TimeoutException or OperationCanceledException or IOException or ConnectionResetException)
        {
            Log.NoCall(_connections, connection.ConnectionId, remote, e.Message);
            return;
        }

        using (session)
        using (_connections.BeginScope(new Dictionary<string, object> { ["ConnectionId"] = connection.ConnectionId, ["UniqueId"] = session.Request.UniqueId }))
        {
            await RunCallAsync(connection, remote, session, admitted).ConfigureAwait(false);
        }
    }

    private async Task RunCallAsync(ConnectionContext connection, string remote, AgiSession session, bool admitted)
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
            Log.ProtocolError(_connections, remote, connection.ConnectionId, e.Message);
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
}
