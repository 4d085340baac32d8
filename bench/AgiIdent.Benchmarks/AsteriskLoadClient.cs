using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgiIdent.Benchmarks;

/// <summary>
/// One client's Asterisk: plays a whole FastAGI session over a blocking socket the way <c>res_agi.c</c> does. It sends
/// the environment block in one write, then reads one whole command line, answers <c>200 result=1</c>, and repeats
/// until the server closes; it never pipelines. Lean on purpose so the server, not the client, is measured: one
/// receive buffer and one environment block per client, byte-level line splitting, nothing allocated per command.
/// With a <see cref="CallerPool.CallerPicker"/> each session presents the next caller of the pool, written into the
/// block in place; a session whose caller is in no party is then good when it ends without FOUND. The measuring
/// client of the load runs: the scripted double of the tests (<see cref="FakeAsterisk"/>) is asynchronous and keeps
/// every command, which here would be measured with the server; both send <see cref="AsteriskEnvironment"/>'s block
/// and decode what they check with the ports of Asterisk's parsers.
/// </summary>
internal sealed class AsteriskLoadClient
{
    /// <summary>The receive buffer; AgiIdent keeps every command under 2000 bytes.</summary>
    private const int BufferBytes = 8192;

    /// <summary>Digits of the sequence number patched into <c>agi_uniqueid</c> for each session.</summary>
    private const int SequenceDigits = 12;

    private readonly IPEndPoint _server;
    private readonly int _timeoutMs;
    private readonly byte[] _environment;
    private readonly int _sequenceOffset;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly CallerPool.CallerPicker? _callers;
    private readonly int _callerOffset;
    private readonly byte[] _afterCaller = [];
    private readonly byte[] _expected;
    private int _length;

    /// <summary>
    /// A client presenting <paramref name="callerNumber"/>, or with <paramref name="callers"/> the next caller of a
    /// pool in each session. A session is good when the server sends <paramref name="expectedLine"/> (default
    /// <c>SET VARIABLE AGIIDENT_STATUS "FOUND"</c>) and closes.
    /// </summary>
    public AsteriskLoadClient(IPEndPoint server, string callerNumber, int client, int timeoutMs, CallerPool.CallerPicker? callers = null, string? expectedLine = null)
    {
        _server = server;
        _timeoutMs = timeoutMs;
        _callers = callers;
        _expected = expectedLine is null ? FoundStatus.ToArray() : Encoding.UTF8.GetBytes(expectedLine);
        var block = EnvironmentBlock(server, callerNumber, client, out _sequenceOffset, out _callerOffset);
        _length = block.Length;
        if (callers is null)
        {
            _environment = block;
            return;
        }

        // Room for the longest caller; the rest of the block moves behind each session's caller.
        var callerEnd = Array.IndexOf(block, (byte)'\n', _callerOffset);
        _afterCaller = block[callerEnd..];
        _environment = new byte[_callerOffset + CallerPool.MaxLength + _afterCaller.Length];
        block.AsSpan(0, _callerOffset).CopyTo(_environment);
    }

    private static ReadOnlySpan<byte> Reply => "200 result=1\n"u8;

    private static ReadOnlySpan<byte> FoundStatus => "SET VARIABLE AGIIDENT_STATUS \"FOUND\""u8;

    private static ReadOnlySpan<byte> FoundArray => "SET VARIABLE ARRAY(AGIIDENT_STATUS,"u8;

    /// <summary>
    /// The expected line, or for a found caller its ARRAY form: the status first among the names and <c>FOUND</c>
    /// first among the values; for any other expected <c>SET VARIABLE NAME "value"</c>, an ARRAY line with NAME among
    /// its names and the value at the same place among its values (the daemon's default is one ARRAY line).
    /// </summary>
    private bool IsExpected(ReadOnlySpan<byte> line) =>
        line.SequenceEqual(_expected)
        || (_expected.AsSpan().SequenceEqual(FoundStatus) && line.StartsWith(FoundArray) && line.IndexOf(") \"FOUND,"u8) > 0)
        || (!_expected.AsSpan().SequenceEqual(FoundStatus) && line.StartsWith(FoundArray[..^"AGIIDENT_STATUS,".Length]) && InArray(line, _expected));

