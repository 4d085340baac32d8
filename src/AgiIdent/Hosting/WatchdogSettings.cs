namespace AgiIdent.Hosting;

/// <summary>How often the systemd watchdog is fed: half of <c>WATCHDOG_USEC</c>.</summary>
public sealed record WatchdogSettings(TimeSpan Interval);
