namespace AgiIdent.Directory;

/// <summary>
/// One party in the dense store: its id as a GUID when it is one (in 1C's lowercase form), else as text; the offsets
/// of its texts; what it shares with other parties as a profile; its debt packed into a long; when it changed.
/// </summary>
internal struct PartyRow
{
    public Guid Id;

    /// <summary><see cref="DateTimeOffset.UtcTicks"/> of the change; 0 when not known.</summary>
    public long Changed;

    /// <summary>-1: none; below -1: an index into the table of debts too big to pack; else mantissa, scale and sign.</summary>
    public long Debt;

    /// <summary>The id's text when it is not a GUID; -1 when <see cref="Id"/> holds it.</summary>
    public int IdText;

    public int Code;
    public int Name;
    public int ShortName;

    /// <summary>The attributes as the cache file stores them; -1 when there are none.</summary>
    public int Attributes;

    public int Profile;
}
