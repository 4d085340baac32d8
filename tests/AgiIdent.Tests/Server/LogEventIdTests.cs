using System.Reflection;
using AgiIdent.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AgiIdent.Tests.Server;

/// <summary>
/// Log event ids are what admins' filters and alerts match on: every message takes its id from <see cref="LogEventId"/>,
/// and no id there changes its number.
/// </summary>
public sealed class LogEventIdTests
{
    /// <summary>The ids as released; a change here breaks users' filters.</summary>
    private static readonly Dictionary<string, int> Released = new(StringComparer.Ordinal)
    {
        ["Started"] = 100, ["DemoDirectory"] = 101, ["DirectoryReject"] = 102, ["Stopped"] = 103, ["Monitoring"] = 104,
        ["CallSummary"] = 200, ["ClientRefused"] = 201, ["Busy"] = 202, ["UnknownScript"] = 203, ["LookupFailed"] = 204,
        ["LookupTimedOut"] = 205, ["LookupUnavailable"] = 206,
        ["ProtocolError"] = 300, ["NoCall"] = 301,
        ["SnapshotLoaded"] = 400, ["SnapshotRefreshed"] = 401, ["OutageBegan"] = 402, ["OutageEnded"] = 403, ["ServingCache"] = 404,
        ["NoDirectory"] = 405, ["CacheWriteFailed"] = 406, ["CustomSqlUnchecked"] = 408, ["RefreshFailed"] = 409, ["OutageLasts"] = 410,
        ["ImportProgress"] = 410, ["ImportDone"] = 411, ["ImportReject"] = 412, ["ImportReading"] = 413, ["ImportCommitting"] = 414,
        ["SyncDone"] = 500, ["SyncReject"] = 501, ["SyncFailed"] = 502, ["SyncScheduled"] = 503, ["SyncCrashed"] = 504, ["SyncSkipped"] = 505,
        ["SyncProgress"] = 506,
        ["WatchdogStarted"] = 901, ["WatchdogCheckFailed"] = 902, ["WatchdogRecovered"] = 903,
    };

    [Fact]
    public void TheIds_KeepTheirReleasedNumbers()
    {
        var ids = typeof(LogEventId).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral)
            .ToDictionary(static f => f.Name, static f => (int)f.GetRawConstantValue()!, StringComparer.Ordinal);

        Assert.Equal(Released.OrderBy(static p => p.Key, StringComparer.Ordinal), ids.OrderBy(static p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryLogMessage_HasTheIdOfItsName_InTheTable()
    {
        var messages = typeof(LogEventId).Assembly.GetTypes()
            .SelectMany(static t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(static m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(static m => m.Attribute is not null)
            .ToList();

        Assert.True(messages.Count >= Released.Count, $"only {messages.Count} [LoggerMessage] methods found");
        foreach (var (method, attribute) in messages)
        {
            // The watchdog's methods are Started, CheckFailed and Recovered; the method's name is the event's name in the log.
            var name = method.DeclaringType == typeof(AgiIdent.Hosting.SystemdWatchdog) ? "Watchdog" + method.Name : method.Name;
            Assert.True(Released.TryGetValue(name, out var id), $"{method.DeclaringType!.Name}.{method.Name} has no id in LogEventId");
            Assert.Equal(id, attribute!.EventId);
        }

        Assert.Equal(Released.Count, messages.Count);
    }
}
