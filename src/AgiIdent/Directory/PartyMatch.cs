namespace AgiIdent.Directory;

/// <summary>One party found for a number, with the phone entry that matched.</summary>
public sealed record PartyMatch(Party Party, MatchedPhone Phone)
{
    /// <summary>The match of <paramref name="party"/> through <paramref name="phone"/>, one of its phones.</summary>
    public PartyMatch(Party party, PartyPhone phone)
        : this(party, MatchedPhone.Of(phone))
    {
    }
}
