using System.Net;
using System.Security.Cryptography;
using AgiIdent.Agi;
using AgiIdent.CallerId;
using AgiIdent.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace AgiIdent.Hosting;

/// <summary>How often the systemd watchdog is fed: half of <c>WATCHDOG_USEC</c>.</summary>
public sealed record WatchdogSettings(TimeSpan Interval);

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
        if (closed && player.Variables.ContainsKey(ContractVariables.Status))
        {
            return null;
        }

        var lines = dialogue.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.LastOrDefault(l => l.StartsWith("--", StringComparison.Ordinal)) ?? "no answer";
        return closed ? $"{target}: the session closed without {ContractVariables.Status}" : $"{target}: {last.TrimStart('-', ' ')}";
    }
}

/// <summary>
/// Feeds systemd's watchdog (<c>WatchdogSec=</c>) only while the daemon answers FastAGI: every half
/// <c>WATCHDOG_USEC</c> it calls itself over loopback (<see cref="SelfCheck"/>) and sends WATCHDOG=1 only when that call
/// was answered. A frozen process sends nothing, and neither does one whose accept loop or call path no longer serves
/// a caller; systemd then kills it (<c>WatchdogSignal=</c>, SIGABRT by default) and <c>Restart=on-failure</c> starts
/// a new one (systemd.service(5), WatchdogSec=).
/// </summary>
public sealed partial class SystemdWatchdog(
    WatchdogSettings settings,
    SelfCheck check,
    ISystemdNotifier notifier,
    IHostApplicationLifetime lifetime,
    ILogger<SystemdWatchdog> logger) : BackgroundService
{
    /// <summary>
    /// The keep-alive message of sd_notify(3). ServiceState(string) sends its text as the datagram unchanged
    /// (ServiceState.cs and SystemdNotifier.Notify in dotnet/runtime, src/libraries/Microsoft.Extensions.Hosting.Systemd).
    /// </summary>
    public static readonly ServiceState Alive = new("WATCHDOG=1");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The watchdog runs from READY=1 on (systemd.service(5)): start checking once the host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        // Half the interval for the check itself: a check that takes longer has failed, and the gap between two pings
        // stays under three quarters of WatchdogSec.
        var deadline = settings.Interval / 2;
        Started(logger, settings.Interval.TotalSeconds * 2, settings.Interval.TotalSeconds);
        using var timer = new PeriodicTimer(settings.Interval);
        string? failing = null;
        do
        {
            string? failure;
            try
            {
                failure = await check.RunAsync(deadline, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                failure = e.Message;
            }

            if (failure is null)
            {
                notifier.Notify(Alive);
                if (failing is not null)
                {
                    Recovered(logger);
                    failing = null;
                }
            }
            else if (failing is null)
            {
                failing = failure;
                CheckFailed(logger, failure);
            }
        }
        while (await NextAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(901, LogLevel.Information, "systemd watchdog: WatchdogSec={WatchdogSeconds:0.###} s; the daemon calls itself over FastAGI every {IntervalSeconds:0.###} s and sends WATCHDOG=1 only when answered")]
    private static partial void Started(ILogger logger, double watchdogSeconds, double intervalSeconds);

    [LoggerMessage(902, LogLevel.Error, "systemd watchdog: the self-check call was not answered ({Reason}); WATCHDOG=1 is withheld, so systemd restarts the daemon unless it recovers within WatchdogSec")]
    private static partial void CheckFailed(ILogger logger, string reason);

    [LoggerMessage(903, LogLevel.Information, "systemd watchdog: the self-check call is answered again; WATCHDOG=1 resumed")]
    private static partial void Recovered(ILogger logger);
}
