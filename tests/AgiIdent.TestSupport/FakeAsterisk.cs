using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgiIdent.TestSupport;

/// <summary>
/// Plays Asterisk's side of FastAGI byte for byte: sends the environment block as res_agi.c does, then reads one
/// LF-terminated command at a time and answers it as scripted. Kept in the tests, independent of the product code.
/// </summary>
internal sealed class FakeAsterisk : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private readonly List<byte> _pending = [];
    private NetworkStream? _stream;

    /// <summary>Command lines received, without their LF, in order.</summary>
    public List<string> Commands { get; } = [];

    /// <summary>True when the server closed the connection.</summary>
    public bool ClosedByServer { get; private set; }

    public static string Environment(string callerId, string script = "ident", string callerName = "unknown", int arguments = 0)
    {
        var text = new StringBuilder();
        void Line(string key, string value) => text.Append(key).Append(": ").Append(value).Append('\n');
        Line("agi_network", "yes");
        if (script.Length > 0)
        {
            Line("agi_network_script", script);
        }

        Line("agi_request", "agi://127.0.0.1:4573/" + script);
        Line("agi_channel", "PJSIP/trunk-0000002a");
        Line("agi_language", "en");
        Line("agi_type", "PJSIP");
        Line("agi_uniqueid", "1700000000.42");
        Line("agi_version", "22.1.0");
        Line("agi_callerid", callerId);
        Line("agi_calleridname", callerName);
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
        Line("agi_threadid", "139872203486976");
        for (var i = 1; i <= arguments; i++)
        {
            Line("agi_arg_" + i, "arg" + i);
        }

        text.Append('\n');
        return text.ToString();
    }

    public static async Task<FakeAsterisk> ConnectAsync(IPEndPoint server)
    {
        var fake = new FakeAsterisk();
        try
        {
            await fake._client.ConnectAsync(server);
        }
        catch
        {
            await fake.DisposeAsync();
            throw;
        }

        fake._stream = fake._client.GetStream();
        return fake;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream!.WriteAsync(bytes);

    /// <summary>Reads the next command line; null when the server closed the connection.</summary>
    public async Task<string?> ReadCommandAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        while (true)
        {
            var lf = _pending.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = Encoding.UTF8.GetString(_pending.GetRange(0, lf).ToArray());
                _pending.RemoveRange(0, lf + 1);
                Commands.Add(line);
                return line;
            }

            int read;
            try
            {
                read = await _stream!.ReadAsync(buffer, deadline.Token);
            }
            catch (IOException)
            {
                read = 0;
            }

            if (read == 0)
            {
                ClosedByServer = true;
                return null;
            }

            _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>Answers every command with <paramref name="reply"/> until the server closes; returns the variables set.</summary>
    /// <remarks><c>GET VARIABLE</c> is answered from <paramref name="channel"/> as Asterisk does: <c>200 result=1 (value)</c>, or <c>200 result=0</c> when unset.</remarks>
    public async Task<Dictionary<string, string>> AnswerAllAsync(string reply = "200 result=1", TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? channel = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await ReadCommandAsync(timeout ?? TimeSpan.FromSeconds(10)) is { } command)
        {
            var words = AsteriskWords(command);
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
        AgiIdent.Agi.Tests.Support.AsteriskCommandReader.SetVariable(AgiIdent.Agi.Tests.Support.AsteriskCommandReader.ParseArgs(Encoding.UTF8.GetBytes(command)));

    /// <summary>Plays a whole ordinary call from <paramref name="callerId"/> and returns the variables the server set.</summary>
    public static async Task<Dictionary<string, string>> CallAsync(IPEndPoint server, string callerId, string script = "ident")
    {
        await using var fake = await ConnectAsync(server);
        await fake.SendAsync(Environment(callerId, script));
        var variables = await fake.AnswerAllAsync();
        Assert.True(fake.ClosedByServer);
        return variables;
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
            catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode is System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.TimedOut)
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

    /// <summary>Asterisk's word splitting of a command line: blanks separate, quotes group, backslash takes the next character.</summary>
    public static List<string> AsteriskWords(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        bool quoted = false, escaped = false, any = false;
        foreach (var c in line)
        {
            if (escaped)
            {
                current.Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = any = true;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c is ' ' or '\t' && !quoted)
            {
                if (any)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    public void Close() => _client.Close();

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
