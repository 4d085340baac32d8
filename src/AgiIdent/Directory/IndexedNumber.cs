using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>One number of a phone, naming its party by position in the party list.</summary>
public readonly record struct IndexedNumber(int Party, StoredNumber Number, string? Contact, string? Kind);
