using System.Text;
using AgiIdent.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AgiIdent.Tests.Server;

/// <summary>The answer over real TCP: one round trip, most important first, and a budget that waits for a stalled Asterisk but never cuts a steady one.</summary>
[Collection(TimedBursts.Name)]
public sealed class AnswerDeliveryTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, string?> VipRules = new()
    {
        ["AgiIdent:Rules:0:Name"] = "vip",
        ["AgiIdent:Rules:0:When"] = "flags has 'VIP'",
        ["AgiIdent:Rules:0:Set:AGIIDENT_ROUTE"] = "vip",
        ["AgiIdent:Rules:0:Set:CDR(userfield)"] = "vip-{code}",
    };

    [Theory]
    [InlineData("Array")]
    [InlineData("Single")]
    public async Task BurstOf200_AgainstAnAsteriskAnsweringEachCommandAfter5Ms_DeliversEveryVariable(string commands)
    {
        // The default budget; 200 sessions of up to 16 slow round trips each outlast it, and it must not cut a peer that answers.
        await using var server = await TestServer.StartAsync(new(VipRules)
        {
            ["AgiIdent:SessionBudgetMs"] = "300",
            ["AgiIdent:Protocol:Commands"] = commands,
        });
        // The 200 calls and the server share this process: let the server's continuations not wait for the pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        var calls = Enumerable.Range(0, 200).Select(_ => SlowCallAsync(server, TimeSpan.FromMilliseconds(5))).ToArray();

        var results = await Task.WhenAll(calls);

        Assert.All(results, variables =>
        {
            Assert.Equal(16, variables.Count);
            Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
            Assert.Equal("vip", variables["AGIIDENT_ROUTE"]);
            Assert.Equal("snapshot", variables["AGIIDENT_SOURCE"]);
        });
        Assert.Equal(0, Cut(server));
    }

    [Fact]
    public async Task FoundCaller_IsOneCommand_OrderedStatusRouteRulesScreenManagerThenTheRest()
    {
        await using var server = await TestServer.StartAsync(new(VipRules));
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
        await fake.AnswerAllAsync();

        var command = Assert.Single(fake.Commands);
        Assert.Equal(
            ["AGIIDENT_STATUS", "AGIIDENT_ROUTE", "CDR(userfield)", "CALLERID(name)", "AGIIDENT_MANAGER_EXT", "AGIIDENT_NUMBER"],
            FakeAsterisk.SetVariable(command).Take(6).Select(v => v.Key));
    }

    [Theory]
    [InlineData("0445550000", "NOTFOUND")]
    [InlineData("unknown", "ANONYMOUS")]
    public async Task NotFoundAndAnonymous_AreOneCommand(string callerId, string status)
    {
        await using var server = await TestServer.StartAsync();
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment(callerId));
        var variables = await fake.AnswerAllAsync();

        Assert.Single(fake.Commands);
        Assert.Equal(status, variables["AGIIDENT_STATUS"]);
    }

    [Fact]
    public async Task RingingPhone_IsItsGetVariablePlusOne()
    {
        await using var server = await TestServer.StartAsync();
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0443334455", "ident?for=101"));
        var variables = await fake.AnswerAllAsync(channel: new Dictionary<string, string> { ["CONNECTEDLINE(num)"] = "0445550101" });

        Assert.Equal(2, fake.Commands.Count);
        Assert.Equal("GET VARIABLE CONNECTEDLINE(num)", fake.Commands[0]);
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
        Assert.Equal("$* ТОВ \"Тест-Сервіс\"", variables["CONNECTEDLINE(name,i)"]);
    }

    [Fact]
    public async Task StalledAfterTheFirstReply_IsClosedInTime_AndRecordedAsCut()
    {
        await using var server = await TestServer.StartAsync(new(VipRules)
        {
            ["AgiIdent:SessionBudgetMs"] = "200",
            ["AgiIdent:Protocol:Commands"] = "Single",
        });
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
        Assert.Equal("SET VARIABLE AGIIDENT_STATUS \"FOUND\"", await fake.ReadCommandAsync(Generous));
        await fake.SendAsync("200 result=1\n");
        Assert.Equal("SET VARIABLE AGIIDENT_ROUTE \"vip\"", await fake.ReadCommandAsync(Generous));

        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(await fake.ReadCommandAsync(Generous));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"closed after {started.Elapsed.TotalMilliseconds:0} ms");
        await WaitForAsync(() => Cut(server) == 1);
    }

    /// <summary>
    /// One call on its own thread with blocking sockets, answering each command <paramref name="delay"/> after reading
    /// it: 200 of them must not wait for the thread pool the server runs on, or the fake, not the server, is slow.
    /// </summary>
    private static Task<Dictionary<string, string>> SlowCallAsync(TestServer server, TimeSpan delay) =>
        Task.Factory.StartNew(
            () =>
            {
                using var client = new System.Net.Sockets.TcpClient { NoDelay = true };
                client.Connect(server.EndPoint);
                client.ReceiveTimeout = (int)Generous.TotalMilliseconds;
                var stream = client.GetStream();
                stream.Write(Encoding.UTF8.GetBytes(FakeAsterisk.Environment("0445550101")));
                var variables = new Dictionary<string, string>(StringComparer.Ordinal);
                var pending = new List<byte>();
                var buffer = new byte[8192];
                while (true)
                {
                    var lineFeed = pending.IndexOf((byte)'\n');
                    if (lineFeed >= 0)
                    {
                        var command = Encoding.UTF8.GetString([.. pending.GetRange(0, lineFeed)]);
                        pending.RemoveRange(0, lineFeed + 1);
                        foreach (var (name, value) in FakeAsterisk.SetVariable(command))
                        {
                            variables[name] = value;
                        }

                        Thread.Sleep(delay);
                        stream.Write("200 result=1\n"u8);
                        continue;
                    }

                    var read = stream.Read(buffer);
                    if (read == 0)
                    {
                        return variables;
                    }

                    pending.AddRange(buffer.AsSpan(0, read).ToArray());
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>What <c>agiident_sessions_cut_total</c> reports.</summary>
    private static long Cut(TestServer server) => server.Host.Services.GetRequiredService<CallMetrics>().Cut;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
