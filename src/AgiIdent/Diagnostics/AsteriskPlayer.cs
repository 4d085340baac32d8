using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AgiIdent.Diagnostics;

/// <summary>
/// Plays Asterisk against a FastAGI server, the way <c>AGI(agi://host:port/script)</c> would: sends the environment
/// block, answers each command, and records the dialogue. An integrator's test of a deployment before the dialplan.
/// </summary>
public sealed class AsteriskPlayer(TextWriter dialogue)
{
    /// <summary>Asterisk gives a FastAGI connect this long per address (<c>MAX_AGI_CONNECT</c>).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(2000);

    /// <summary>The variables and functions the server set, in order, last value kept.</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>What the channel holds before the script runs, for <c>GET VARIABLE</c>: the caller's number, as a ringing phone's leg has it.</summary>
    private readonly Dictionary<string, string> _channel = new(StringComparer.Ordinal);

    /// <summary>Runs one call from <paramref name="callerNumber"/>; returns when the server closes or <paramref name="timeout"/> passes.</summary>
    public async Task<bool> PlayAsync(string host, int port, string script, string callerNumber, string callerName, string dnid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connect.CancelAfter(ConnectTimeout);
            try
            {
                await client.ConnectAsync(host, port, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await dialogue.WriteLineAsync($"-- could not connect to {host}:{port} within {ConnectTimeout.TotalMilliseconds:0} ms: Asterisk would set AGISTATUS=FAILURE and continue the dialplan").ConfigureAwait(false);
                return false;
            }
            catch (SocketException e)
            {
                await dialogue.WriteLineAsync($"-- could not connect to {host}:{port}: {e.Message}: Asterisk would set AGISTATUS=FAILURE and continue the dialplan").ConfigureAwait(false);
                return false;
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        if (callerNumber.Length > 0)
        {
            _channel["CALLERID(num)"] = callerNumber;
            _channel["CONNECTEDLINE(num)"] = callerNumber;
        }

        var stream = client.GetStream();
        var environment = Environment(host, port, script, callerNumber, callerName, dnid);
        await dialogue.WriteLineAsync($"-- connected to {host}:{port}; environment sent ({environment.Count(c => c == '\n') - 1} lines, caller '{callerNumber}')").ConfigureAwait(false);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(environment), deadline.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, false), false, 4096, leaveOpen: true);
        try
        {
            while (await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                await dialogue.WriteLineAsync("<- " + line).ConfigureAwait(false);
                var reply = Answer(line);
                await dialogue.WriteLineAsync("-> " + reply).ConfigureAwait(false);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\n"), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await dialogue.WriteLineAsync($"-- the server did not close the session within {timeout.TotalMilliseconds:0} ms; Asterisk would keep waiting in silence").ConfigureAwait(false);
            return false;
        }
        catch (IOException e)
        {
            await dialogue.WriteLineAsync($"-- connection broken: {e.Message}").ConfigureAwait(false);
            return false;
        }

        await dialogue.WriteLineAsync("-- the server closed the session: AGISTATUS=SUCCESS").ConfigureAwait(false);
        return true;
    }

    /// <summary>Asterisk's environment block, in Asterisk's order, ended by an empty line.</summary>
    public static string Environment(string host, int port, string script, string callerNumber, string callerName, string dnid)
    {
        ArgumentNullException.ThrowIfNull(script);
        var text = new StringBuilder(1024);
        void Line(string key, string value) => text.Append(key).Append(": ").Append(value).Append('\n');
        Line("agi_network", "yes");
        if (script.Length > 0)
        {
            Line("agi_network_script", script);
        }

        Line("agi_request", string.Create(CultureInfo.InvariantCulture, $"agi://{host}:{port}/{script}"));
        Line("agi_channel", "PJSIP/trunk-00000001");
        Line("agi_language", "en");
        Line("agi_type", "PJSIP");
        Line("agi_uniqueid", string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.1"));
        Line("agi_version", "22.0.0");
        Line("agi_callerid", callerNumber.Length == 0 ? "unknown" : callerNumber);
        Line("agi_calleridname", callerName.Length == 0 ? "unknown" : callerName);
        Line("agi_callingpres", "0");
        Line("agi_callingani2", "0");
        Line("agi_callington", "0");
        Line("agi_callingtns", "0");
        Line("agi_dnid", dnid.Length == 0 ? "unknown" : dnid);
        Line("agi_rdnis", "unknown");
        Line("agi_context", "from-trunk");
        Line("agi_extension", dnid.Length == 0 ? "s" : dnid);
        Line("agi_priority", "1");
        Line("agi_enhanced", "0.0");
        Line("agi_accountcode", string.Empty);
        Line("agi_threadid", "140000000000000");
        text.Append('\n');
        return text.ToString();
    }

    private string Answer(string line)
    {
        var words = SplitArguments(line);
        if (words.Count >= 2 && Is(words[0], "SET") && Is(words[1], "VARIABLE"))
        {
            if (words.Count != 4)
            {
                return "520 Invalid command syntax.  Proper usage not available.";
            }

            if (words[2].StartsWith("ARRAY(", StringComparison.OrdinalIgnoreCase) && words[2].EndsWith(')'))
            {
                // func_strings' ARRAY(): names and values split like any application's arguments.
                var names = SplitAppArguments(words[2]["ARRAY(".Length..^1]);
                var values = SplitAppArguments(words[3]);
                for (var i = 0; i < names.Count; i++)
                {
                    Variables[names[i]] = i < values.Count ? values[i] : string.Empty;
                }
            }
            else
            {
                Variables[words[2]] = words[3];
            }

            return "200 result=1";
        }

        if (words.Count == 3 && Is(words[0], "GET") && Is(words[1], "VARIABLE"))
        {
            return Variables.TryGetValue(words[2], out var value) || _channel.TryGetValue(words[2], out value) ? $"200 result=1 ({value})" : "200 result=0";
        }

        return words.Count >= 1 && Is(words[0], "VERBOSE") ? "200 result=1" : "510 Invalid or unknown command";
    }

    private static bool Is(string word, string expected) => string.Equals(word, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Splits application arguments the way Asterisk's <c>__ast_app_separate_args()</c> does: on <c>,</c> outside quotes,
    /// parentheses and brackets; <c>"</c> dropped; <c>\x</c> is <c>x</c>; a final comma adds an empty argument.
    /// </summary>
    public static IReadOnlyList<string> SplitAppArguments(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var arguments = new List<string>();
        if (data.Length == 0)
        {
            return arguments;
        }

        var argument = new StringBuilder();
        int parentheses = 0, brackets = 0;
        var quoted = false;
        for (var i = 0; i < data.Length; i++)
        {
            var c = data[i];
            switch (c)
            {
                case '\\':
                    if (++i < data.Length)
                    {
                        argument.Append(data[i]);
                    }

                    continue;
                case '"':
                    quoted = !quoted;
                    continue;
                case '(':
                    parentheses++;
                    break;
                case ')':
                    parentheses = Math.Max(0, parentheses - 1);
                    break;
                case '[':
                    brackets++;
                    break;
                case ']':
                    brackets = Math.Max(0, brackets - 1);
                    break;
                case ',' when parentheses == 0 && brackets == 0 && !quoted:
                    arguments.Add(argument.ToString());
                    argument.Clear();
                    continue;
            }

            argument.Append(c);
        }

        arguments.Add(argument.ToString());
        return arguments;
    }

    /// <summary>Splits a command line into words the way Asterisk does: blanks separate, quotes group, <c>\x</c> is <c>x</c>.</summary>
    public static IReadOnlyList<string> SplitArguments(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, escaped = false, inWord = false;
        foreach (var c in line)
        {
            if (escaped)
            {
                word.Append(c);
                escaped = false;
                inWord = true;
            }
            else if (c == '\\')
            {
                escaped = true;
                inWord = true;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if ((c == ' ' || c == '\t') && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
