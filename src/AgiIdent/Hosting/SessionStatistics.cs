namespace AgiIdent.Hosting;

/// <summary>Counts finished sessions and the longest one: what the server itself measured, accept to close.</summary>
public sealed class SessionStatistics
{
    private long _sessions;
    private long _longestTicks;

    /// <summary>Sessions finished.</summary>
    public long Sessions => Interlocked.Read(ref _sessions);

    /// <summary>The longest session so far.</summary>
    public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

    /// <summary>Records one finished session.</summary>
    public void Record(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _sessions);
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

    /// <summary>Forgets the longest session (for measuring one period).</summary>
    public void ResetLongest() => Interlocked.Exchange(ref _longestTicks, 0);
}
