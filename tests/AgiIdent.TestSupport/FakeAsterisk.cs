using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgiIdent.TestSupport;

/// <summary>
/// Plays Asterisk's side of one FastAGI connection byte for byte: sends the environment block as res_agi.c does,
/// then reads one LF-terminated command at a time and answers it as scripted, decoding what <c>SET VARIABLE</c>
/// stores with the ports of Asterisk's own parsers (<see cref="AsteriskCommandReader"/>). Over real TCP to a server
/// (<see cref="ConnectAsync"/>), or in memory (<see cref="FakeAsterisk()"/>: the fake is then also the session's
/// <see cref="IDuplexPipe"/>). Independent of the product code it helps to test.
/// </summary>
public sealed class FakeAsterisk : IDuplexPipe, IAsyncDisposable
{
    /// <summary>
    /// In memory nothing waits on a network, so every wait of the fake is bounded by this: a broken session fails the
    /// test instead of hanging the run. Generous for a loaded machine; deliberately not a <see cref="TimeoutException"/>,
    /// so that the session's own timeouts stay distinguishable from a hang.
    /// </summary>
    public static readonly TimeSpan InMemoryWaitLimit = TimeSpan.FromSeconds(1.5);

    private static readonly PipeOptions Options = new(useSynchronizationContext: false);

    private readonly TcpClient? _client;
    private readonly PipeReader _fromSession;
    private readonly PipeWriter _toSession;
    private readonly CountingReader? _sessionInput;
    private readonly PipeWriter? _sessionOutput;
    private readonly TimeSpan? _waitLimit;

    /// <summary>Asterisk's end of a connection over in-memory pipes; the session reads <see cref="Input"/> and writes <see cref="Output"/>.</summary>
    public FakeAsterisk()
    {
        // The test host keeps pool threads blocked while it starts; without spare ones the pipes' continuations and the
        // timeout timers of the first session tests wait about a second for the pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
        var toSession = new Pipe(Options);
        var toAsterisk = new Pipe(Options);
        _toSession = toSession.Writer;
        _fromSession = toAsterisk.Reader;
        _sessionInput = new CountingReader(toSession.Reader);
        _sessionOutput = toAsterisk.Writer;
        _waitLimit = InMemoryWaitLimit;
    }

    private FakeAsterisk(TcpClient client)
    {
        _client = client;
        var stream = client.GetStream();
        _fromSession = PipeReader.Create(stream);
        _toSession = PipeWriter.Create(stream);
    }

    /// <summary>Command lines received, without their LF, in order (by <see cref="ReadCommandAsync(TimeSpan)"/>).</summary>
    public List<string> Commands { get; } = [];

    /// <summary>True when the server closed the connection.</summary>
    public bool ClosedByServer { get; private set; }

    /// <summary>In memory, the session's view: it reads what Asterisk sends.</summary>
    public PipeReader Input => _sessionInput ?? throw new InvalidOperationException("a TCP fake has no in-memory side");

    /// <summary>In memory, the session's view: it writes what Asterisk reads.</summary>
    public PipeWriter Output => _sessionOutput ?? throw new InvalidOperationException("a TCP fake has no in-memory side");

    /// <summary>In memory, how many times the session started a read on its input.</summary>
    public int SessionReads => _sessionInput?.Reads ?? throw new InvalidOperationException("a TCP fake has no in-memory side");

