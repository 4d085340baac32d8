using AgiIdent.Cli;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace AgiIdent.Tests.Cli;

/// <summary>The progress of <c>import</c> and <c>sync</c>: a log line every interval without a terminal, a live bar on one.</summary>
public sealed class ProgressDisplayTests
{
    private static ProgressFigures Rows(long done) => new("reading Catalog_Партнеры", done, null, "rows");

    [Fact]
    public async Task WithoutATerminal_TheLatestCountsAreLoggedOncePerInterval_NotOnEveryReport()
    {
        var time = new FakeTimeProvider();
        var lines = new List<(long Rows, double Rate)>();
        var result = await ProgressDisplay.RunAsync<long, string>(
            "Sync from 1C",
            Rows,
            (rows, rate) => lines.Add((rows, rate)),
            progress =>
            {
                for (var rows = 100; rows <= 4000; rows += 100)
                {
                    progress.Report(rows);
                    time.Advance(TimeSpan.FromMilliseconds(250));
                }

                return Task.FromResult("done");
            },
            terminal: null,
            time,
            TimeSpan.FromSeconds(5));

        Assert.Equal("done", result);
        // 40 reports over 10 s: a line at 5 s and at 10 s, each with the counts of that moment and their rate.
        Assert.Equal([(2000L, 400d), (4000L, 400d)], lines);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public async Task WithoutATerminal_AStalledRun_StillSaysWhereItStands()
    {
        var time = new FakeTimeProvider();
        var lines = new List<long>();
        await ProgressDisplay.RunAsync<long, int>(
            "Sync from 1C",
            Rows,
            (rows, _) => lines.Add(rows),
            progress =>
            {
                time.Advance(TimeSpan.FromSeconds(5));
                progress.Report(700);
                // One slow 1C page: nothing is reported for 12 s.
                time.Advance(TimeSpan.FromSeconds(12));
                return Task.FromResult(0);
            },
            terminal: null,
            time,
            TimeSpan.FromSeconds(5));

        // Nothing to say before the first report; then the same counts each interval.
        Assert.Equal([700L, 700L], lines);
    }

    [Fact]
    public async Task TheRate_CountsFromWhenTheTotalIsKnown_NotFromTheStart()
    {
        var time = new FakeTimeProvider();
        var lines = new List<(long Rows, double Rate)>();
        await ProgressDisplay.RunAsync<(long Done, long? Total), int>(
            "Import",
            static c => new ProgressFigures(c.Total is null ? "reading" : "parties", c.Done, c.Total, "rows"),
            (c, rate) => lines.Add((c.Done, rate)),
            progress =>
            {
                // Reading the file: 8 s without counts, then 1000 rows written in the next 4 s.
                progress.Report((0, null));
                time.Advance(TimeSpan.FromSeconds(8));
                progress.Report((0, 1000));
                time.Advance(TimeSpan.FromSeconds(4));
                progress.Report((1000, 1000));
                time.Advance(TimeSpan.FromSeconds(3));
                return Task.FromResult(0);
            },
            terminal: null,
            time,
            TimeSpan.FromSeconds(5));

        // At 5 s nothing is counted yet; at 10 s and 15 s the rows are over the 2 s and 7 s since the total came.
        Assert.Equal([(0L, 0d), (0L, 0d), (1000L, 1000d / 7)], lines);
    }

    [Fact]
    public async Task OnATerminal_ABarShowsTheCountsOfTheTotal_TheRate_AndLogLinesStayAboveIt()
    {
        var console = new TestConsole().Interactive().Width(160);
        console.EmitAnsiSequences = false;
        var time = new FakeTimeProvider();
        var sink = new TerminalLogSink(console);
        using var logger = new Serilog.LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();

        await ProgressDisplay.RunAsync<int, int>(
            "Import",
            static written => new ProgressFigures("writing parties", written, 1200, "rows"),
            static (_, _) => throw new InvalidOperationException("a terminal gets a bar, not log lines"),
            progress =>
            {
                progress.Report(600);
                time.Advance(TimeSpan.FromSeconds(2));
                progress.Report(1200);
                logger.Information("Imported {Parties} parties", 1200);
                return Task.FromResult(0);
            },
            console,
            time,
            TimeSpan.FromSeconds(5));

        var output = console.Output;
        Assert.Contains("Import: writing parties", output, StringComparison.Ordinal);
        Assert.Contains("1,200/1,200 rows", output, StringComparison.Ordinal);
        Assert.Contains("600/s", output, StringComparison.Ordinal);
        Assert.Contains("100%", output, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[INF\] Imported 1200 parties", output);
    }

    [Fact]
    public async Task OnATerminal_AnUnknownTotal_ShowsTheCountsSoFar()
    {
        var console = new TestConsole().Interactive().Width(160);
        console.EmitAnsiSequences = false;
        var time = new FakeTimeProvider();

        await ProgressDisplay.RunAsync<long, int>(
            "Sync from 1C",
            Rows,
            static (_, _) => { },
            progress =>
            {
                time.Advance(TimeSpan.FromSeconds(4));
                progress.Report(12_000);
                return Task.FromResult(0);
            },
            console,
            time,
            TimeSpan.FromSeconds(5));

        Assert.Contains("Sync from 1C: reading Catalog_Партнеры", console.Output, StringComparison.Ordinal);
        Assert.Contains("12,000 rows", console.Output, StringComparison.Ordinal);
        Assert.Contains("3,000/s", console.Output, StringComparison.Ordinal);
    }
}
