namespace AgiIdent.Sync;

/// <summary>
/// What one run knows and has found so far: the infobase check and the edition of the preset it chose, the names of
/// the infobase's properties the flags resolve against, whether it reads everything, what it rejected.
/// </summary>
internal sealed class SyncRunState(SyncStaging staging, InfobaseCheck check, SyncMapping mapping)
{
    private const int RejectSampleLimit = 50;

    public SyncStaging Staging { get; } = staging;

    public InfobaseCheck Check { get; } = check;

    /// <summary>The edition of the preset this infobase has, chosen by its metadata at the start of the run.</summary>
    public SyncMapping Mapping { get; } = mapping;

    /// <summary>The properties and values the configured flags stand for in this infobase; null when no flag is configured.</summary>
    public SyncFlagNames? FlagNames { get; set; }

    /// <summary>Whether every object of every set is read.</summary>
    public bool Full { get; set; }

    /// <summary>Whether the mass-removal guard applies (not after a settings change).</summary>
    public bool GuardRemovals { get; set; }

    /// <summary>Objects read but rejected since the last copy: still in 1C, so not vanished.</summary>
    public List<string> ListedButRejected { get; } = [];

    public int Rejected { get; private set; }

    public List<string> RejectSamples { get; } = [];

    public int Changed { get; set; }

    public int Removed { get; set; }

    public (int Parties, int Phones) Directory { get; set; }

    /// <summary>Counts a row or phone left out, keeping the first reasons for the log.</summary>
    public void Reject(string reason)
    {
        Rejected++;
        if (RejectSamples.Count < RejectSampleLimit)
        {
            RejectSamples.Add(reason);
        }
    }
}
