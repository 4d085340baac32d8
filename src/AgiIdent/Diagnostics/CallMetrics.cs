using System.Diagnostics.Metrics;
using AgiIdent.Contract;

namespace AgiIdent.Diagnostics;

/// <summary>
/// Counters of calls, kept with interlocked operations on the call path and published on the
/// <see cref="System.Diagnostics.Metrics"/> meter <see cref="MeterName"/>, which <c>/metrics</c> exports in the
/// Prometheus text format (<see cref="DaemonMetrics"/>). The counts are observable counters read at scrape time, so a
/// call costs a few interlocked increments and one histogram record, and every status and source has its series from
/// the start (at 0), which Zabbix's dependent items need to exist before the first call of their kind.
/// </summary>
/// <remarks>The metric and label names are a public contract (dashboards and the shipped templates use them).</remarks>
public sealed class CallMetrics
{
    /// <summary>The name of the daemon's own meter.</summary>
    public const string MeterName = "AgiIdent";

    /// <summary>Upper bounds of the session-time histogram, in seconds.</summary>
    public static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    /// <summary>The status label of a session closed before any <c>AGIIDENT_STATUS</c> was sent.</summary>
    private const string NoStatus = "none";

    private static readonly string[] Statuses = [.. ContractText.Statuses, NoStatus];
    private static readonly string[] Sources = [.. ContractText.Sources];

    private readonly long[] _byStatus = new long[Statuses.Length];
    private readonly long[] _bySource = new long[Sources.Length];
    private readonly Histogram<double> _duration;
    private long _longestTicks;
    private long _refused;
    private long _busy;
    private long _protocolErrors;
    private long _cut;

    /// <summary>Creates the call instruments on the meter <see cref="MeterName"/> of <paramref name="meters"/>.</summary>
    public CallMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("agiident_sessions_total", () => ByLabel(_byStatus, Statuses, "status"), null, "FastAGI sessions finished, by the AGIIDENT_STATUS sent (none: closed before any)");
        meter.CreateObservableCounter("agiident_lookups_total", () => ByLabel(_bySource, Sources, "source"), null, "Directory answers, by AGIIDENT_SOURCE");
        // The buckets travel as the instrument's advice, which the OpenTelemetry SDK honours in place of its defaults.
        _duration = meter.CreateHistogram(
            "agiident_session_duration_seconds",
            "s",
            "Session time from accept to close",
            null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        meter.CreateObservableCounter("agiident_connections_refused_total", () => Interlocked.Read(ref _refused), null, "Connections from clients not in AgiIdent:AllowedClients");
        meter.CreateObservableCounter("agiident_sessions_busy_total", () => Interlocked.Read(ref _busy), null, "Calls answered ERROR at once because AgiIdent:MaxSessions were in flight");
        meter.CreateObservableCounter("agiident_protocol_errors_total", () => Interlocked.Read(ref _protocolErrors), null, "Connections closed for breaking the FastAGI protocol");
        meter.CreateObservableCounter(
            "agiident_sessions_cut_total",
            () => Interlocked.Read(ref _cut),
            null,
            "Sessions closed before Asterisk acknowledged every variable of the answer (the call log names the ones not delivered)");
    }

    /// <summary>The longest session since the last <see cref="ResetLongest"/>.</summary>
    public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

    /// <summary>Sessions closed before Asterisk acknowledged every variable of their answer, so far.</summary>
    public long Cut => Interlocked.Read(ref _cut);

    /// <summary>Records a finished session: its <c>AGIIDENT_STATUS</c> (empty when none was sent), source and length.</summary>
    public void RecordSession(string status, string source, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _byStatus[Index(Statuses, status, Statuses.Length - 1)]);
        var sourceIndex = Index(Sources, source, -1);
        if (sourceIndex >= 0)
        {
            Interlocked.Increment(ref _bySource[sourceIndex]);
        }

        _duration.Record(elapsed.TotalSeconds);
        var ticks = elapsed.Ticks;
        var longest = Interlocked.Read(ref _longestTicks);
        while (ticks > longest)
        {
            var seen = Interlocked.CompareExchange(ref _longestTicks, ticks, longest);
            if (seen == longest)
            {
                break;
            }

            longest = seen;
        }
    }

    /// <summary>A connection from a client not in <c>AgiIdent:AllowedClients</c>.</summary>
    public void RecordRefused() => Interlocked.Increment(ref _refused);

    /// <summary>A call answered ERROR because <c>AgiIdent:MaxSessions</c> were in flight.</summary>
    public void RecordBusy() => Interlocked.Increment(ref _busy);

    /// <summary>A connection closed for breaking the protocol.</summary>
    public void RecordProtocolError() => Interlocked.Increment(ref _protocolErrors);

    /// <summary>A session closed before Asterisk acknowledged every variable of its answer.</summary>
    public void RecordCut() => Interlocked.Increment(ref _cut);

    /// <summary>Forgets the longest session (to measure one period).</summary>
    public void ResetLongest() => Interlocked.Exchange(ref _longestTicks, 0);

    private static Measurement<long>[] ByLabel(long[] counts, string[] names, string label)
    {
        var measurements = new Measurement<long>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            measurements[i] = new Measurement<long>(Interlocked.Read(ref counts[i]), new KeyValuePair<string, object?>(label, names[i]));
        }

        return measurements;
    }

    private static int Index(string[] names, string name, int otherwise)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return otherwise;
    }
}
