using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

/// <summary>The session against a scripted Asterisk that writes and reads exact bytes.</summary>
public sealed class AgiSessionTests
{
    private static readonly AgiCommand First = AgiCommand.GetVariable("CONNECTEDLINE(num)");
    private static readonly AgiCommand Second = AgiCommand.SetVariable("CONNECTEDLINE(name,i)", "Олена \"Бухгалтерія\"");
    private static readonly AgiCommand Third = AgiCommand.Verbose("done");

    [Fact]
    public async Task Accept_EnvironmentArrivingOneByteAtATime_IsRead()
    {
        var asterisk = new FakeAsterisk();
        var accept = AgiSession.AcceptAsync(asterisk, AgiLimits.Default, CancellationToken.None).AsTask();

        await asterisk.SendInPiecesAsync(Utf8.Bytes(EnvironmentBlocks.Asterisk22));
        using var session = await accept.Within();

        Assert.Equal("Олена Коваленко", session.Request.CallerName);
        Assert.Equal(new[] { "first", "second value", "третій" }, session.Request.Arguments);
        Assert.False(session.HangupReceived);
        Assert.False(session.Ended.IsCancellationRequested);
        Assert.Equal(0, asterisk.UnreadCommandBytes());
    }

    [Fact]
    public async Task Accept_IncompleteEnvironment_TimesOut()
    {
        var asterisk = new FakeAsterisk();
        var limits = new AgiLimits { EnvironmentTimeout = TimeSpan.FromMilliseconds(100) };
        await asterisk.SendAsync("agi_network: yes\nagi_request: agi://127.0.0.1/ident\n");

        await Assert.ThrowsAsync<TimeoutException>(() =>
            AgiSession.AcceptAsync(asterisk, limits, CancellationToken.None).AsTask().Within());
    }

    [Fact]
    public async Task Accept_NothingSent_TimesOut()
    {
        var asterisk = new FakeAsterisk();
        var limits = new AgiLimits { EnvironmentTimeout = TimeSpan.FromMilliseconds(100) };

        await Assert.ThrowsAsync<TimeoutException>(() =>
            AgiSession.AcceptAsync(asterisk, limits, CancellationToken.None).AsTask().Within());
    }

    [Fact]
    public async Task Accept_CallerCancels_IsCancellationNotTimeout()
    {
        var asterisk = new FakeAsterisk();
        using var cancellation = new CancellationTokenSource();
        var accept = AgiSession.AcceptAsync(asterisk, AgiLimits.Default, cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept.Within());
    }

    [Fact]
    public async Task Accept_ConnectionClosedFirst_ThrowsConnectionClosed()
    {
        var asterisk = new FakeAsterisk();
        asterisk.Close();

        await Assert.ThrowsAsync<AgiConnectionClosedException>(() =>
            AgiSession.AcceptAsync(asterisk, AgiLimits.Default, CancellationToken.None).AsTask().Within());
    }

    [Fact]
    public async Task Accept_ConnectionClosedInsideTheBlock_ThrowsProtocolError()
    {
        var asterisk = new FakeAsterisk();
        await asterisk.SendAsync("agi_network: yes\n");
        asterisk.Close();

        await Assert.ThrowsAsync<AgiProtocolException>(() =>
            AgiSession.AcceptAsync(asterisk, AgiLimits.Default, CancellationToken.None).AsTask().Within());
    }

    [Fact]
    public async Task Accept_HttpRequest_ThrowsProtocolError()
    {
        var asterisk = new FakeAsterisk();
        await asterisk.SendAsync("GET /healthz HTTP/1.1\r\nHost: agi\r\n\r\n");

        await Assert.ThrowsAsync<AgiProtocolException>(() =>
            AgiSession.AcceptAsync(asterisk, AgiLimits.Default, CancellationToken.None).AsTask().Within());
    }

    [Fact]
    public async Task Accept_HangupRightAfterTheEnvironment_EndsTheSession_AndCommandsStillGetTheirReplies()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync(EnvironmentBlocks.Minimal + "HANGUP\n");

        Assert.True(session.Request.HangupBeforeFirstCommand);
        Assert.True(session.HangupReceived);
        Assert.True(session.Ended.IsCancellationRequested);

