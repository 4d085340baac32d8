using AgiIdent.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace AgiIdent.Hosting;

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

    [LoggerMessage(LogEventId.WatchdogStarted, LogLevel.Information, "systemd watchdog: WatchdogSec={WatchdogSeconds:0.###} s; the daemon calls itself over FastAGI every {IntervalSeconds:0.###} s and sends WATCHDOG=1 only when answered")]
    private static partial void Started(ILogger logger, double watchdogSeconds, double intervalSeconds);

    [LoggerMessage(LogEventId.WatchdogCheckFailed, LogLevel.Error, "systemd watchdog: the self-check call was not answered ({Reason}); WATCHDOG=1 is withheld, so systemd restarts the daemon unless it recovers within WatchdogSec")]
    private static partial void CheckFailed(ILogger logger, string reason);

    [LoggerMessage(LogEventId.WatchdogRecovered, LogLevel.Information, "systemd watchdog: the self-check call is answered again; WATCHDOG=1 resumed")]
    private static partial void Recovered(ILogger logger);
}
