using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;

namespace AgiIdent.Tests.Server;

/// <summary>Whole calls over real TCP against the real daemon, with a scripted fake Asterisk.</summary>
public sealed class IdentSessionTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("Array", 1)]
    [InlineData("Single", 14)]
    public async Task FoundCaller_GetsEveryContractVariable_StatusFirst(string commands, int expectedCommands)
    {
        await using var server = await TestServer.StartAsync(new() { ["AgiIdent:Protocol:Commands"] = commands });
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
        var variables = await fake.AnswerAllAsync();

        Assert.True(fake.ClosedByServer);
        Assert.Equal(expectedCommands, fake.Commands.Count);
        Assert.Equal(("AGIIDENT_STATUS", "FOUND"), FakeAsterisk.SetVariable(fake.Commands[0])[0] is var (name, value) ? (name, value) : default);
        Assert.Equal(new Dictionary<string, string>
        {
            ["AGIIDENT_STATUS"] = "FOUND",
            ["CALLERID(name)"] = "$* ТОВ \"Тест-Сервіс\"",
            ["AGIIDENT_NUMBER"] = "380445550101",
            ["AGIIDENT_ID"] = "11111111-1111-4111-8111-111111111111",
            ["AGIIDENT_CODE"] = "T-001",
            ["AGIIDENT_NAME"] = "Товариство з обмеженою відповідальністю «Тест-Сервіс»",
            ["AGIIDENT_MANAGER"] = "Петренко Іван",
            ["AGIIDENT_MANAGER_EXT"] = "301",
            ["AGIIDENT_FLAGS"] = "VIP,Prepayment",
            ["AGIIDENT_DEBT"] = "1234.50",
            ["AGIIDENT_LANG"] = "uk",
            ["AGIIDENT_GREETING"] = "greetings/test",
            ["AGIIDENT_MATCHES"] = "1",
            ["AGIIDENT_SOURCE"] = "snapshot",
        }, variables);
    }

    [Theory]
    [InlineData("0445550101")]
    [InlineData("+380445550101")]
    [InlineData("380445550101")]
    [InlineData("00380445550101")]
    [InlineData("445550101")]
    public async Task TrunkFormats_FindThePartyStoredWithBracketsAndDashes(string callerId)
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, callerId);
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
        Assert.Equal("T-001", variables["AGIIDENT_CODE"]);
    }

    [Fact]
    public async Task ContactPersonPhone_SetsContact()
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0675550202");
        Assert.Equal("Сидоренко Ольга", variables["AGIIDENT_CONTACT"]);
    }

    [Fact]
    public async Task SharedNumber_RanksContactFirst_AndCountsLiveMatchesOnly()
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445550404");
        Assert.Equal("T-005", variables["AGIIDENT_CODE"]);
        // Three parties have the number; T-003 is marked deleted and a live one answers.
        Assert.Equal("2", variables["AGIIDENT_MATCHES"]);
    }

    [Fact]
    public async Task UnknownNumber_IsNotFound_WithoutTouchingTheCallerName()
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0449998877");
        Assert.Equal("NOTFOUND", variables["AGIIDENT_STATUS"]);
        Assert.Equal("380449998877", variables["AGIIDENT_NUMBER"]);
        Assert.Equal("0", variables["AGIIDENT_MATCHES"]);
        Assert.False(variables.ContainsKey("CALLERID(name)"));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("anonymous")]
    [InlineData("")]
    [InlineData("Restricted")]
    [InlineData("Private")]
    [InlineData("12")]
    public async Task WithheldNumber_IsAnonymous(string callerId)
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, callerId);
        Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "ANONYMOUS" }, variables);
    }

    [Fact]
    public async Task ScriptWithQueryOptions_IsIdent()
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445550101", "ident?tenant=kyiv&x=%D0%9A");
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
    }

    [Fact]
    public async Task UnknownScript_IsAnsweredError()
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445550101", "identify");
        Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "ERROR" }, variables);
    }

    [Fact]
    public async Task HostileNameInDirectory_NeverProducesASecondCommand()
    {
        await using var server = await TestServer.StartAsync();
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550303"));
        var variables = await fake.AnswerAllAsync();

        Assert.All(fake.Commands, command =>
        {
            var words = AsteriskCommandReader.ParseArgs(Utf8.Bytes(command)).Strings;
            Assert.Equal(4, words.Count);
            Assert.Equal("SET", words[0]);
        });
        // A line break is a space on the wire: "Evil\nEXEC" must not read "EvilEXEC".
        Assert.Equal("Evil EXEC Dial PJSIP/666 \"quoted\" \\ name", variables["AGIIDENT_NAME"]);
    }

    [Fact]
    public async Task HangupBeforeAReply_IsRecorded_AndEveryLaterReplyStaysInStep()
    {
        await using var server = await TestServer.StartAsync(new() { ["AgiIdent:Protocol:Commands"] = "Single" });
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
        var first = await fake.ReadCommandAsync(Generous);
        Assert.NotNull(first);
        await fake.SendAsync("HANGUP\n200 result=1\n");
        var second = await fake.ReadCommandAsync(Generous);
        Assert.StartsWith("SET VARIABLE CALLERID(name)", second, StringComparison.Ordinal);
        await fake.SendAsync("HANGUP\n100 result=0 Trying...\n200 result=1\n");
        var variables = await fake.AnswerAllAsync();
        Assert.Equal("snapshot", variables["AGIIDENT_SOURCE"]);
        Assert.Equal(14, fake.Commands.Count);
    }

    [Fact]
    public async Task ClientThatNeverReplies_IsClosedByTheBudget()
    {
        await using var server = await TestServer.StartAsync(new() { ["AgiIdent:SessionBudgetMs"] = "200" });
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
        Assert.NotNull(await fake.ReadCommandAsync(Generous));
        Assert.Null(await fake.ReadCommandAsync(Generous));
        Assert.True(fake.ClosedByServer);
        Assert.Single(fake.Commands);
    }

    [Fact]
    public async Task ClientThatDisconnectsMidSession_DoesNotHurtTheNextCall()
    {
        await using var server = await TestServer.StartAsync();
        await using (var fake = await FakeAsterisk.ConnectAsync(server.EndPoint))
        {
            await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
            Assert.NotNull(await fake.ReadCommandAsync(Generous));
            fake.Close();
        }

        await using (var half = await FakeAsterisk.ConnectAsync(server.EndPoint))
        {
            await half.SendAsync(FakeAsterisk.Environment("0445550101")[..100]);
            half.Close();
        }

        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
    }

    [Fact]
    public async Task ProtocolGarbage_IsClosedWithoutAnyCommand_AndTheServerGoesOn()
    {
        await using var server = await TestServer.StartAsync();
        await using (var fake = await FakeAsterisk.ConnectAsync(server.EndPoint))
        {
            await fake.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Assert.Null(await fake.ReadCommandAsync(Generous));
            Assert.Empty(fake.Commands);
        }

        await using (var fake = await FakeAsterisk.ConnectAsync(server.EndPoint))
        {
            await fake.SendAsync([0x00, 0xFF, 0x1B, 0x5B, 0x32, 0x4A, 0x0A, 0x0A]);
            Assert.Null(await fake.ReadCommandAsync(Generous));
        }

        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
    }

    [Fact]
    public async Task RefusedClient_IsClosedWithoutAnyCommand()
    {
        await using var server = await TestServer.StartAsync(new() { ["AgiIdent:AllowedClients:0"] = "10.20.30.0/24" });
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
        Assert.Null(await fake.ReadCommandAsync(Generous));
        Assert.Empty(fake.Commands);
    }

    [Fact]
    public async Task ThousandConcurrentSessions_AreAllAnswered()
    {
        await using var server = await TestServer.StartAsync(new() { ["AgiIdent:SessionBudgetMs"] = "10000" });
        var fakes = new List<FakeAsterisk>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
                fakes.Add(fake);
                await fake.SendAsync(FakeAsterisk.Environment("0445550101"));
            }

            // Every session has its first command out before any client replies: nobody waits for a worker.
            var firsts = await Task.WhenAll(fakes.Select(f => f.ReadCommandAsync(TimeSpan.FromSeconds(30))));
            Assert.All(firsts, first => Assert.Contains(new KeyValuePair<string, string>("CALLERID(name)", "$* ТОВ \"Тест-Сервіс\""), FakeAsterisk.SetVariable(first!)));
            await Task.WhenAll(fakes.Select(f => f.SendAsync("200 result=1\n")));
            await Task.WhenAll(fakes.Select(f => f.AnswerAllAsync(timeout: TimeSpan.FromSeconds(30))));
            Assert.All(fakes, fake => Assert.Single(fake.Commands));
        }
        finally
        {
            foreach (var fake in fakes)
            {
                await fake.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task BeyondMaxSessions_ACallGetsErrorAtOnce()
    {
        var directory = new ScriptedDirectory(delay: null);
        await using var server = await TestServer.StartAsync(
            new() { ["AgiIdent:MaxSessions"] = "2", ["AgiIdent:SessionBudgetMs"] = "30000" },
            services => services.AddSingleton<AgiIdent.Directory.IPartyDirectory>(directory));
        await using var first = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await using var second = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await first.SendAsync(FakeAsterisk.Environment("0445559999"));
        await second.SendAsync(FakeAsterisk.Environment("0445559999"));
        await WaitUntil(() => directory.Calls == 2);

        var stopwatch = Stopwatch.StartNew();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445559999");
        Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "ERROR" }, variables);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), "the third call waited for a slot");
        Assert.Equal(2, directory.Calls);
    }

    [Fact]
    public async Task DirectoryThatHangs_StillAnswersErrorWithinTheBudget()
    {
        var directory = new ScriptedDirectory(delay: null, ignoreCancellation: true);
        await using var server = await TestServer.StartAsync(
            new() { ["AgiIdent:SessionBudgetMs"] = "300" },
            services => services.AddSingleton<AgiIdent.Directory.IPartyDirectory>(directory));
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445559999");
        Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "ERROR" }, variables);
    }

    [Fact]
    public async Task DirectoryThatThrows_IsAnsweredError()
    {
        var directory = new ScriptedDirectory(delay: TimeSpan.FromMilliseconds(1), failure: new InvalidOperationException("db down"));
        await using var server = await TestServer.StartAsync(services: services => services.AddSingleton<AgiIdent.Directory.IPartyDirectory>(directory));
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445559999");
        Assert.Equal("ERROR", variables["AGIIDENT_STATUS"]);
    }

    [Fact]
    public async Task HangupDuringALookup_EndsTheSessionAtOnce_AndCancelsTheLookup()
    {
        var directory = new ScriptedDirectory(delay: null);
        await using var server = await TestServer.StartAsync(
            new() { ["AgiIdent:SessionBudgetMs"] = "60000" },
            services => services.AddSingleton<AgiIdent.Directory.IPartyDirectory>(directory));
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445559999"));
        await WaitUntil(() => directory.Calls == 1);
        await fake.SendAsync("HANGUP\n");

        Assert.Null(await fake.ReadCommandAsync(TimeSpan.FromSeconds(20)));
        Assert.Empty(fake.Commands);
        await WaitUntil(() => directory.Cancelled == 1);
    }

    [Fact]
    public async Task GracefulShutdown_FinishesSessionsInFlight_ThenRefusesNewOnes()
    {
        var directory = new ScriptedDirectory(delay: TimeSpan.FromMilliseconds(400));
        var server = await TestServer.StartAsync(
            new() { ["AgiIdent:SessionBudgetMs"] = "5000" },
            services => services.AddSingleton<AgiIdent.Directory.IPartyDirectory>(directory));
        await using (server)
        {
            var calls = Enumerable.Range(0, 5).Select(_ => FakeAsterisk.CallAsync(server.EndPoint, "0445559999")).ToArray();
            await WaitUntil(() => directory.Calls == 5);
            await server.StopAsync();

            foreach (var variables in await Task.WhenAll(calls))
            {
                Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
                Assert.Equal("Slow Directory Party", variables["CALLERID(name)"]);
            }

            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => FakeAsterisk.ConnectAsync(server.EndPoint));
        }
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < Generous, "condition not reached in time");
            await Task.Delay(10);
        }
    }
}