        var send = session.SendAsync(First, CancellationToken.None).AsTask();
        await asterisk.AnswerAsync(First, "200 result=1 (380671234567)\n");
        var reply = await send.Within();

        Assert.Equal("380671234567", reply.Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task Accept_HalfAHangupAfterTheEnvironment_IsKeptForTheFirstCommand()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync(EnvironmentBlocks.Minimal + "HAN");

        Assert.False(session.Request.HangupBeforeFirstCommand);
        var reply = await ExchangeAsync(session, asterisk, First, "GUP\n200 result=1 (first)\n");

        Assert.Equal("first", reply.Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task Send_WritesExactlyTheCommandBytes_AndWaitsForItsReply()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SendAsync(Second, CancellationToken.None).AsTask();
        Assert.Equal(Second.ToBytes(), await asterisk.ReadCommandBytesAsync());
        Assert.Equal(0, asterisk.UnreadCommandBytes());
        Assert.False(send.IsCompleted);

        await asterisk.SendAsync("200 result=1\n");
        var reply = await send.Within();

        Assert.True(reply.IsSuccess);
        Assert.Equal(1, reply.Result);
        Assert.False(session.HangupReceived);
        Assert.False(session.Ended.IsCancellationRequested);
    }

    [Fact]
    public async Task Send_StalledPeer_TimesOutAfterTheReplyTimeout()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync(limits: new AgiLimits { ReplyTimeout = TimeSpan.FromMilliseconds(100) });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => session.SendAsync(First, CancellationToken.None).AsTask().Within());

        Assert.Contains("100 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_SlowButSteadyReplies_EachGetTheWholeReplyTimeout()
    {
        // Five replies, each a quarter of the timeout late: together longer than one timeout, each well inside its own
        // (a margin of 1.5 s per reply, so a loaded test machine's late timers do not decide the result).
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync(limits: new AgiLimits { ReplyTimeout = TimeSpan.FromMilliseconds(2000) });

        for (var i = 0; i < 5; i++)
        {
            var send = session.SendAsync(Second, CancellationToken.None).AsTask();
            await asterisk.ReadCommandBytesAsync();
            await Task.Delay(500);
            await asterisk.SendAsync("200 result=1\n");
            Assert.True((await send.Within()).IsSuccess);
        }
    }

    [Fact]
    public async Task Send_AfterTheLastReplysTimerRanOutBetweenCommands_IsNotCut()
    {
        // The session re-arms one deadline for each reply; the last reply's timer runs out while nothing is pending
        // (a slow lookup), and the next command must still get its whole reply timeout.
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync(limits: new AgiLimits { ReplyTimeout = TimeSpan.FromMilliseconds(400) });
        var first = session.SendAsync(First, CancellationToken.None).AsTask();
        await asterisk.AnswerAsync(First, "200 result=1 (0441234567)\n");
        Assert.True((await first.Within()).IsSuccess);

        await Task.Delay(800);
        var second = session.SendAsync(Second, CancellationToken.None).AsTask();
        await asterisk.AnswerAsync(Second, "200 result=1\n");

        Assert.True((await second.Within()).IsSuccess);
    }

    [Fact]
    public async Task Send_ManyAnsweredCommandsThenAStall_TheStallStillTimesOut()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync(limits: new AgiLimits { ReplyTimeout = TimeSpan.FromMilliseconds(400) });
        for (var i = 0; i < 20; i++)
        {
            var send = session.SendAsync(Second, CancellationToken.None).AsTask();
            await asterisk.AnswerAsync(Second, "200 result=1\n");
            Assert.True((await send.Within()).IsSuccess);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => session.SendAsync(Third, CancellationToken.None).AsTask().Within());
    }

