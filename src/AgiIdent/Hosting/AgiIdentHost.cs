using System.Globalization;
using System.Net;
using AgiIdent.CallerId;
using AgiIdent.Contract;
using AgiIdent.Diagnostics;
using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Numbering;
using AgiIdent.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Connections;
using AgiIdent.Rules;
using Serilog;
using Serilog.Settings.Configuration;
using Log = AgiIdent.Diagnostics.Log;
using AgiIdent.Settings;

namespace AgiIdent.Hosting;

/// <summary>The daemon: Kestrel hosting the FastAGI connection handler, with logging and the directory.</summary>
public sealed class AgiIdentHost : IAsyncDisposable
{
    /// <summary>Pending connections the kernel may queue; a backlog of 5 drops calls in a burst.</summary>
    public const int ListenBacklog = 1024;

    private readonly WebApplication _app;
    private readonly ListenOptions _listen;
    private readonly ListenOptions? _http;

    private AgiIdentHost(WebApplication app, ListenOptions listen, ListenOptions? http)
    {
        _app = app;
        _listen = listen;
        _http = http;
    }

    /// <summary>The HTTP monitoring address actually bound; null when <c>AgiIdent:Http</c> is empty.</summary>
    public IPEndPoint? HttpEndPoint => _http?.IPEndPoint;

    /// <summary>The address actually bound (the real port when <c>AgiIdent:Listen</c> asked for port 0).</summary>
    public IPEndPoint EndPoint => _listen.IPEndPoint ?? throw new InvalidOperationException("not listening on an IP endpoint");

    /// <summary>The services, for tests and diagnostics.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds the daemon from configuration; throws <see cref="ConfigurationErrorsException"/> naming each bad key.
    /// <paramref name="configureServices"/> may replace services (tests use it to slow the directory down).
    /// </summary>
    public static AgiIdentHost Create(IConfiguration configuration, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = AgiIdentConfiguration.Bind(configuration);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        var manager = ServiceLifetimes.Current;
        builder.Logging.AddSerilog(CreateLogger(configuration, manager), dispose: true);
        var watchdog = manager == ServiceManager.Systemd
            ? ServiceLifetimes.WatchdogInterval(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId)
            : null;
        var selfCheck = new SelfCheck();
        if (watchdog is not null && SelfCheck.Target(options.ListenEndPoint) is var own && !new ClientFilter(options.AllowedNetworks).IsAllowed(own))
        {
            throw new ConfigurationErrorsException($"AgiIdent:AllowedClients: the systemd watchdog (WatchdogSec=) calls the daemon from {own.Address}; add {own.Address}/{(own.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)} or remove WatchdogSec= from the unit");
        }

        builder.Services.AddSingleton(selfCheck);
        ServiceLifetimes.Configure(builder.Services, builder.Logging, manager, watchdog);

        var numbers = options.CreateNumberParser();
        builder.Services.AddAgiIdentOptions(configuration);
        builder.Services.AddSingleton(static sp => sp.GetRequiredService<IOptions<AgiIdentOptions>>().Value);
        builder.Services.AddSingleton(numbers);
        builder.AddDirectory(options.Directory, numbers, serving: true);
        builder.Services.AddSingleton(static sp => ScreenProfileFactory.Create(sp.GetRequiredService<IOptions<DisplayOptions>>().Value, sp.GetRequiredService<IOptions<NumberingOptions>>().Value));
        builder.Services.AddSingleton(static sp => RuleSet.Compile(sp.GetRequiredService<IOptions<RulesOptions>>().Value.Rules));
        builder.Services.AddSingleton<CallerIdentifier>();
        builder.Services.AddSingleton(sp => new IdentScript(
            sp.GetRequiredService<CallerIdentifier>(), sp.GetRequiredService<RuleSet>(), options.Protocol.Commands, sp.GetRequiredService<ILogger<IdentScript>>()));
        builder.Services.AddSingleton(new ClientFilter(options.AllowedNetworks));
        builder.Services.AddSingleton(new SessionGate(options.MaxSessions));
        builder.Services.AddSingleton<ISessionsInFlight>(static sp => sp.GetRequiredService<SessionGate>());
        builder.Services.AddSingleton<CallMetrics>();
        if (options.HttpEndPoint is not null)
        {
            DaemonMetrics.AddTo(builder.Services);
            // Resolved when asked: a test may replace the directory after this.
            builder.Services.AddSingleton<IDirectoryHealth>(static sp => new ObservedDirectory(sp.GetRequiredService<IPartyDirectory>() as IDirectoryHealth));
        }
        builder.AddSync(options.Sync);

        // Sessions end within their budget; give in-flight ones that long (and some) to finish on shutdown.
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromMilliseconds(options.SessionBudgetMs) + TimeSpan.FromSeconds(3));
        configureServices?.Invoke(builder.Services);

