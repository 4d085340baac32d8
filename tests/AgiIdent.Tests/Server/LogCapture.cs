using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgiIdent.Tests.Server;

/// <summary>
/// Every log entry of an in-process daemon, as the admin's log would show it (level, message, exception), added beside
/// the daemon's Serilog sink through its service collection.
/// </summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public Action<IServiceCollection> Services => services => services.AddSingleton<ILoggerProvider>(this);

    public IReadOnlyList<Entry> Containing(string text) => Entries.Where(e => e.Message.Contains(text, StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public async Task WaitForAsync(string text, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (Containing(text).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line containing '{text}'; the log:\n{string.Join('\n', Entries)}");
            await Task.Delay(50);
        }
    }

    internal sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        public override string ToString() => $"[{Level}] {Category}: {Message}{(Exception is null ? string.Empty : " " + Exception.GetType().Name)}";
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
