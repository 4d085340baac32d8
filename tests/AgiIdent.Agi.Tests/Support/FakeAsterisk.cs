using System.Buffers;
using System.IO.Pipelines;

namespace AgiIdent.Agi.Tests.Support;

/// <summary>
/// Asterisk's end of a FastAGI connection over in-memory pipes: writes exactly the bytes a test scripts and reads the
/// commands the session writes, LF included, so tests compare wire bytes rather than parsed objects.
/// </summary>
internal sealed class FakeAsterisk : IDuplexPipe
{
    private static readonly PipeOptions Options = new(useSynchronizationContext: false);

    private readonly Pipe _toSession = new(Options);
    private readonly Pipe _toAsterisk = new(Options);
    private readonly CountingReader _sessionInput;

    static FakeAsterisk()
    {
        // The test host keeps pool threads blocked while it starts; without spare ones the pipes' continuations and the
        // timeout timers of the first session tests wait about a second for the pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
    }

    public FakeAsterisk() => _sessionInput = new CountingReader(_toSession.Reader);

    /// <summary>The session's view: it reads what Asterisk sends and writes what Asterisk reads.</summary>
    public PipeReader Input => _sessionInput;

    /// <inheritdoc />
    public PipeWriter Output => _toAsterisk.Writer;

    /// <summary>How many times the session started a read on its input.</summary>
    public int SessionReads => _sessionInput.Reads;

    /// <summary>Sends the bytes in one write.</summary>
    public Task SendAsync(string text) => SendAsync(Utf8.Bytes(text));

    /// <inheritdoc cref="SendAsync(string)"/>
    public async Task SendAsync(byte[] bytes) =>
        await _toSession.Writer.WriteAsync(bytes).AsTask().Within();

    /// <summary>Sends the bytes in writes of <paramref name="pieceLength"/> bytes, yielding between them.</summary>
    public async Task SendInPiecesAsync(byte[] bytes, int pieceLength = 1)
    {
        for (var offset = 0; offset < bytes.Length; offset += pieceLength)
        {
            var piece = bytes.AsMemory(offset, Math.Min(pieceLength, bytes.Length - offset));
            await _toSession.Writer.WriteAsync(piece).AsTask().Within();
            await Task.Yield();
        }
    }

    /// <summary>Closes Asterisk's side of the connection.</summary>
    public void Close() => _toSession.Writer.Complete();

    /// <summary>Stops reading what the session writes, as when Asterisk dropped the socket.</summary>
    public void StopReading() => _toAsterisk.Reader.Complete();

    /// <summary>Reads one command line exactly as written, <c>\n</c> included.</summary>
    public async Task<byte[]> ReadCommandAsync()
    {
        var reader = _toAsterisk.Reader;
        while (true)
        {
            var read = await reader.ReadAsync().AsTask().Within();
            var buffer = read.Buffer;
            var lineFeed = buffer.PositionOf((byte)'\n');
            if (lineFeed is { } end)
            {
                var line = buffer.Slice(0, buffer.GetPosition(1, end));
                var bytes = line.ToArray();
                reader.AdvanceTo(line.End);
                return bytes;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                throw new InvalidOperationException("the session stopped writing in the middle of a command");
            }
        }
    }

    /// <summary>Bytes the session wrote that no <see cref="ReadCommandAsync"/> took yet (none is the only right answer).</summary>
    public long UnreadCommandBytes()
    {
        var reader = _toAsterisk.Reader;
        if (!reader.TryRead(out var read))
        {
            return 0;
        }

        var length = read.Buffer.Length;
        reader.AdvanceTo(read.Buffer.Start);
        return length;
    }

    /// <summary>Reads the next command, checks it is exactly <paramref name="expected"/>, and sends <paramref name="reply"/>.</summary>
    public async Task AnswerAsync(AgiCommand expected, string reply)
    {
        Assert.Equal(expected.ToBytes(), await ReadCommandAsync());
        await SendAsync(reply);
    }

    /// <summary>Sends <paramref name="environment"/> and accepts the session on it.</summary>
    public async Task<AgiSession> ConnectAsync(string environment = EnvironmentBlocks.Minimal, AgiLimits? limits = null)
    {
        await SendAsync(environment);
        return await AgiSession.AcceptAsync(this, limits ?? AgiLimits.Default, CancellationToken.None).AsTask().Within();
    }

    /// <summary>Counts reads, so a test can tell that the session did not touch the connection.</summary>
    private sealed class CountingReader(PipeReader inner) : PipeReader
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAsync(cancellationToken);
        }

        public override bool TryRead(out ReadResult result)
        {
            Interlocked.Increment(ref _reads);
            return inner.TryRead(out result);
        }
    }
}