        builder.WebHost.UseSockets(sockets => sockets.Backlog = ListenBacklog);
        ListenOptions? listen = null;
        ListenOptions? http = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.ListenEndPoint, l =>
            {
                listen = l;
                l.UseConnectionHandler<AgiConnectionHandler>();
            });
            if (options.HttpEndPoint is { } httpEndPoint)
            {
                kestrel.Listen(httpEndPoint, l =>
                {
                    http = l;
                    l.Protocols = HttpProtocols.Http1;
                });
            }
        });

        var app = builder.Build();
        if (options.HttpEndPoint is not null)
        {
            HealthEndpoints.Map(app);
            DaemonMetrics.MapEndpoint(app);
        }

        // Kestrel reads its options while building; by now the listen callback has run.
        _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KestrelServerOptions>>().Value;
        var fastAgi = listen ?? throw new InvalidOperationException("Kestrel did not configure the FastAGI endpoint");
        selfCheck.EndPoint = () => fastAgi.IPEndPoint;
        return new AgiIdentHost(app, fastAgi, http);
    }

    /// <summary>
    /// Starts the directory's hosted services (it loads, checks or warms itself up), then binds the port and starts
    /// serving; logs the startup line.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<AgiIdentHost>();
        WarmUp();
        try
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (BindFailure(e) is { } socket)
        {
            throw new ConfigurationErrorsException(ListenFailure(e, socket));
        }
        catch (OptionsValidationException e)
        {
            // A setting found unusable while starting (the custom SQL of direct mode, checked against the database).
            throw new ConfigurationErrorsException([.. e.Failures]);
        }

        var directory = _app.Services.GetRequiredService<IPartyDirectory>();

        if (HttpEndPoint is { } httpEndPoint)
        {
            Log.Monitoring(logger, $"http://{httpEndPoint}");
        }
        var options = _app.Services.GetRequiredService<AgiIdentOptions>();
        var health = (directory as IDirectoryHealth)?.Health;
        Log.Started(
            logger,
            EndPoint.ToString(),
            directory.Description,
            health?.Parties ?? 0,
            health?.Numbers ?? 0,
            string.Join(", ", options.AllowedClients ?? [.. AgiIdentOptions.DefaultAllowedClients]));
    }

    /// <summary>The socket error under Kestrel's "Failed to bind to address" (an <see cref="IOException"/> wrapping it).</summary>
    private static System.Net.Sockets.SocketException? BindFailure(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }

    /// <summary>
    /// One line naming the key of the port that could not be opened. Kestrel names the address it failed on in its
    /// message (<c>Failed to bind to address http://127.0.0.1:4573: ...</c>), the form of <see cref="ListenOptions"/>.
    /// </summary>
    private string ListenFailure(IOException e, System.Net.Sockets.SocketException socket)
    {
        var options = _app.Services.GetRequiredService<AgiIdentOptions>();
        var (key, endPoint) = _http is not null && e.Message.Contains(_http + ":", StringComparison.Ordinal)
            ? ("AgiIdent:Http", options.HttpEndPoint!)
            : ("AgiIdent:Listen", options.ListenEndPoint);
        return socket.SocketErrorCode switch
        {
            System.Net.Sockets.SocketError.AddressAlreadyInUse =>
                $"{key}: {endPoint} is already in use by another program (another AgiIdent?); stop it or choose another port ('ss -ltnp' shows which process holds it)",
            System.Net.Sockets.SocketError.AccessDenied =>
                $"{key}: {endPoint} cannot be opened: permission denied (a port below 1024 needs CAP_NET_BIND_SERVICE); choose a port above 1023",
            System.Net.Sockets.SocketError.AddressNotAvailable =>
                $"{key}: {endPoint.Address} is not an address of this machine; use one it has, 127.0.0.1 or 0.0.0.0",
            _ => $"{key}: cannot listen on {endPoint}: {socket.Message}",
        };
    }

    /// <summary>
    /// Runs the call path once before the port opens, so the first caller does not pay for compiling it. The
    /// directory itself is left alone: it may be slow or down, and startup must not wait for it.
    /// </summary>
    private void WarmUp()
    {
        var numbers = _app.Services.GetRequiredService<NumberParser>();
        var caller = numbers.ReadCaller("+380441234567")!;
        var e164 = caller.E164;
        var party = new Party("warm-up", "0", PartyKind.Company, "Товариство з обмеженою відповідальністю \"Прогрів\"", null, ["VIP"], 1m,
            new Manager("Прогрів Петро Петрович", "100"), "uk", null, new Dictionary<string, string>(), false,
            [new PartyPhone(string.Empty, null, "Прогрів Петро Петрович", [])]);
        var match = new PartyMatch(party, party.Phones[0]);
        var screens = _app.Services.GetRequiredService<ScreenProfiles>();
        var screen = ScreenComposer.Compose(screens.Default, match, 2, caller);
        // A {place} in the unknown-caller template loads the geocoder's data here, not on a caller's time.
        _ = ScreenComposer.ComposeUnknown(screens.Default, caller);
        var identification = new Identification(IdentStatus.Found, e164, [match, match], ContractText.Snapshot, screen);
        var options = _app.Services.GetRequiredService<AgiIdentOptions>();
        _ = CallAnswer.ForCaller(identification, _app.Services.GetRequiredService<RuleSet>(), e164, string.Empty, new Dictionary<string, string>(), options.Protocol.Commands).Commands;
    }

    /// <summary>Stops accepting, lets sessions in flight finish, then stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var inFlight = _app.Services.GetRequiredService<SessionGate>().InFlight;
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        Log.Stopped(_app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<AgiIdentHost>(), inFlight);
    }

    /// <summary>Runs until SIGTERM or Ctrl+C, then drains.</summary>
    public async Task RunAsync()
    {
        try
        {
            await StartAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Told to stop while the directory was still loading: the host cancels the start; nothing was served.
            return;
        }

        await _app.WaitForShutdownAsync().ConfigureAwait(false);
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<AgiIdentHost>();
        Log.Stopped(logger, _app.Services.GetRequiredService<SessionGate>().InFlight);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The host's "Hosting failed to start" (event HostedServiceStartupFaulted of Microsoft.Extensions.Hosting's Host)
    /// for a start that SIGTERM or Ctrl+C cancelled: the host links its start to ApplicationStopping, so a directory
    /// still loading then ends with <see cref="OperationCanceledException"/>.
    /// </summary>
    private static bool IsCancelledStart(Serilog.Events.LogEvent e) =>
        e.Exception is OperationCanceledException
        && e.Properties.TryGetValue("EventId", out var id)
        && id is Serilog.Events.StructureValue { Properties: var fields }
        && fields.Any(static f => f is { Name: "Name", Value: Serilog.Events.ScalarValue { Value: "HostedServiceStartupFaulted" } });

    /// <summary>The daemon's log line: what <c>agiident import</c> and <c>sync</c> write too.</summary>
    internal const string LogTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The daemon's Serilog logger from the <c>Serilog</c> section, or the console in <see cref="LogTemplate"/>; a
    /// section Serilog cannot use is a configuration error. As a Windows service every line also goes to a daily file.
    /// </summary>
    internal static Serilog.Core.Logger CreateLogger(IConfiguration configuration, ServiceManager manager = ServiceManager.Console)
    {
        try
        {
            var logger = new LoggerConfiguration()
                .ReadFrom.Configuration(configuration, new ConfigurationReaderOptions(typeof(ConsoleLoggerConfigurationExtensions).Assembly))
                .Enrich.FromLogContext()
                // A port that cannot be opened, or a setting refused while starting, is reported in one line naming its key
                // (ListenFailure, StartAsync), not as the host's stack trace; nor is a start cancelled by SIGTERM (RunAsync).
                .Filter.ByExcluding(static e => e.Exception is IOException io && BindFailure(io) is not null || e.Exception is OptionsValidationException || IsCancelledStart(e));
            if (!configuration.GetSection("Serilog:WriteTo").Exists())
            {
                logger.WriteTo.Console(outputTemplate: LogTemplate, formatProvider: CultureInfo.InvariantCulture);
            }

            if (manager == ServiceManager.WindowsService)
            {
                // A service has no console: every line also goes to a daily file under %ProgramData%\AgiIdent\logs (README, "Windows").
                logger.WriteTo.File(
                    Path.Combine(AgiIdentPaths.StateDirectory, "logs", "agiident-.log"),
                    outputTemplate: LogTemplate,
                    formatProvider: CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 31);
            }

            return logger.CreateLogger();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or System.Reflection.TargetInvocationException)
        {
            throw new ConfigurationErrorsException($"Serilog: {(e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message)}");
        }
    }
}
