using System.Globalization;
using Spectre.Console;

namespace AgiIdent.Cli;

/// <summary>
/// Log lines written through Spectre's console while a live bar is drawn on it: Spectre keeps the bar below what is
/// written through the same console, where a line written straight to stdout would be drawn over.
/// </summary>
internal sealed class TerminalLogSink(IAnsiConsole terminal) : Serilog.Core.ILogEventSink
{
    private readonly Serilog.Formatting.Display.MessageTemplateTextFormatter _format = new(Hosting.AgiIdentHost.LogTemplate, CultureInfo.InvariantCulture);

    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        _format.Format(logEvent, line);
        terminal.Write(new Text(line.ToString()));
    }
}
