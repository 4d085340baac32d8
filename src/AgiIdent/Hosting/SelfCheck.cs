using System.Net;
using System.Security.Cryptography;
using AgiIdent.Agi;
using AgiIdent.CallerId;
using AgiIdent.Diagnostics;

namespace AgiIdent.Hosting;

/// <summary>
/// Marks the daemon's own check sessions: a call to <c>ident?selfcheck=TOKEN</c> with this process's random token.
/// Such a session runs the whole call path but is neither counted nor logged as a call, and one that finds every
/// <c>AgiIdent:MaxSessions</c> slot taken is closed unanswered instead of being told ERROR: no slot for a caller means
/// the daemon is not answering callers.
/// </summary>
public sealed class SelfCheck
{
    /// <summary>The query option carrying the token.</summary>
    public const string Option = "selfcheck";

    /// <summary>A caller number no directory holds, as Asterisk would present it.</summary>
    public const string CallerNumber = "+380000000000";

    /// <summary>This process's token; unguessable, so no peer can hide its calls from the log.</summary>
    public string Token { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The FastAGI address the daemon listens on, once it does.</summary>
    public Func<IPEndPoint?> EndPoint { get; set; } = () => null;

    /// <summary>True for the daemon's own check sessions.</summary>
    public bool Matches(AgiRequest request) =>
        request is not null
        && request.Options.TryGetValue(Option, out var token)
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(token), System.Text.Encoding.ASCII.GetBytes(Token));

    /// <summary>Where the check connects: the listening address, or loopback of its family when it listens on all.</summary>
    public static IPEndPoint Target(IPEndPoint listening)
    {
        ArgumentNullException.ThrowIfNull(listening);
        if (listening.Address.Equals(IPAddress.Any))
        {
            return new IPEndPoint(IPAddress.Loopback, listening.Port);
        }

        return listening.Address.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.IPv6Loopback, listening.Port) : listening;
    }

    /// <summary>
    /// One real FastAGI session against the daemon's own port, played as Asterisk plays it: connect, send the
    /// environment, answer every command. Null when the daemon answered (any AGIIDENT_STATUS), else why not.
    /// </summary>
    public async Task<string?> RunAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        if (EndPoint() is not { } listening)
        {
            return "the FastAGI port is not bound";
        }

        var target = Target(listening);
        var dialogue = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var player = new AsteriskPlayer(dialogue);
        var closed = await player.PlayAsync(
            target.Address.ToString(),
            target.Port,
            $"{IdentScript.Name}?{Option}={Token}",
            CallerNumber,
            string.Empty,
            string.Empty,
            deadline,
            cancellationToken).ConfigureAwait(false);
        if (closed && player.Variables.ContainsKey(VariableNames.Status))
        {
            return null;
        }

        var lines = dialogue.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.LastOrDefault(l => l.StartsWith("--", StringComparison.Ordinal)) ?? "no answer";
        return closed ? $"{target}: the session closed without {VariableNames.Status}" : $"{target}: {last.TrimStart('-', ' ')}";
    }
}
