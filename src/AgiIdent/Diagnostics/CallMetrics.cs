using System.Globalization;
using System.Text;

namespace AgiIdent.Diagnostics;

/// <summary>
/// Counters of calls, kept with interlocked operations on the call path and rendered in the Prometheus text format
/// (which Zabbix's Prometheus items read too).
/// </summary>
public sealed class CallMetrics
{
    /// <summary>Upper bounds of the session-time histogram, in seconds.</summary>
    public static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private static readonly string[] Statuses = ["FOUND", "NOTFOUND", "ANONYMOUS", "ERROR", "none"];
    private static readonly string[] Sources = ["snapshot", "live", "stale"];

    private readonly long[] _byStatus = new long[Statuses.Length];
    private readonly long[] _bySource = new long[Sources.Length];
    private readonly long[] _buckets = new long[Buckets.Length + 1];
    private long _sumMicroseconds;
    private long _longestTicks;
    private long _refused;
    private long _busy;
    private long _protocolErrors;
    private long _cut;

    /// <summary>The longest session since the last <see cref="ResetLongest"/>.</summary>
    public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

    /// <summary>Records a finished session: its <c>AGIIDENT_STATUS</c> (empty when none was sent), source and length.</summary>
    public void RecordSession(string status, string source, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _byStatus[Index(Statuses, status, Statuses.Length - 1)]);
        var sourceIndex = Index(Sources, source, -1);
        if (sourceIndex >= 0)
        {
            Interlocked.Increment(ref _bySource[sourceIndex]);
        }

        var seconds = elapsed.TotalSeconds;
        var bucket = 0;
        while (bucket < Buckets.Length && seconds > Buckets[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Add(ref _sumMicroseconds, (long)(elapsed.TotalMilliseconds * 1000));
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

    /// <summary>Appends the call metrics in the Prometheus text format.</summary>
    public void WriteTo(StringBuilder text, int inFlight)
    {
        ArgumentNullException.ThrowIfNull(text);
        Header(text, "agiident_sessions_total", "counter", "FastAGI sessions finished, by the AGIIDENT_STATUS sent (none: closed before any)");
        for (var i = 0; i < Statuses.Length; i++)
        {
            Line(text, $"agiident_sessions_total{{status=\"{Statuses[i]}\"}}", Interlocked.Read(ref _byStatus[i]));
        }

        Header(text, "agiident_lookups_total", "counter", "Directory answers, by AGIIDENT_SOURCE");
        for (var i = 0; i < Sources.Length; i++)
        {
            Line(text, $"agiident_lookups_total{{source=\"{Sources[i]}\"}}", Interlocked.Read(ref _bySource[i]));
        }

        Header(text, "agiident_session_duration_seconds", "histogram", "Session time from accept to close");
        long cumulative = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += Interlocked.Read(ref _buckets[i]);
            Line(text, $"agiident_session_duration_seconds_bucket{{le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\"}}", cumulative);
        }

        cumulative += Interlocked.Read(ref _buckets[^1]);
        Line(text, "agiident_session_duration_seconds_bucket{le=\"+Inf\"}", cumulative);
        text.Append("agiident_session_duration_seconds_sum ").Append((Interlocked.Read(ref _sumMicroseconds) / 1e6).ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        Line(text, "agiident_session_duration_seconds_count", cumulative);

        Gauge(text, "agiident_sessions_in_flight", "Sessions being served now", inFlight);
        Counter(text, "agiident_connections_refused_total", "Connections from clients not in AgiIdent:AllowedClients", Interlocked.Read(ref _refused));
        Counter(text, "agiident_sessions_busy_total", "Calls answered ERROR at once because AgiIdent:MaxSessions were in flight", Interlocked.Read(ref _busy));
        Counter(text, "agiident_protocol_errors_total", "Connections closed for breaking the FastAGI protocol", Interlocked.Read(ref _protocolErrors));
        Counter(text, "agiident_sessions_cut_total", "Sessions closed before Asterisk acknowledged every variable of the answer (the call log names the ones not delivered)", Interlocked.Read(ref _cut));
    }

    /// <summary>Appends one gauge with its help and type lines.</summary>
    public static void Gauge(StringBuilder text, string name, string help, double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        Header(text, name, "gauge", help);
        text.Append(name).Append(' ').Append(value.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>Appends one counter with its help and type lines.</summary>
    public static void Counter(StringBuilder text, string name, string help, long value)
    {
        ArgumentNullException.ThrowIfNull(text);
        Header(text, name, "counter", help);
        Line(text, name, value);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string series, long value) =>
        text.Append(series).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

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
