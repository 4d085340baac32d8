using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace AgiIdent.Tests.Server;

/// <summary>
/// The log categories admins configure: README and docs/BENCHMARKS.md tell them to silence the per-call lines with
/// <c>Serilog:MinimumLevel:Override:AgiIdent.Calls</c>. The categories are taken from a real daemon's log and put to
/// the daemon's own Serilog logger, built from that setting.
/// </summary>
public sealed class LogCategoryTests
{
    [Fact]
    public async Task TheDocumentedOverride_SilencesTheCallLines_AndNotTheStartupLine()
    {
        var log = new LogCapture();
        await using (var server = await TestServer.StartAsync(services: log.Services))
        {
            Assert.Equal("FOUND", (await FakeAsterisk.CallAsync(server.EndPoint, "0445550101"))["AGIIDENT_STATUS"]);
            await log.WaitForAsync("/ident: FOUND");
        }

        var call = Assert.Single(log.Containing("/ident: FOUND"));
        var startup = Assert.Single(log.Containing("AgiIdent listening for FastAGI"));
        Assert.Equal("AgiIdent.Calls", call.Category);

        using var silenced = AgiIdentHost.CreateLogger(Settings(("Serilog:MinimumLevel:Override:AgiIdent.Calls", "Warning")));
        Assert.False(silenced.ForContext(Serilog.Core.Constants.SourceContextPropertyName, call.Category).IsEnabled(LogEventLevel.Information));
        Assert.True(silenced.ForContext(Serilog.Core.Constants.SourceContextPropertyName, startup.Category).IsEnabled(LogEventLevel.Information));

        // An override of the daemon's root name still reaches every line of its own.
        using var quiet = AgiIdentHost.CreateLogger(Settings(("Serilog:MinimumLevel:Override:AgiIdent", "Warning")));
        Assert.All(new[] { call, startup }, e => Assert.False(quiet.ForContext(Serilog.Core.Constants.SourceContextPropertyName, e.Category).IsEnabled(LogEventLevel.Information), e.Category));
    }

    private static IConfiguration Settings((string Key, string Value) setting) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Information",
            [setting.Key] = setting.Value,
        }).Build();
}
