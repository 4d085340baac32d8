using System.Runtime.CompilerServices;
using AgiIdent.Agi;
using AgiIdent.Contract;
using AgiIdent.Diagnostics;
using AgiIdent.Directory.Postgres;
using AgiIdent.Display;
using AgiIdent.Rules;
using Microsoft.Extensions.Logging;

namespace AgiIdent.CallerId;

/// <summary>
/// The <c>ident</c> script. On the caller's channel: identify the caller within <see cref="LookupShare"/> of the
/// session budget, then send the whole answer (<see cref="CallAnswer"/>) as <c>AgiIdent:Protocol:Commands</c> says. In
/// a pre-dial handler on a ringing phone (<c>ident?for=EXT</c>): read the caller's number from <c>CONNECTEDLINE(num)</c>
/// and set that phone's text with <c>CONNECTEDLINE(name,i)</c>. A stuck directory still ends in
/// <c>AGIIDENT_STATUS=ERROR</c> rather than silence; each reply is bounded by the session's reply timeout, so a
/// stalled Asterisk is closed while one that keeps answering gets every variable.
/// </summary>
public sealed class IdentScript(CallerIdentifier identifier, RuleSet rules, AgiVariableCommands commands, ILogger<IdentScript> logger)
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

    /// <summary>Runs the script; the lookup may take <see cref="LookupShare"/> of <paramref name="budgetLength"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync(AgiSession session, TimeSpan budgetLength, CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(record);
        var request = session.Request;
        if (request.Options.TryGetValue(ForOption, out var extension) && extension.Length > 0)
        {
            await RunForPhoneAsync(session, extension, budgetLength, record, cancellationToken).ConfigureAwait(false);
            return;
        }

        var identification = await IdentifyAsync(session, request.CallerNumber, null, budgetLength, cancellationToken).ConfigureAwait(false);
        if (identification is null)
        {
            return;
        }

        var answer = CallAnswer.ForCaller(identification, rules, request.Dnid, request.CallerName, request.Options, commands);
        await SendAsync(session, answer, record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the answer of a call that could not be served: <c>AGIIDENT_STATUS=ERROR</c>.</summary>
    public ValueTask SendErrorAsync(AgiSession session, CallRecord record, CancellationToken cancellationToken) =>
        SendAsync(session, CallAnswer.Error(commands), record, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunForPhoneAsync(AgiSession session, string extension, TimeSpan budgetLength, CallRecord record, CancellationToken cancellationToken)
    {
        var reply = await session.SendAsync(AgiCommand.GetVariable(ConnectedNumber), cancellationToken).ConfigureAwait(false);
        record.Commands++;
        var number = reply is { IsSuccess: true, Result: 1 } ? reply.Data ?? string.Empty : string.Empty;
        var profile = identifier.Screens.For(extension);
        var identification = await IdentifyAsync(session, number, profile, budgetLength, cancellationToken).ConfigureAwait(false);
        if (identification is null)
        {
            return;
        }

        await SendAsync(session, CallAnswer.ForPhone(identification, commands), record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The identification, or null when the caller hung up or the connection closed during the lookup.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Identification?> IdentifyAsync(AgiSession session, string number, ScreenProfile? profile, TimeSpan budgetLength, CancellationToken cancellationToken)
    {
        if (session.Ended.IsCancellationRequested)
        {
            return null;
        }

        // The lookup's token: cancelled by a hangup (nobody is left to see its answer), by the caller's token and by
        // the lookup's share of the budget. A directory answering from memory completes at once and never looks at
        // it, so the source is linked to the other two only when the lookup has to be waited for.
        using var deadline = new CancellationTokenSource();
        ValueTask<Identification> lookup;
        try
        {
            lookup = identifier.IdentifyAsync(number, profile, deadline.Token);
            if (lookup.IsCompletedSuccessfully)
            {
                return lookup.Result;
            }
        }
        catch (DirectoryUnavailableException e)
        {
            // The database is down: the directory's outage log says so once, not a stack trace per call.
            Log.LookupUnavailable(logger, LogText.Safe(session.Request.UniqueId), e.Message);
            return Identification.Error();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LookupFailed(logger, e, LogText.Safe(session.Request.UniqueId));
            return Identification.Error();
        }

        using var onEnded = session.Ended.UnsafeRegister(static d => ((CancellationTokenSource)d!).Cancel(), deadline);
        using var onCancelled = cancellationToken.UnsafeRegister(static d => ((CancellationTokenSource)d!).Cancel(), deadline);
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
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.LookupTimedOut(logger, LogText.Safe(session.Request.UniqueId), (int)limit.TotalMilliseconds);
            return Identification.Error();
        }
        catch (DirectoryUnavailableException e)
        {
            Log.LookupUnavailable(logger, LogText.Safe(session.Request.UniqueId), e.Message);
            return Identification.Error();
        }
        catch (Exception e) when (e is not (OperationCanceledException or AgiProtocolException))
        {
            Log.LookupFailed(logger, e, LogText.Safe(session.Request.UniqueId));
            return Identification.Error();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask SendAsync(AgiSession session, CallAnswer answer, CallRecord record, CancellationToken cancellationToken)
    {
        var identification = answer.Identification;
        record.Status = ContractText.Status(identification.Status);
        record.Screen = identification.ScreenText ?? string.Empty;
        record.Source = identification.Source;
        var acknowledged = 0;
        try
        {
            var commands = answer.Commands;
            for (var i = 0; i < commands.Count; i++)
            {
                await session.SendAsync(commands[i], cancellationToken).ConfigureAwait(false);
                record.Commands++;
                acknowledged++;
            }
        }
        catch
        {
            record.Undelivered = [.. answer.Commands.Skip(acknowledged).SelectMany(static c => c.Variables).Select(static v => v.Key)];
            throw;
        }
    }
}
