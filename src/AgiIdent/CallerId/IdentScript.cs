using AgiIdent.Agi;
using AgiIdent.Diagnostics;
using AgiIdent.Display;
using AgiIdent.Rules;
using Microsoft.Extensions.Logging;

namespace AgiIdent.CallerId;

/// <summary>What one call got, for its summary log line.</summary>
public sealed class CallRecord
{
    /// <summary>The <c>AGIIDENT_STATUS</c> sent, or empty when nothing was.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The screen text sent.</summary>
    public string Screen { get; set; } = string.Empty;

    /// <summary>Where the answer came from (<c>AGIIDENT_SOURCE</c>), empty when there was none.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Commands answered by Asterisk.</summary>
    public int Commands { get; set; }
}

/// <summary>
/// The <c>ident</c> script. On the caller's channel: identify the caller within the session budget, then send the
/// contract's variables and what the rules set. In a pre-dial handler on a ringing phone (<c>ident?for=EXT</c>): read
/// the caller's number from <c>CONNECTEDLINE(num)</c> and set that phone's text with <c>CONNECTEDLINE(name,i)</c>.
/// The lookup may use <see cref="LookupShare"/> of the budget; the rest is kept for sending the answers, so a stuck
/// directory still ends in <c>AGIIDENT_STATUS=ERROR</c> rather than silence.
/// </summary>
public sealed class IdentScript(CallerIdentifier identifier, RuleSet rules, ILogger<IdentScript> logger)
{
    /// <summary>The script name in the AGI URL: <c>agi://host:port/ident</c>.</summary>
    public const string Name = "ident";

    /// <summary>The query option naming the extension of the ringing phone.</summary>
    public const string ForOption = "for";

    /// <summary>Where the caller's number is on a ringing phone's leg.</summary>
    public const string ConnectedNumber = "CONNECTEDLINE(num)";

    /// <summary>What a ringing phone shows; <c>i</c>: set it without sending a connected-line update.</summary>
    public const string ConnectedName = "CONNECTEDLINE(name,i)";

    /// <summary>Part of the session budget the lookup may take.</summary>
    public const double LookupShare = 2.0 / 3.0;

    /// <summary>Runs the script; <paramref name="budget"/> fires when the session budget is spent.</summary>
    public async Task RunAsync(AgiSession session, TimeSpan budgetLength, CallRecord record, CancellationToken budget)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(record);
        var request = session.Request;
        if (request.Options.TryGetValue(ForOption, out var extension) && extension.Length > 0)
        {
            await RunForPhoneAsync(session, extension, budgetLength, record, budget).ConfigureAwait(false);
            return;
        }

        var identification = await IdentifyAsync(session, request.CallerNumber, null, budgetLength, budget).ConfigureAwait(false);
        if (identification is null)
        {
            return;
        }

        var facts = new RuleFacts(identification, request.Dnid, request.CallerName, request.Options);
        var variables = ContractVariables.WithRules(ContractVariables.For(identification), rules.Evaluate(facts));
        await SendAsync(session, identification, variables, record, budget).ConfigureAwait(false);
    }

    /// <summary>Sends the answer of a call that could not be served: <c>AGIIDENT_STATUS=ERROR</c>.</summary>
    public static Task SendErrorAsync(AgiSession session, CallRecord record, CancellationToken cancellationToken)
    {
        var error = Identification.Error();
        return SendAsync(session, error, ContractVariables.For(error), record, cancellationToken);
    }

    private async Task RunForPhoneAsync(AgiSession session, string extension, TimeSpan budgetLength, CallRecord record, CancellationToken budget)
    {
        var reply = await session.SendAsync(AgiCommand.GetVariable(ConnectedNumber), budget).ConfigureAwait(false);
        record.Commands++;
        var number = reply is { IsSuccess: true, Result: 1 } ? reply.Data ?? string.Empty : string.Empty;
        var profile = identifier.Screens.For(extension);
        var identification = await IdentifyAsync(session, number, profile, budgetLength, budget).ConfigureAwait(false);
        if (identification is null)
        {
            return;
        }

        await SendAsync(session, identification, PhoneVariables(identification), record, budget).ConfigureAwait(false);
    }

    /// <summary>What a ringing phone's leg gets: the status, and that phone's screen text when the caller was found.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> PhoneVariables(Identification identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        List<KeyValuePair<string, string>> variables = [new(ContractVariables.Status, ContractVariables.StatusText(identification.Status))];
        if (identification.ScreenText is { Length: > 0 } screen)
        {
            variables.Add(new(ConnectedName, screen));
        }

        return variables;
    }

    /// <summary>The identification, or null when the caller hung up or the connection closed during the lookup.</summary>
    private async Task<Identification?> IdentifyAsync(AgiSession session, string number, ScreenProfile? profile, TimeSpan budgetLength, CancellationToken budget)
    {
        if (session.Ended.IsCancellationRequested)
        {
            return null;
        }

        var uniqueId = LogText.Safe(session.Request.UniqueId);
        // A hangup cancels the lookup: nobody is left to see its answer.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(budget, session.Ended);
        ValueTask<Identification> lookup;
        try
        {
            lookup = identifier.IdentifyAsync(number, profile, deadline.Token);
            if (lookup.IsCompletedSuccessfully)
            {
                return lookup.Result;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LookupFailed(logger, e, uniqueId);
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
            Log.LookupTimedOut(logger, uniqueId, (int)limit.TotalMilliseconds);
            return Identification.Error();
        }
        catch (Exception e) when (e is not (OperationCanceledException or AgiProtocolException))
        {
            Log.LookupFailed(logger, e, uniqueId);
            return Identification.Error();
        }
    }

    private static async Task SendAsync(AgiSession session, Identification identification, IReadOnlyList<KeyValuePair<string, string>> variables, CallRecord record, CancellationToken cancellationToken)
    {
        record.Status = ContractVariables.StatusText(identification.Status);
        record.Screen = identification.ScreenText ?? string.Empty;
        record.Source = identification.Source;
        foreach (var (name, value) in variables)
        {
            await session.SetVariableAsync(name, value, cancellationToken).ConfigureAwait(false);
            record.Commands++;
        }
    }
}
