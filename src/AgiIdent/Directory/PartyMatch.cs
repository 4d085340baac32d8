namespace AgiIdent.Directory;

/// <summary>One party found for a number, with the phone entry that matched.</summary>
public sealed record PartyMatch(Party Party, PartyPhone Phone);
