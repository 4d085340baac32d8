using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Hosting.WindowsServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.EventLog;
using Microsoft.Extensions.Options;

namespace AgiIdent.Tests.Deployment;

/// <summary>One binary, three service managers: which lifetime the host gets, and what comes with it.</summary>
public sealed class ServiceLifetimesTests
{
    [Theory]
    [InlineData(true, true, null, ServiceManager.WindowsService)]
    [InlineData(true, true, "/run/systemd/notify", ServiceManager.WindowsService)]
    [InlineData(true, false, null, ServiceManager.Console)]
    [InlineData(false, false, "/run/systemd/notify", ServiceManager.Systemd)]
    [InlineData(false, false, "@/org/freedesktop/systemd1/notify", ServiceManager.Systemd)]
    [InlineData(false, false, "", ServiceManager.Console)]
    [InlineData(false, false, null, ServiceManager.Console)]
    public void Choose_FollowsTheServiceManagerThatStartedTheProcess(bool isWindows, bool isWindowsService, string? notifySocket, ServiceManager expected) =>
        Assert.Equal(expected, ServiceLifetimes.Choose(isWindows, isWindowsService, notifySocket));

    [Fact]
    public void OnLinux_TheProcessIsNeverAWindowsService()
    {
        Assert.False(WindowsServiceHelpers.IsWindowsService());
        var expected = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")) ? ServiceManager.Console : ServiceManager.Systemd;
        Assert.Equal(expected, ServiceLifetimes.Current);
    }

    [Theory]
    [InlineData("30000000", null, 15.0)]
    [InlineData("2000000", "4242", 1.0)]
    [InlineData("2000000", "1", null)]
    [InlineData("0", null, null)]
    [InlineData("soon", null, null)]
    [InlineData(null, null, null)]
    public void WatchdogInterval_IsHalfOfWatchdogUsec_ForThisProcessOnly(string? usec, string? pid, double? seconds) =>
        Assert.Equal(seconds is null ? (TimeSpan?)null : TimeSpan.FromSeconds(seconds.Value), ServiceLifetimes.WatchdogInterval(usec, pid, 4242));

    [Fact]
    public void WindowsService_GetsTheServiceLifetime_AndTheEventLogForWarnings()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => ServiceLifetimes.Configure(services, logging, ServiceManager.WindowsService, watchdogInterval: null));
        Assert.Equal(typeof(WindowsServiceLifetime), services.Last(d => d.ServiceType == typeof(IHostLifetime)).ImplementationType);
        Assert.Contains(services, d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(EventLogLoggerProvider));
        using var provider = services.BuildServiceProvider();
#pragma warning disable CA1416 // Only the options object is read; nothing touches the event log.
        Assert.Equal(ServiceLifetimes.WindowsServiceName, provider.GetRequiredService<IOptions<EventLogSettings>>().Value.SourceName);
#pragma warning restore CA1416
        var rule = provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules.Single(r => r.ProviderName == typeof(EventLogLoggerProvider).FullName);
        Assert.False(rule.Filter!(null, null, LogLevel.Information));
        Assert.True(rule.Filter!(null, null, LogLevel.Warning));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(ISystemdNotifier));
    }

    [Fact]
    public void Systemd_GetsTheNotifyLifetime_AndTheWatchdogOnlyWhenAskedFor()
    {
        var services = new ServiceCollection();
        ServiceLifetimes.Configure(services, new LoggingBuilder(services), ServiceManager.Systemd, TimeSpan.FromSeconds(10));
        Assert.Equal(typeof(SystemdLifetime), services.Last(d => d.ServiceType == typeof(IHostLifetime)).ImplementationType);
        Assert.Equal(typeof(SystemdNotifier), services.Single(d => d.ServiceType == typeof(ISystemdNotifier)).ImplementationType);
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SystemdWatchdog));

        var noWatchdog = new ServiceCollection();
        ServiceLifetimes.Configure(noWatchdog, new LoggingBuilder(noWatchdog), ServiceManager.Systemd, null);
        Assert.DoesNotContain(noWatchdog, d => d.ImplementationType == typeof(SystemdWatchdog));
    }

    [Fact]
    public async Task TheHost_OnLinux_RunsWithTheConsoleLifetime_OrSystemdsWhenNotifySocketIsSet()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgiIdent:Listen"] = "127.0.0.1:0",
            ["AgiIdent:Http"] = string.Empty,
        }).Build();
        await using var host = AgiIdentHost.Create(configuration);
        var expected = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")) ? typeof(ConsoleLifetime) : typeof(SystemdLifetime);
        Assert.IsType(expected, host.Services.GetRequiredService<IHostLifetime>());
        Assert.Empty(host.Services.GetServices<IHostedService>().OfType<SystemdWatchdog>());
    }

    private sealed class LoggingBuilder(IServiceCollection services) : ILoggingBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