    /// <summary>The environment block of an ordinary call from <paramref name="callerId"/> to <paramref name="script"/>, with <paramref name="arguments"/> arguments <c>arg1</c>, <c>arg2</c>...</summary>
    public static string Environment(string callerId, string script = "ident", string callerName = "unknown", int arguments = 0) =>
        new AsteriskEnvironment
        {
            Script = script,
            Request = "agi://127.0.0.1:4573/" + script,
            CallerId = callerId,
            CallerIdName = callerName,
            Arguments = [.. Enumerable.Range(1, arguments).Select(i => "arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        }.ToString();

    /// <summary>Connects to a FastAGI server over TCP.</summary>
    public static async Task<FakeAsterisk> ConnectAsync(IPEndPoint server)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(server);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new FakeAsterisk(client);
    }

    /// <summary>Sends the text, UTF-8, in one write.</summary>
    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    /// <inheritdoc cref="SendAsync(string)"/>
    public async Task SendAsync(byte[] bytes) => await Bounded(_toSession.WriteAsync(bytes).AsTask());

    /// <summary>Sends the bytes in writes of <paramref name="pieceLength"/> bytes, yielding between them.</summary>
    public async Task SendInPiecesAsync(byte[] bytes, int pieceLength = 1)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        for (var offset = 0; offset < bytes.Length; offset += pieceLength)
        {
            var piece = bytes.AsMemory(offset, Math.Min(pieceLength, bytes.Length - offset));
            await Bounded(_toSession.WriteAsync(piece).AsTask());
            await Task.Yield();
        }
    }

    /// <summary>
    /// Reads the next command line exactly as written, <c>\n</c> included; fails when the session stops writing before
    /// a whole line.
    /// </summary>
    public async Task<byte[]> ReadCommandBytesAsync() =>
        await Bounded(ReadLineAsync(CancellationToken.None)) ?? throw new InvalidOperationException("the session stopped writing in the middle of a command");

    /// <summary>Reads the next command line, without its LF, and records it in <see cref="Commands"/>; null when the server closed the connection.</summary>
    public async Task<string?> ReadCommandAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        if (await ReadLineAsync(deadline.Token) is not { } bytes)
        {
            ClosedByServer = true;
            return null;
        }

        var line = Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1);
        Commands.Add(line);
        return line;
    }

    /// <summary>Bytes the session wrote that no read took yet (none is the only right answer).</summary>
    public long UnreadCommandBytes()
    {
        if (!_fromSession.TryRead(out var read))
        {
            return 0;
        }

        var length = read.Buffer.Length;
        _fromSession.AdvanceTo(read.Buffer.Start);
        return length;
    }

    /// <summary>Answers every command with <paramref name="reply"/> until the server closes; returns the variables set.</summary>
    /// <remarks><c>GET VARIABLE</c> is answered from <paramref name="channel"/> as Asterisk does: <c>200 result=1 (value)</c>, or <c>200 result=0</c> when unset.</remarks>
    public async Task<Dictionary<string, string>> AnswerAllAsync(string reply = "200 result=1", TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? channel = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await ReadCommandAsync(timeout ?? TimeSpan.FromSeconds(10)) is { } command)
        {
            var words = AsteriskCommandReader.ParseArgs(Encoding.UTF8.GetBytes(command)).Strings;
            if (words.Count == 4 && words[0] == "SET" && words[1] == "VARIABLE")
            {
                foreach (var (name, value) in SetVariable(command))
                {
                    variables[name] = value;
                }
            }

            if (words.Count == 3 && words[0] == "GET" && words[1] == "VARIABLE")
            {
                await SendAsync(channel is not null && channel.TryGetValue(words[2], out var value) ? $"200 result=1 ({value})\n" : "200 result=0\n");
                continue;
            }

            await SendAsync(reply + "\n");
        }

        return variables;
    }

    /// <summary>What one SET VARIABLE line stores, through Asterisk's ported parse_args, app-argument splitter and ARRAY().</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SetVariable(string command) =>
        AsteriskCommandReader.SetVariable(AsteriskCommandReader.ParseArgs(Encoding.UTF8.GetBytes(command)));

    /// <summary>Plays a whole ordinary call from <paramref name="callerId"/> and returns the variables the server set.</summary>
    public static async Task<Dictionary<string, string>> CallAsync(IPEndPoint server, string callerId, string script = "ident")
    {
        await using var fake = await ConnectAsync(server);
        await fake.SendAsync(Environment(callerId, script));
        var variables = await fake.AnswerAllAsync();
        return fake.ClosedByServer ? variables : throw new InvalidOperationException("the server did not close the connection");
    }

    /// <summary>
    /// A call through <c>hagi://</c>: each target in SRV order until one accepts the connection, as res_agi.c's
    /// <c>launch_ha_netscript</c> does (it moves on only when <c>launch_netscript</c> fails, that is when the connect
    /// fails; a server that accepts and then fails is not retried). Null when no target accepts: Asterisk's
    /// <c>AGISTATUS=FAILURE</c>. Returns the index of the target that answered with the variables.
    /// </summary>
    public static async Task<(int Target, Dictionary<string, string> Variables)?> CallWithFailoverAsync(IReadOnlyList<IPEndPoint> targets, string callerId)
    {
        ArgumentNullException.ThrowIfNull(targets);
        for (var i = 0; i < targets.Count; i++)
        {
            FakeAsterisk fake;
            try
            {
                fake = await ConnectAsync(targets[i]);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.TimedOut)
            {
                continue;
            }

            await using (fake)
            {
                await fake.SendAsync(Environment(callerId));
                return (i, await fake.AnswerAllAsync());
            }
        }

        return null;
    }

    /// <summary>Closes Asterisk's side: over TCP the whole connection, in memory the direction to the session.</summary>
    public void Close()
    {
        if (_client is not null)
        {
            _client.Close();
        }
        else
        {
            _toSession.Complete();
        }
    }

    /// <summary>Stops reading what the session writes, as when Asterisk dropped the socket.</summary>
    public void StopReading() => _fromSession.Complete();

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next line with its LF; null when the other side closed first (a partial line then is dropped).</summary>
    private async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult read;
            try
            {
                read = await _fromSession.ReadAsync(cancellationToken);
            }
            catch (IOException)
            {
                return null;
            }

            var buffer = read.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, buffer.GetPosition(1, end));
                var bytes = line.ToArray();
                _fromSession.AdvanceTo(line.End);
                return bytes;
            }

            _fromSession.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Awaits <paramref name="task"/>, in memory for at most <see cref="InMemoryWaitLimit"/>.</summary>
    private async Task<T> Bounded<T>(Task<T> task)
    {
        if (_waitLimit is { } limit)
        {
            using var expiry = new CancellationTokenSource();
            if (await Task.WhenAny(task, Task.Delay(limit, expiry.Token)) != task)
            {
                throw new InvalidOperationException($"the fake Asterisk is still waiting after {limit.TotalSeconds} s");
            }

            await expiry.CancelAsync();
        }

        return await task;
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