    [Fact]
    public async Task Send_TheAcceptTokenCancelledDuringAReply_IsCancellationNotTimeout()
    {
        // The session's reused deadline is linked to the token the session was accepted with.
        var asterisk = new FakeAsterisk();
        using var connection = new CancellationTokenSource();
        await asterisk.SendAsync(EnvironmentBlocks.Minimal);
        using var session = await AgiSession.AcceptAsync(asterisk, AgiLimits.Default, connection.Token).AsTask().Within();
        var answered = session.SendAsync(First, connection.Token).AsTask();
        await asterisk.AnswerAsync(First, "200 result=1\n");
        Assert.True((await answered.Within()).IsSuccess);

        var stalled = session.SendAsync(Second, connection.Token).AsTask();
        await asterisk.ReadCommandBytesAsync();
        await connection.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled.Within());
        Assert.IsNotType<TimeoutException>(error);
    }

    [Fact]
    public async Task Send_CallerCancels_IsCancellationNotTimeout()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        using var cancel = new CancellationTokenSource(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.SendAsync(First, cancel.Token).AsTask().Within());
    }

    [Fact]
    public async Task SetVariable_SendsSetVariable()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SetVariableAsync("CALLERID(name)", "Олена", CancellationToken.None).AsTask();
        await asterisk.AnswerAsync(AgiCommand.SetVariable("CALLERID(name)", "Олена"), "200 result=1\n");

        Assert.Equal(1, (await send.Within()).Result);
    }

    [Fact]
    public async Task Send_ConsecutiveCommands_EachGetTheirOwnReply()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        Assert.Equal("one", (await ExchangeAsync(session, asterisk, First, "200 result=1 (one)\n")).Data);
        Assert.Equal(520, (await ExchangeAsync(session, asterisk, Second, "520-Invalid command syntax.  Proper usage follows:\n Usage: SET VARIABLE <variablename> <value>\n520 End of proper usage.\n")).Code);
        Assert.Equal("three", (await ExchangeAsync(session, asterisk, Third, "200 result=1 (three)\n")).Data);
    }

    [Fact]
    public async Task HangupBeforeReply_IsNotTakenAsTheReply_AndLaterRepliesStayInStep()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SendAsync(First, CancellationToken.None).AsTask();
        Assert.Equal(First.ToBytes(), await asterisk.ReadCommandBytesAsync());
        await asterisk.SendAsync("HANGUP\n");
        await asterisk.SendAsync("200 result=1 (first)\n");
        var first = await send.Within();

        Assert.Equal("first", first.Data);
        Assert.True(session.HangupReceived);
        Assert.True(session.Ended.IsCancellationRequested);

        var second = await ExchangeAsync(session, asterisk, Second, "200 result=1 (second)\n");
        var third = await ExchangeAsync(session, asterisk, Third, "200 result=1 (third)\n");

        Assert.Equal("second", second.Data);
        Assert.Equal("third", third.Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task HangupTwiceBeforeReply_InOneWrite_IsCountedTwice_AndTheNextCommandGetsItsOwnReply()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var first = await ExchangeAsync(session, asterisk, First, "HANGUP\nHANGUP\n200 result=1 (first)\n");
        var second = await ExchangeAsync(session, asterisk, Second, "200 result=1 (second)\n");

        Assert.Equal("first", first.Data);
        Assert.Equal("second", second.Data);
        Assert.Equal(2, session.HangupsReceived);
    }

    [Fact]
    public async Task HangupBetweenCommands_IsRecordedByTheNextCommand()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        await ExchangeAsync(session, asterisk, First, "200 result=1 (first)\n");

        await asterisk.SendAsync("HANGUP\n");
        var second = await ExchangeAsync(session, asterisk, Second, "200 result=1 (second)\n");

        Assert.Equal("second", second.Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task HangupInTheSameWriteAfterAReply_IsKeptForTheNextRead()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var first = await ExchangeAsync(session, asterisk, First, "200 result=1 (first)\nHANGUP\n");
        var second = await ExchangeAsync(session, asterisk, Second, "200 result=1 (second)\n");

        Assert.Equal("first", first.Data);
        Assert.Equal("second", second.Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task Trying_ThenTheFinalReply_ReturnsTheFinalReply()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SendAsync(First, CancellationToken.None).AsTask();
        await asterisk.AnswerAsync(First, "100 result=0 Trying...\n");
        await Task.Delay(50);
        Assert.False(send.IsCompleted);
        await asterisk.SendAsync("200 result=0\n");
        var reply = await send.Within();

        Assert.Equal(200, reply.Code);
        Assert.Equal(0, reply.Result);
        Assert.Equal("next", (await ExchangeAsync(session, asterisk, Second, "200 result=1 (next)\n")).Data);
    }

    [Fact]
    public async Task ReplySplitAcrossManyWrites_IsReassembled_AndNothingIsLostForTheNextCommand()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SendAsync(First, CancellationToken.None).AsTask();
        Assert.Equal(First.ToBytes(), await asterisk.ReadCommandBytesAsync());
        await asterisk.SendInPiecesAsync(Utf8.Bytes("HANGUP\n100 result=0 Trying...\n200 result=1 (Олена Коваленко) endpos=5\n"));
        var first = await send.Within();

        send = session.SendAsync(Second, CancellationToken.None).AsTask();
        Assert.Equal(Second.ToBytes(), await asterisk.ReadCommandBytesAsync());
        await asterisk.SendInPiecesAsync(Utf8.Bytes("520-Invalid command syntax.  Proper usage follows:\n Usage: x\n520 End of proper usage.\n"), 3);
        var second = await send.Within();

        Assert.Equal("Олена Коваленко", first.Data);
        Assert.Equal(520, second.Code);
        Assert.EndsWith("520 End of proper usage.", second.Text, StringComparison.Ordinal);
        Assert.Equal("third", (await ExchangeAsync(session, asterisk, Third, "200 result=1 (third)\n")).Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task ConnectionClosedWhileAReplyIsPending_ThrowsConnectionClosed()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SendAsync(First, CancellationToken.None).AsTask();
        Assert.Equal(First.ToBytes(), await asterisk.ReadCommandBytesAsync());
        await asterisk.SendAsync("HANGUP\n200 res");
        asterisk.Close();

        await Assert.ThrowsAsync<AgiConnectionClosedException>(() => send.Within());
        Assert.True(session.ConnectionClosed);
        Assert.True(session.HangupReceived);
        Assert.True(session.Ended.IsCancellationRequested);
    }

    [Fact]
    public async Task ConnectionClosedWithNoReplyAtAll_ThrowsConnectionClosed()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SendAsync(First, CancellationToken.None).AsTask();
        Assert.Equal(First.ToBytes(), await asterisk.ReadCommandBytesAsync());
        asterisk.Close();

        await Assert.ThrowsAsync<AgiConnectionClosedException>(() => send.Within());
        Assert.True(session.ConnectionClosed);
        Assert.False(session.HangupReceived);
        Assert.True(session.Ended.IsCancellationRequested);
    }

    [Fact]
    public async Task AsteriskStoppedReading_SendThrowsConnectionClosed()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        asterisk.StopReading();

        await Assert.ThrowsAsync<AgiConnectionClosedException>(() => session.SendAsync(First, CancellationToken.None).AsTask().Within());
        Assert.True(session.ConnectionClosed);
    }

    [Fact]
    public async Task MalformedReply_ThrowsProtocolError()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        var send = session.SendAsync(First, CancellationToken.None).AsTask();
        await asterisk.AnswerAsync(First, "HTTP/1.1 400 Bad Request\r\n");

        await Assert.ThrowsAsync<AgiProtocolException>(() => send.Within());
    }

    [Fact]
    public async Task ListenWhile_HangupArrives_StopsWaitingAndEndsTheSession()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        var never = new TaskCompletionSource<int>();

        var listen = session.ListenWhileAsync(never.Task, CancellationToken.None).AsTask();
        await asterisk.SendAsync("HANGUP\n");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen.Within());
        Assert.True(session.HangupReceived);
        Assert.True(session.Ended.IsCancellationRequested);
        Assert.False(session.ConnectionClosed);
    }

    [Fact]
    public async Task ListenWhile_ConnectionCloses_StopsWaitingAndEndsTheSession()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        var never = new TaskCompletionSource<int>();

        var listen = session.ListenWhileAsync(never.Task, CancellationToken.None).AsTask();
        asterisk.Close();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen.Within());
        Assert.True(session.ConnectionClosed);
        Assert.False(session.HangupReceived);
        Assert.True(session.Ended.IsCancellationRequested);
    }

    [Fact]
    public async Task ListenWhile_TokenCancelled_StopsWaiting_AndTheSessionGoesOn()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        var never = new TaskCompletionSource<int>();
        using var cancellation = new CancellationTokenSource();

        var listen = session.ListenWhileAsync(never.Task, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen.Within());
        Assert.False(session.Ended.IsCancellationRequested);
        Assert.Equal("next", (await ExchangeAsync(session, asterisk, First, "200 result=1 (next)\n")).Data);
    }

    [Fact]
    public async Task ListenWhile_CompletedWork_ReturnsItsResultWithoutReading()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        await asterisk.SendAsync("HANGUP\n");
        var reads = asterisk.SessionReads;

        var result = await session.ListenWhileAsync(Task.FromResult(42), CancellationToken.None).AsTask().Within();

        Assert.Equal(42, result);
        Assert.Equal(reads, asterisk.SessionReads);
        Assert.False(session.HangupReceived);
        Assert.Equal("next", (await ExchangeAsync(session, asterisk, First, "200 result=1 (next)\n")).Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task ListenWhile_WorkCompletes_ThenTheNextCommandGetsItsReply_WithNoBytesLost()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = asterisk.SessionReads;

        var listen = session.ListenWhileAsync(work.Task, CancellationToken.None).AsTask();
        await asterisk.SendAsync("HAN");
        // The listener has looked at "HAN" once it started its next read: the half line must stay buffered.
        Assert.True(SpinWait.SpinUntil(() => asterisk.SessionReads >= reads + 2, TaskGuard.Limit));
        work.SetResult(7);

        Assert.Equal(7, await listen.Within());
        Assert.False(session.HangupReceived);
        var reply = await ExchangeAsync(session, asterisk, First, "GUP\n200 result=1 (after)\n");

        Assert.Equal("after", reply.Data);
        Assert.Equal(1, session.HangupsReceived);
        Assert.Equal("again", (await ExchangeAsync(session, asterisk, Second, "200 result=1 (again)\n")).Data);
    }

    [Fact]
    public async Task ListenWhile_RepeatedAroundCommands_KeepsEveryReplyInStep()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();

        for (var i = 0; i < 20; i++)
        {
            var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var listen = session.ListenWhileAsync(work.Task, CancellationToken.None).AsTask();
            work.SetResult(i);
            Assert.Equal(i, await listen.Within());

            var reply = await ExchangeAsync(session, asterisk, First, $"200 result=1 (reply {i})\n");
            Assert.Equal($"reply {i}", reply.Data);
        }
    }

    [Fact]
    public async Task ListenWhile_HangupConsumedThere_IsNotSeenAgain()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        var never = new TaskCompletionSource<int>();

        var listen = session.ListenWhileAsync(never.Task, CancellationToken.None).AsTask();
        await asterisk.SendAsync("HANGUP\n");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen.Within());

        var first = await ExchangeAsync(session, asterisk, First, "200 result=1 (first)\n");
        var second = await ExchangeAsync(session, asterisk, Second, "200 result=1 (second)\n");

        Assert.Equal("first", first.Data);
        Assert.Equal("second", second.Data);
        Assert.Equal(1, session.HangupsReceived);
    }

    [Fact]
    public async Task ListenWhile_TwoHangupsInOneWrite_AreBothCounted()
    {
        var asterisk = new FakeAsterisk();
        using var session = await asterisk.AcceptSessionAsync();
        var never = new TaskCompletionSource<int>();

        var listen = session.ListenWhileAsync(never.Task, CancellationToken.None).AsTask();
        await asterisk.SendAsync("HANGUP\nHANGUP\n");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen.Within());

        Assert.Equal(2, session.HangupsReceived);
        Assert.Equal("first", (await ExchangeAsync(session, asterisk, First, "200 result=1 (first)\n")).Data);
    }

    private static async Task<AgiReply> ExchangeAsync(AgiSession session, FakeAsterisk asterisk, AgiCommand command, string reply)
    {
        var send = session.SendAsync(command, CancellationToken.None).AsTask();
        await asterisk.AnswerAsync(command, reply);
        var result = await send.Within();
        Assert.Equal(0, asterisk.UnreadCommandBytes());
        return result;
    }
}