    /// <summary>Whether the ARRAY line sets NAME to the value that <paramref name="expected"/> (<c>SET VARIABLE NAME "value"</c>) sets, as Asterisk would store them.</summary>
    private static bool InArray(ReadOnlySpan<byte> line, ReadOnlySpan<byte> expected)
    {
        var wanted = AsteriskCommandReader.ParseArgs(expected);
        var got = AsteriskCommandReader.ParseArgs(line);
        return wanted.Words.Count == 4 && got.Words.Count == 4
            && AsteriskCommandReader.SetVariable(got).Contains(AsteriskCommandReader.SetVariable(wanted)[0]);
    }

    /// <summary>Runs one session from connect to the server's close; <paramref name="elapsedTicks"/> covers exactly that.</summary>
    public SessionOutcome Run(long sequence, out long elapsedTicks, out int commands)
    {
        PatchSequence(sequence);
        var known = _callers is null || PatchCaller(_callers);
        commands = 0;
        using var socket = new Socket(_server.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = _timeoutMs,
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            socket.Connect(_server);
        }
        catch (SocketException)
        {
            elapsedTicks = Stopwatch.GetTimestamp() - started;
            return SessionOutcome.ConnectFailed;
        }

        try
        {
            var outcome = Converse(socket, ref commands);
            elapsedTicks = Stopwatch.GetTimestamp() - started;
            return known ? outcome : outcome switch
            {
                SessionOutcome.NotFound => SessionOutcome.NotFoundAsExpected,
                SessionOutcome.Found => SessionOutcome.FoundUnexpectedly,
                _ => outcome,
            };
        }
        catch (SocketException)
        {
            elapsedTicks = Stopwatch.GetTimestamp() - started;
            return SessionOutcome.Broken;
        }
    }

    private SessionOutcome Converse(Socket socket, ref int commands)
    {
        socket.Send(_environment.AsSpan(0, _length));
        var buffer = _buffer;
        int start = 0, end = 0;
        var found = false;
        while (true)
        {
            var newLine = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newLine >= 0)
            {
                found |= IsExpected(buffer.AsSpan(start, newLine));
                commands++;
                start += newLine + 1;
                socket.Send(Reply);
                continue;
            }

            if (start == end)
            {
                start = end = 0;
            }
            else if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                return SessionOutcome.BadLine;
            }

            var received = socket.Receive(buffer.AsSpan(end));
            if (received == 0)
            {
                // The server closed: the session is over, as Asterisk sees it (AGISTATUS=SUCCESS).
                return end > 0 ? SessionOutcome.BadLine : found ? SessionOutcome.Found : SessionOutcome.NotFound;
            }

            end += received;
        }
    }

    /// <summary>Writes the next caller of the pool and the rest of the block behind it; returns whether a party has it.</summary>
    private bool PatchCaller(CallerPool.CallerPicker callers)
    {
        var known = callers.Next(_environment.AsSpan(_callerOffset, CallerPool.MaxLength), out var length);
        _afterCaller.CopyTo(_environment.AsSpan(_callerOffset + length));
        _length = _callerOffset + length + _afterCaller.Length;
        return known;
    }

    private void PatchSequence(long sequence)
    {
        var digits = _environment.AsSpan(_sequenceOffset, SequenceDigits);
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (sequence % 10));
            sequence /= 10;
        }
    }

    /// <summary>
    /// A complete Asterisk 22 environment block for <c>AGI(agi://host:port/ident)</c> from a PJSIP trunk
    /// (<see cref="AsteriskEnvironment"/>); <paramref name="sequenceOffset"/> is where the per-session part of
    /// <c>agi_uniqueid</c> goes, <paramref name="callerOffset"/> where the value of <c>agi_callerid</c> starts.
    /// </summary>
    internal static byte[] EnvironmentBlock(IPEndPoint server, string callerNumber, int client, out int sequenceOffset, out int callerOffset)
    {
        const string UniqueIdPrefix = "1732240000.";
        var host = server.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{server.Address}]" : server.Address.ToString();
        var environment = new AsteriskEnvironment
        {
            Request = string.Create(CultureInfo.InvariantCulture, $"agi://{host}:{server.Port}/ident"),
            Channel = string.Create(CultureInfo.InvariantCulture, $"PJSIP/trunk-{client:x8}"),
            Language = "uk",
            UniqueId = UniqueIdPrefix + new string('0', SequenceDigits),
            CallerId = callerNumber,
            ThreadId = string.Create(CultureInfo.InvariantCulture, $"{140_000_000_000_000L + client}"),
        };
        sequenceOffset = environment.ValueOffset("agi_uniqueid") + UniqueIdPrefix.Length;
        callerOffset = environment.ValueOffset("agi_callerid");
        return environment.ToBytes();
    }
}
