using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using AgiIdent.Tests.Cli;
using AgiIdent.Tests.Server;

namespace AgiIdent.Tests.Deployment;

/// <summary>
/// The real executable under systemd's notification protocol, with the test in systemd's place: a Unix datagram socket
/// named by <c>NOTIFY_SOCKET</c>, and <c>WATCHDOG_USEC</c> as <c>WatchdogSec=</c> sets it (systemd.service(5)).
/// </summary>
public sealed class SystemdNotifyTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Ready_ComesOnlyOnceBothPortsAnswer_WatchdogIsFed_AndSigtermSaysStopping()
    {
        using var systemd = new NotifySocket();
        var fastAgi = LoopbackPort.Free();
        var http = LoopbackPort.Free();
        using var daemon = AgiIdentProcess.Start(["serve"], new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = systemd.Path,
            ["WATCHDOG_USEC"] = "2000000",
            ["AgiIdent__Listen"] = $"127.0.0.1:{fastAgi}",
            ["AgiIdent__Http"] = $"127.0.0.1:{http}",
        });

        var ready = await systemd.WaitForAsync("READY=1", StartLimit, daemon);
        Assert.DoesNotContain(ready.Before, m => m.Contains("WATCHDOG=1", StringComparison.Ordinal));

        // Right after READY=1, without retrying: the FastAGI port answers from the loaded directory, the HTTP port
        // reports ready. Sent any earlier (before Kestrel binds, or before the directory is loaded) this fails.
        var variables = await FakeAsterisk.CallAsync(new IPEndPoint(IPAddress.Loopback, fastAgi), "0441234567");
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            var health = await client.GetAsync(new Uri($"http://127.0.0.1:{http}/health/ready"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // Every half WATCHDOG_USEC (1 s) a ping, each after an answered self-call.
        await systemd.WaitForAsync("WATCHDOG=1", StartLimit, daemon);
        await systemd.WaitForAsync("WATCHDOG=1", StartLimit, daemon);
        Assert.Contains("systemd watchdog: WatchdogSec=2 s", daemon.Output, StringComparison.Ordinal);
        // The self-calls are not calls: only the test's own call is logged as one.
        Assert.Single(daemon.Output.Split('\n'), l => l.Contains("] Call ", StringComparison.Ordinal));

        daemon.Terminate();
        await systemd.WaitForAsync("STOPPING=1", StartLimit, daemon, exitAllowed: true);
        await daemon.WaitForExitAsync(StartLimit);
        Assert.Equal(0, daemon.ExitCode);
    }

    [Fact]
    public async Task Watchdog_IsNotFed_WhileNoCallerCouldBeServed_AndResumesAfter()
    {
        using var systemd = new NotifySocket();
        var fastAgi = LoopbackPort.Free();
        var server = new IPEndPoint(IPAddress.Loopback, fastAgi);
        using var daemon = AgiIdentProcess.Start(["serve"], new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = systemd.Path,
            ["WATCHDOG_USEC"] = "4000000",
            ["AgiIdent__Listen"] = $"127.0.0.1:{fastAgi}",
            ["AgiIdent__MaxSessions"] = "2",
            // Each wait for Asterisk may last this long: sessions whose peer goes silent hold their slot for 20 s.
            ["AgiIdent__SessionBudgetMs"] = "20000",
        });
        await systemd.WaitForAsync("READY=1", StartLimit, daemon);
        await systemd.WaitForAsync("WATCHDOG=1", StartLimit, daemon);

        // Two callers whose Asterisk stops answering take both slots: what a call path stuck in every session looks
        // like from outside. Each holds once AgiIdent has sent it its first command (admitted, not told "busy").
        var holders = new List<FakeAsterisk>();
        try
        {
            while (holders.Count < 2)
            {
                var holder = await FakeAsterisk.ConnectAsync(server);
                await holder.SendAsync(Encoding.UTF8.GetBytes(FakeAsterisk.Environment("0441234567")));
                var first = await holder.ReadCommandAsync(TimeSpan.FromSeconds(30));
                if (first is not null && first.Contains("FOUND", StringComparison.Ordinal))
                {
                    holders.Add(holder);
                }
                else
                {
                    // A self-call had a slot at that moment; this one was told ERROR (busy). Try again.
                    await holder.DisposeAsync();
                }
            }

            var held = Stopwatch.StartNew();
            systemd.Clear();
            // A self-call already past the gate may still ping once; after that, three whole intervals (2 s) of silence.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            systemd.Clear();
            await Task.Delay(TimeSpan.FromSeconds(6));
            Assert.True(held.Elapsed < TimeSpan.FromSeconds(18), "the held sessions must still hold (the machine is too slow for this check)");
            Assert.DoesNotContain("WATCHDOG=1", systemd.Received());
            await daemon.WaitForOutputAsync("systemd watchdog: the self-check call was not answered", StartLimit);
        }
        finally
        {
            foreach (var holder in holders)
            {
                await holder.DisposeAsync();
            }
        }

        // The callers hang up: slots free, the self-call is answered, the watchdog is fed again.
        await systemd.WaitForAsync("WATCHDOG=1", StartLimit, daemon);
        await daemon.WaitForOutputAsync("self-check call is answered again; WATCHDOG=1 resumed", StartLimit);
        daemon.Terminate();
        await daemon.WaitForExitAsync(StartLimit);
    }

    [Fact]
    public async Task WithoutNotifySocket_NothingIsSent_AndTheConsoleLifetimeStopsOnSigterm()
    {
        // WATCHDOG_USEC alone (inherited, say) is no reason to call ourselves: the watchdog needs systemd's socket.
        using var daemon = AgiIdentProcess.Start(["serve"], new Dictionary<string, string>
        {
            ["WATCHDOG_USEC"] = "2000000",
            ["AgiIdent__Listen"] = "127.0.0.1:0",
        });
        await daemon.WaitForOutputAsync("listening for FastAGI", StartLimit);
        Assert.DoesNotContain("systemd watchdog", daemon.Output, StringComparison.Ordinal);
        daemon.Terminate();
        await daemon.WaitForExitAsync(StartLimit);
        Assert.Equal(0, daemon.ExitCode);
    }

    /// <summary>systemd's end of sd_notify(3): a datagram socket; each datagram is one or more VAR=VALUE lines.</summary>
    private sealed class NotifySocket : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();
        private readonly List<string> _received = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reader;

        public NotifySocket()
        {
            // sun_path holds 108 bytes: a short name in /tmp.
            Path = System.IO.Path.Combine("/tmp", "agiident-notify-" + Guid.NewGuid().ToString("N")[..12]);
            _socket.Bind(new UnixDomainSocketEndPoint(Path));
            _reader = Task.Run(ReadAsync);
        }

        public string Path { get; }

        /// <summary>Messages received since the last <see cref="Clear"/>.</summary>
        public IReadOnlyList<string> Received()
        {
            lock (_received)
            {
                return [.. _received];
            }
        }

        public void Clear()
        {
            lock (_received)
            {
                _received.Clear();
            }
        }

        /// <summary>Waits for a datagram holding <paramref name="message"/>; returns the ones that came before it.</summary>
        public async Task<(string Message, IReadOnlyList<string> Before)> WaitForAsync(string message, TimeSpan timeout, AgiIdentProcess daemon, bool exitAllowed = false)
        {
            var before = new List<string>();
            using var deadline = new CancellationTokenSource(timeout);
            while (true)
            {
                string next;
                try
                {
                    using var poll = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                    poll.CancelAfter(TimeSpan.FromMilliseconds(250));
                    next = await _messages.Reader.ReadAsync(poll.Token);
                }
                catch (OperationCanceledException)
                {
                    var exited = !exitAllowed && HasExited(daemon);
                    if (deadline.IsCancellationRequested || exited)
                    {
                        throw new TimeoutException($"'{daemon.Command}': no {message} on NOTIFY_SOCKET{(exited ? " before the process exited" : $" within {timeout.TotalSeconds:0} s")}; got [{string.Join(", ", before)}]. Output:\n{daemon.Output}\nError:\n{daemon.Error}");
                    }

                    continue;
                }

                if (next.Split('\n').Contains(message))
                {
                    return (next, before);
                }

                before.Add(next);
            }
        }

        private static bool HasExited(AgiIdentProcess daemon)
        {
            try
            {
                return Process.GetProcessById(daemon.Id).HasExited;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }

        private async Task ReadAsync()
        {
            var buffer = new byte[4096];
            while (!_stop.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, length);
                lock (_received)
                {
                    _received.Add(text);
                }

                _messages.Writer.TryWrite(text);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
            try
            {
                _reader.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The reader ends with the socket.
            }

            File.Delete(Path);
            _stop.Dispose();
        }
    }
}
