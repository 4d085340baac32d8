namespace AgiIdent.Hosting;

/// <summary>Who started the daemon and so how it reports its state.</summary>
public enum ServiceManager
{
    /// <summary>A terminal, a container or any supervisor that only watches the process: Ctrl+C and SIGTERM stop it.</summary>
    Console,

    /// <summary>systemd with <c>Type=notify</c>: READY=1, STOPPING=1 and, with <c>WatchdogSec=</c>, WATCHDOG=1.</summary>
    Systemd,

    /// <summary>The Windows service control manager.</summary>
    WindowsService,
}
