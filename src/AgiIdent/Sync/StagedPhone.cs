namespace AgiIdent.Sync;

/// <summary>One number of a phone row, as staged in <c>agiident.sync_phone</c>.</summary>
internal sealed record StagedPhone(string Role, string Ref, int Line, string Raw, string Kind, string? E164, string Suffix);
