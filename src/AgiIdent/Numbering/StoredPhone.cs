namespace AgiIdent.Numbering;

/// <summary>The numbers found in one stored phone field, and why pieces of it were left out.</summary>
public sealed record StoredPhone(IReadOnlyList<StoredNumber> Numbers, IReadOnlyList<string> Problems);
