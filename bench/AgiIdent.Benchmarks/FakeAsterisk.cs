using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgiIdent.Benchmarks;

/// <summary>How one session ended, from the fake Asterisk's side.</summary>
internal enum SessionOutcome
{
    /// <summary>The server sent <c>SET VARIABLE AGIIDENT_STATUS "FOUND"</c> and closed.</summary>
    Found,

    /// <summary>The server closed without setting the status to FOUND.</summary>
    NotFound,

    /// <summary>The connection could not be made.</summary>
    ConnectFailed,

    /// <summary>Reset, timed out or otherwise broken after connecting.</summary>
    Broken,

    /// <summary>A line longer than the buffer, or a partial line at close.</summary>
    BadLine,

    /// <summary>The caller is in no party and the server closed without FOUND, as it should (directory runs).</summary>
    NotFoundAsExpected,

    /// <summary>The caller is in no party, yet the server sent FOUND (directory runs).</summary>
    FoundUnexpectedly,
}

/// <summary>
/// One client's Asterisk: plays a whole FastAGI session over a blocking socket the way <c>res_agi.c</c> does. It sends
/// the environment block in one write, then reads one whole command line, answers <c>200 result=1</c>, and repeats
/// until the server closes; it never pipelines. Lean on purpose so the server, not the client, is measured: one
/// receive buffer and one environment block per client, byte-level line splitting, nothing allocated per command.
/// With a <see cref="CallerPool.CallerPicker"/> each session presents the next caller of the pool, written into the
/// block in place; a session whose caller is in no party is then good when it ends without FOUND.
/// </summary>
internal sealed class FakeAsterisk
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
    public FakeAsterisk(IPEndPoint server, string callerNumber, int client, int timeoutMs, CallerPool.CallerPicker? callers = null, string? expectedLine = null)
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
        || (!_expected.AsSpan().SequenceEqual(FoundStatus) && line.StartsWith(FoundArray[..^"AGIIDENT_STATUS,".Length]) && InArray(Encoding.UTF8.GetString(line), Encoding.UTF8.GetString(_expected)));

    private static bool InArray(string line, string expected)
    {
        const string Set = "SET VARIABLE ";
        const string Array = Set + "ARRAY(";
        var space = expected.IndexOf(' ', Set.Length);
        if (!line.StartsWith(Array, StringComparison.Ordinal) || !expected.StartsWith(Set, StringComparison.Ordinal) || space < 0)
        {
            return false;
        }

        var name = expected[Set.Length..space];
        var value = expected[(space + 1)..].Trim('"');
        var close = line.IndexOf(") \"", StringComparison.Ordinal);
        if (close < 0)
        {
            return false;
        }

        var at = System.Array.IndexOf(line[Array.Length..close].Split(','), name);
        if (at < 0)
        {
            return false;
        }

        // Values are split on commas not escaped with a backslash.
        var values = new List<string>();
        var current = new StringBuilder();
        var body = line[(close + 3)..].TrimEnd('"');
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length)
            {
                current.Append(body[++i]);
            }
            else if (body[i] == ',')
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(body[i]);
            }
        }

        values.Add(current.ToString());
        return at < values.Count && values[at] == value;
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
    /// A complete Asterisk 22 environment block for <c>AGI(agi://host:port/ident)</c> from a PJSIP trunk, every line in
    /// <c>res_agi.c</c>'s order; <paramref name="sequenceOffset"/> is where the per-session part of <c>agi_uniqueid</c> goes,
    /// <paramref name="callerOffset"/> where the value of <c>agi_callerid</c> starts.
    /// </summary>
    internal static byte[] EnvironmentBlock(IPEndPoint server, string callerNumber, int client, out int sequenceOffset, out int callerOffset)
    {
        var host = server.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{server.Address}]" : server.Address.ToString();
        var text = new StringBuilder(1024);
        void Line(string key, string value) => text.Append(key).Append(": ").Append(value).Append('\n');
        Line("agi_network", "yes");
        Line("agi_network_script", "ident");
        Line("agi_request", string.Create(CultureInfo.InvariantCulture, $"agi://{host}:{server.Port}/ident"));
        Line("agi_channel", string.Create(CultureInfo.InvariantCulture, $"PJSIP/trunk-{client:x8}"));
        Line("agi_language", "uk");
        Line("agi_type", "PJSIP");
        text.Append("agi_uniqueid: 1732240000.");
        var prefix = Encoding.UTF8.GetByteCount(text.ToString());
        text.Append('0', SequenceDigits).Append('\n');
        Line("agi_version", "22.1.0");
        text.Append("agi_callerid: ");
        callerOffset = Encoding.UTF8.GetByteCount(text.ToString());
        text.Append(callerNumber).Append('\n');
        Line("agi_calleridname", "unknown");
        Line("agi_callingpres", "0");
        Line("agi_callingani2", "0");
        Line("agi_callington", "0");
        Line("agi_callingtns", "0");
        Line("agi_dnid", "0443334455");
        Line("agi_rdnis", "unknown");
        Line("agi_context", "from-trunk");
        Line("agi_extension", "0443334455");
        Line("agi_priority", "2");
        Line("agi_enhanced", "0.0");
        Line("agi_accountcode", string.Empty);
        Line("agi_threadid", string.Create(CultureInfo.InvariantCulture, $"{140_000_000_000_000L + client}"));
        text.Append('\n');
        sequenceOffset = prefix;
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
