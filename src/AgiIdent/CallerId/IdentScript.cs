using AgiIdent.Agi;
using AgiIdent.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AgiIdent.CallerId;

/// <summary>What one call got, for its summary log line.</summary>
public sealed class CallRecord
{
    /// <summary>The <c>AGIIDENT_STATUS</c> sent, or empty when nothing was.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The screen text sent.</summary>
    public string Screen { get; set; } = string.Empty;

    /// <summary>Commands answered by Asterisk.</summary>
    public int Commands { get; set; }
}

/// <summary>
/// The <c>ident</c> script: identify the caller within the session budget, then send the contract's variables.
/// The lookup may use <see cref="LookupShare"/> of the budget; the rest is kept for sending the answers, so a stuck
/// directory still ends in <c>AGIIDENT_STATUS=ERROR</c> rather than silence.
/// </summary>
public sealed class IdentScript(CallerIdentifier identifier, ILogger<IdentScript> logger)
{
    /// <summary>The script name in the AGI URL: <c>agi://host:port/ident</c>.</summary>
    public const string Name = "ident";

    /// <summary>Part of the session budget the lookup may take.</summary>
    public const double LookupShare = 2.0 / 3.0;

    /// <summary>Runs the script; <paramref name="budget"/> fires when the session budget is spent.</summary>
    public async Task RunAsync(AgiSession session, TimeSpan budgetLength, CallRecord record, CancellationToken budget)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(record);
        var identification = await IdentifyAsync(session, budgetLength, budget).ConfigureAwait(false);
        if (identification is null)
        {
            return;
        }

        await SendAsync(session, identification, record, budget).ConfigureAwait(false);
    }

    /// <summary>Sends the answer of a call that could not be served: <c>AGIIDENT_STATUS=ERROR</c>.</summary>
    public static Task SendErrorAsync(AgiSession session, CallRecord record, CancellationToken cancellationToken) =>
        SendAsync(session, Identification.Error(), record, cancellationToken);

    /// <summary>The identification, or null when the caller hung up or the connection closed during the lookup.</summary>
    private async Task<Identification?> IdentifyAsync(AgiSession session, TimeSpan budgetLength, CancellationToken budget)
    {
        if (session.Ended.IsCancellationRequested)
        {
            return null;
        }

        var request = session.Request;
        // A hangup cancels the lookup: nobody is left to see its answer.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(budget, session.Ended);
        ValueTask<Identification> lookup;
        try
        {
            lookup = identifier.IdentifyAsync(request.CallerNumber, deadline.Token);
            if (lookup.IsCompletedSuccessfully)
            {
                return lookup.Result;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LookupFailed(logger, e, request.UniqueId);
            return Identification.Error();
        }

        var limit = budgetLength * LookupShare;
        deadline.CancelAfter(limit);
        try
        {
            return await session.ListenWhileAsync(lookup.AsTask(), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.Ended.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !budget.IsCancellationRequested)
        {
            Log.LookupTimedOut(logger, request.UniqueId, (int)limit.TotalMilliseconds);
            return Identification.Error();
        }
        catch (Exception e) when (e is not (OperationCanceledException or AgiProtocolException))
        {
            Log.LookupFailed(logger, e, request.UniqueId);
            return Identification.Error();
        }
    }

    private static async Task SendAsync(AgiSession session, Identification identification, CallRecord record, CancellationToken cancellationToken)
    {
        record.Status = ContractVariables.StatusText(identification.Status);
        record.Screen = identification.ScreenText ?? string.Empty;
        foreach (var (name, value) in ContractVariables.For(identification))
        {
            await session.SetVariableAsync(name, value, cancellationToken).ConfigureAwait(false);
            record.Commands++;
        }
    }
}
