using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>A phone field of a party as typed in 1C, with the numbers parsed from it.</summary>
public sealed record PartyPhone(string Raw, string? Kind, string? Contact, IReadOnlyList<StoredNumber> Numbers);
