using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace AgiIdent.Agi;

/// <summary>
/// One FastAGI conversation over a duplex pipe: the environment, then one command at a time, each followed by its reply.
/// <c>HANGUP</c> lines are recorded wherever they arrive and never taken as a reply. <see cref="Ended"/> fires when
/// Asterisk reports a hangup or closes the connection, including while the caller's code is busy between commands.
/// </summary>
public sealed class AgiSession : IDisposable
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly AgiLimits _limits;
    private readonly CancellationTokenSource _ended = new();

    /// <summary>
    /// The timer of every wait of the session, linked to the token <see cref="AcceptAsync"/> was given
    /// (<see cref="_deadlineFor"/>) and re-armed for each reply (<see cref="CancellationTokenSource.TryReset"/>): one
    /// source and one timer per session instead of one per command.
    /// </summary>
    private CancellationTokenSource? _deadline;
    private readonly CancellationToken _deadlineFor;

    private AgiSession(IDuplexPipe transport, AgiLimits limits, AgiRequest request, CancellationTokenSource deadline, CancellationToken deadlineFor)
    {
        _input = transport.Input;
        _output = transport.Output;
        _limits = limits;
        _deadline = deadline;
        _deadlineFor = deadlineFor;
        Request = request;
        if (request.HangupBeforeFirstCommand)
        {
            OnHangup();
        }
    }

    /// <summary>What Asterisk sent in the environment block.</summary>
    public AgiRequest Request { get; }

    /// <summary>How many <c>HANGUP</c> lines arrived so far (Asterisk may send it twice).</summary>
    public int HangupsReceived { get; private set; }

    /// <summary>True once Asterisk reported that the channel hung up.</summary>
    public bool HangupReceived => HangupsReceived > 0;

    /// <summary>True once the connection was closed by Asterisk.</summary>
    public bool ConnectionClosed { get; private set; }

    /// <summary>Cancelled when Asterisk reports a hangup or closes the connection.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>
    /// Reads the environment block, within <see cref="AgiLimits.EnvironmentTimeout"/>.
    /// Throws <see cref="AgiProtocolException"/> for a malformed block, <see cref="AgiConnectionClosedException"/> when
    /// the connection closes first, and <see cref="TimeoutException"/> when it does not arrive in time.
    /// </summary>
    public static ValueTask<AgiSession> AcceptAsync(IDuplexPipe transport, AgiLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(limits);
        var deadline = NewDeadline(cancellationToken);
        deadline.CancelAfter(limits.EnvironmentTimeout);
        return AcceptCoreAsync(transport, limits, deadline, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<AgiSession> AcceptCoreAsync(IDuplexPipe transport, AgiLimits limits, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var handedOver = false;
        var input = transport.Input;
        var environment = new AgiEnvironmentReader(limits);
        var started = false;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(deadline.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                bool parsed;
                SequencePosition consumed;
                AgiRequest? request;
                try
                {
                    started |= !buffer.IsEmpty;
                    parsed = environment.TryRead(buffer, out consumed, out request);
                }
                catch (AgiProtocolException)
                {
                    input.AdvanceTo(buffer.End);
                    throw;
                }

                if (parsed)
                {
                    input.AdvanceTo(consumed);
                    handedOver = true;
                    // The environment is in: its timer stops here, and the session re-arms the source for each reply.
                    deadline.TryReset();
                    return new AgiSession(transport, limits, request!, deadline, cancellationToken);
                }

                // Complete lines are kept by the reader; only a partial last line stays in the pipe.
                input.AdvanceTo(consumed, buffer.End);
                if (read.IsCompleted)
                {
                    if (started)
                    {
                        AgiProtocolException.Throw("connection closed inside the environment block");
                    }

                    throw new AgiConnectionClosedException("Asterisk closed the connection before sending the environment");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the environment block did not arrive within {limits.EnvironmentTimeout.TotalMilliseconds:0} ms");
        }
        finally
        {
            if (!handedOver)
            {
                deadline.Dispose();
            }
        }
    }

    private static CancellationTokenSource NewDeadline(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource();

    /// <summary>
    /// The session's deadline source, re-armed, when it serves <paramref name="cancellationToken"/> and no earlier wait
    /// fired it; otherwise a new one, which the caller disposes (<paramref name="own"/>).
    /// </summary>
    private CancellationTokenSource Deadline(TimeSpan timeout, out bool own, CancellationToken cancellationToken)
    {
        var deadline = _deadline;
        own = deadline is null || cancellationToken != _deadlineFor || !deadline.TryReset();
        if (own)
        {
            deadline = NewDeadline(cancellationToken);
        }

        deadline!.CancelAfter(timeout);
        return deadline;
    }

    /// <summary>
    /// Sends one command and waits for its final reply, skipping <c>100 Trying</c> and recording <c>HANGUP</c>. Throws
    /// <see cref="TimeoutException"/> when the reply does not arrive within <see cref="AgiLimits.ReplyTimeout"/>.
    /// </summary>
    public ValueTask<AgiReply> SendAsync(AgiCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return SendCommandAsync(command, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AgiReply> SendCommandAsync(AgiCommand command, CancellationToken cancellationToken)
    {
        var deadline = Deadline(_limits.ReplyTimeout, out var own, cancellationToken);
        try
        {
            command.WriteTo(_output);
            var flush = await _output.FlushAsync(deadline.Token).ConfigureAwait(false);
            if (flush.IsCompleted)
            {
                MarkClosed();
                throw new AgiConnectionClosedException("Asterisk closed the connection before reading the command");
            }

            return await ReadReplyAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Asterisk did not answer a command within {_limits.ReplyTimeout.TotalMilliseconds:0} ms");
        }
        finally
        {
            if (own)
            {
                deadline.Dispose();
            }
        }
    }

    /// <summary>Sets a channel variable or writes a dialplan function (<c>CALLERID(name)</c>).</summary>
    public ValueTask<AgiReply> SetVariableAsync(string name, string value, CancellationToken cancellationToken) =>
        SendAsync(AgiCommand.SetVariable(name, value), cancellationToken);

    /// <summary>
    /// Waits for <paramref name="work"/> while listening to the connection, so that a <c>HANGUP</c> or a closed
    /// connection fires <see cref="Ended"/> during the wait. Completed work costs no extra read.
    /// </summary>
    public async ValueTask<T> ListenWhileAsync<T>(Task<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.IsCompleted)
        {
            return await work.ConfigureAwait(false);
        }

        var listener = ListenAsync(cancellationToken);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Ended);
            return await work.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            if (!listener.IsCompleted)
            {
                _input.CancelPendingRead();
            }

            await listener.ConfigureAwait(false);
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var read = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (read.IsCanceled)
                {
                    return;
                }

                var buffer = read.Buffer;
                var consumed = ConsumeHangups(buffer);
                _input.AdvanceTo(consumed, buffer.End);
                if (read.IsCompleted)
                {
                    MarkClosed();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller's deadline passed; the wait it guards reports that.
        }
    }

    /// <summary>Takes the <c>HANGUP</c> lines at the front of the buffer; anything else waits for the next command's read.</summary>
    private SequencePosition ConsumeHangups(in ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        var consumed = buffer.Start;
        while (AgiLine.TryRead(ref reader, _limits.MaxLineBytes, out var line) && AgiLine.IsHangup(line))
        {
            consumed = reader.Position;
            OnHangup();
        }

        if (buffer.Slice(consumed).Length > _limits.MaxLineBytes)
        {
            AgiProtocolException.Throw("unsolicited data while no command was pending", AgiLine.FirstBytes(buffer.Slice(consumed)));
        }

        return consumed;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AgiReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            while (true)
            {
                bool parsed;
                SequencePosition consumed;
                AgiFrameKind kind;
                AgiReply? reply;
                try
                {
                    parsed = AgiReplyParser.TryParse(buffer, _limits, out consumed, out kind, out reply);
                }
                catch (AgiProtocolException)
                {
                    _input.AdvanceTo(buffer.End);
                    throw;
                }

                if (!parsed)
                {
                    break;
                }

                buffer = buffer.Slice(consumed);
                switch (kind)
                {
                    case AgiFrameKind.Hangup:
                        OnHangup();
                        continue;
                    case AgiFrameKind.Trying:
                        continue;
                    default:
                        _input.AdvanceTo(buffer.Start);
                        return reply!;
                }
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                MarkClosed();
                throw new AgiConnectionClosedException("Asterisk closed the connection while a reply was pending");
            }
        }
    }

    private void OnHangup()
    {
        HangupsReceived++;
        _ended.Cancel();
    }

    private void MarkClosed()
    {
        ConnectionClosed = true;
        _ended.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ended.Dispose();
        _deadline?.Dispose();
        _deadline = null;
    }
}
