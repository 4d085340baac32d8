using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgiIdent.Cli;

/// <summary>
/// The progress of long work (<c>agiident import</c>, <c>agiident sync</c>): on a terminal a live bar with the counts
/// and the rate (Spectre.Console); without one (output to a pipe, a file, the journal) the latest counts as a log line
/// every <see cref="LogInterval"/>, in the daemon's log format, so a log is not flooded. The work itself only reports
/// counts through an <see cref="IProgress{T}"/> and knows nothing of the console.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>How often the counts are logged without a terminal.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The terminal to draw on, or null: when standard output is redirected, or Spectre finds it cannot move the cursor
    /// (no ANSI support, not interactive: <c>TERM=dumb</c>, CI), a live bar would only litter the output.
    /// </summary>
    public static IAnsiConsole? Terminal() =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities is { Ansi: true, Interactive: true } ? AnsiConsole.Console : null;

    /// <summary>
    /// Runs <paramref name="work"/> with a progress receiver drawing on <paramref name="terminal"/>, or, when it is null,
    /// passing the latest counts and their rate per second to <paramref name="log"/> every <paramref name="interval"/>.
    /// </summary>
    public static async Task<TResult> RunAsync<TCounts, TResult>(
        string title,
        Func<TCounts, ProgressFigures> figures,
        Action<TCounts, double> log,
        Func<IProgress<TCounts>, Task<TResult>> work,
        IAnsiConsole? terminal,
        TimeProvider time,
        TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(time);
        if (terminal is null)
        {
            using var lines = new LogLines<TCounts>(figures, log, time, interval);
            return await work(lines).ConfigureAwait(false);
        }

        return await new Progress(terminal, time)
            .AutoClear(false)
            // Narrow enough for an 80-column terminal: the description, a short bar and the figures.
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 16 }, new PercentageColumn(), new CountColumn(), new RateColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                var bar = new Bar<TCounts>(task, title, figures, time);
                var result = await work(bar).ConfigureAwait(false);
                bar.Finish();
                return result;
            }).ConfigureAwait(false);
    }

    /// <summary>Rows per second since the work began.</summary>
    internal static double Rate(long done, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;

    /// <summary>The latest counts, logged by a timer: a stalled run still says where it stands.</summary>
    private sealed class LogLines<TCounts> : IProgress<TCounts>, IDisposable
    {
        private readonly Func<TCounts, ProgressFigures> _figures;
        private readonly Action<TCounts, double> _log;
        private readonly RateClock _clock;
        private readonly ITimer _timer;
        private readonly Lock _lock = new();
        private TCounts? _latest;
        private bool _reported;

        public LogLines(Func<TCounts, ProgressFigures> figures, Action<TCounts, double> log, TimeProvider time, TimeSpan interval)
        {
            _figures = figures;
            _log = log;
            _clock = new RateClock(time);
            _timer = time.CreateTimer(static state => ((LogLines<TCounts>)state!).Tick(), this, interval, interval);
        }

        public void Report(TCounts value)
        {
            lock (_lock)
            {
                _latest = value;
                _reported = true;
                _clock.Saw(_figures(value));
            }
        }

        private void Tick()
        {
            TCounts latest;
            double rate;
            lock (_lock)
            {
                if (!_reported)
                {
                    return;
                }

                latest = _latest!;
                rate = _clock.Rate(_figures(latest));
            }

            _log(latest, rate);
        }

        public void Dispose() => _timer.Dispose();
    }

    /// <summary>
    /// Units per second since the counting began: the start of the work, or the moment a total became known (an
    /// import counts rows once it has read its file, and reading it is not writing).
    /// </summary>
    private sealed class RateClock(TimeProvider time)
    {
        private long _since = time.GetTimestamp();
        private bool _totalKnown;

        public void Saw(ProgressFigures figures)
        {
            if (figures.Total is not null && !_totalKnown)
            {
                _totalKnown = true;
                _since = time.GetTimestamp();
            }
        }

        public double Rate(ProgressFigures figures) => ProgressDisplay.Rate(figures.Done, time.GetElapsedTime(_since));
    }

    /// <summary>What the columns draw, kept in <see cref="ProgressTask.Tag"/>.</summary>
    private sealed record Shown(ProgressFigures Figures, double Rate);

    /// <summary>The live bar: a known total shows how far, an unknown one (a sync) an animated bar.</summary>
    private sealed class Bar<TCounts>(ProgressTask task, string title, Func<TCounts, ProgressFigures> figures, TimeProvider time) : IProgress<TCounts>
    {
        private readonly RateClock _clock = new(time);

        public void Report(TCounts value)
        {
            var shown = figures(value);
            _clock.Saw(shown);
            task.Tag = new Shown(shown, _clock.Rate(shown));
            task.Description = $"{title}: {Markup.Escape(shown.Doing)}";
            if (shown.Total is { } total)
            {
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(total, 1);
                task.Value = shown.Done;
            }
        }

        public void Finish()
        {
            if (task.Tag is Shown { Figures.Total: null })
            {
                task.IsIndeterminate = false;
            }

            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    /// <summary>Done of total, in the work's unit: <c>1,500/9,000 rows</c>.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            task.Tag is Shown { Figures: var shown }
                ? new Text(shown.Total is { } total
                    ? string.Create(CultureInfo.InvariantCulture, $"{shown.Done:N0}/{total:N0} {shown.Unit}")
                    : string.Create(CultureInfo.InvariantCulture, $"{shown.Done:N0} {shown.Unit}"))
                : Text.Empty;
    }

    /// <summary>Units per second since the counting began: <c>2,400/s</c>.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            task.Tag is Shown { Rate: var rate }
                ? new Text(string.Create(CultureInfo.InvariantCulture, $"{rate:N0}/s"), new Style(Color.Grey))
                : Text.Empty;
    }
}
