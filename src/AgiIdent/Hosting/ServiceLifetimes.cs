using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Hosting.WindowsServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.EventLog;

namespace AgiIdent.Hosting;

/// <summary>
/// Chooses the host lifetime for the service manager that started the process; one binary serves all three.
/// </summary>
public static class ServiceLifetimes
{
    /// <summary>The name the Windows event log source and the service are registered under (README, "Windows").</summary>
    public const string WindowsServiceName = "AgiIdent";

    /// <summary>The service manager of this process.</summary>
    public static ServiceManager Current { get; } = Choose(
        OperatingSystem.IsWindows(),
        OperatingSystem.IsWindows() && WindowsServiceHelpers.IsWindowsService(),
        Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    /// <summary>
    /// The choice itself. systemd's notification protocol is defined by <c>$NOTIFY_SOCKET</c> alone (sd_notify(3): a
    /// process notifies when the variable is set and does nothing otherwise), so that is what selects the systemd
    /// lifetime here. <c>UseSystemd()</c> of Microsoft.Extensions.Hosting.Systemd 10.0 asks instead whether the parent
    /// process is named "systemd" (SystemdHelpers.IsSystemdService in dotnet/runtime,
    /// src/libraries/Microsoft.Extensions.Hosting.Systemd/src/SystemdHelpers.cs); later versions also accept
    /// <c>$NOTIFY_SOCKET</c>, as this does. The Windows test is the library's own: the parent is services.exe.
    /// </summary>
    public static ServiceManager Choose(bool isWindows, bool isWindowsService, string? notifySocket)
    {
        if (isWindows)
        {
            return isWindowsService ? ServiceManager.WindowsService : ServiceManager.Console;
        }

        return string.IsNullOrEmpty(notifySocket) ? ServiceManager.Console : ServiceManager.Systemd;
    }

    /// <summary>
    /// The interval between keep-alive pings asked for by <c>$WATCHDOG_USEC</c> (set by systemd from
    /// <c>WatchdogSec=</c>): half of it, as sd_watchdog_enabled(3) recommends; null when no watchdog is asked for,
    /// or when <c>$WATCHDOG_PID</c> names another process (the variables were inherited, not meant for us).
    /// </summary>
    public static TimeSpan? WatchdogInterval(string? watchdogUsec, string? watchdogPid, int processId)
    {
        if (string.IsNullOrEmpty(watchdogUsec)
            || !long.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
            || microseconds <= 0)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(watchdogPid)
            && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(microseconds / 2.0);
    }

    /// <summary>
    /// Registers the lifetime of <paramref name="manager"/>: systemd's notify lifetime (READY=1 when the host has
    /// started, STOPPING=1 when it begins to stop) and the watchdog; or the Windows service lifetime with the event log
    /// and a log file; or nothing (the console lifetime the host has by default).
    /// </summary>
    internal static void Configure(IServiceCollection services, ILoggingBuilder logging, ServiceManager manager, TimeSpan? watchdogInterval)
    {
        switch (manager)
        {
            case ServiceManager.Systemd:
                // What AddSystemd() registers when it detects systemd (SystemdHostBuilderExtensions.AddSystemdLifetime in
                // dotnet/runtime): the notifier and the lifetime, which notifies READY=1 on ApplicationStarted and
                // STOPPING=1 on ApplicationStopping (SystemdLifetime.cs). The host fires ApplicationStarted only after
                // every hosted service has started (Microsoft.Extensions.Hosting/src/Internal/Host.cs, StartAsync), Kestrel
                // among them with both ports bound, and the directory's own hosted services (AddDirectory), which start
                // before Kestrel's, have loaded it by then: READY=1 therefore means "answering".
                services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
                services.AddSingleton<IHostLifetime, SystemdLifetime>();
                if (watchdogInterval is { } interval)
                {
                    services.AddSingleton(new WatchdogSettings(interval));
                    services.AddHostedService<SystemdWatchdog>();
                }

                break;
            case ServiceManager.WindowsService:
                // What AddWindowsService() registers when it runs under the service control manager
                // (WindowsServiceLifetimeHostBuilderExtensions in dotnet/runtime): the lifetime and the event log
                // provider with a source name. Decided here, with systemd's, so that one tested function chooses.
#pragma warning disable CA1416 // Only chosen on Windows (Choose).
                services.AddSingleton<IHostLifetime, WindowsServiceLifetime>();
                logging.AddEventLog();
                services.Configure<EventLogSettings>(settings => settings.SourceName = WindowsServiceName);
                // The event log gets what needs an admin's eye; every call line goes to the log file.
                logging.AddFilter<EventLogLoggerProvider>(level => level >= LogLevel.Warning);
#pragma warning restore CA1416
                break;
            case ServiceManager.Console:
            default:
                break;
        }
    }
}
