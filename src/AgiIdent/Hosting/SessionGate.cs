using AgiIdent.Diagnostics;

namespace AgiIdent.Hosting;

/// <summary>Counts sessions in flight against <c>AgiIdent:MaxSessions</c>; never makes anyone wait.</summary>
public sealed class SessionGate(int limit) : ISessionsInFlight
{
    private int _inFlight;

    /// <summary>Sessions currently in flight.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a slot; false (and no slot) when the limit is reached.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    /// <summary>Gives a slot back.</summary>
    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
