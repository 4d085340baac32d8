namespace AgiIdent.Directory;

/// <summary>What many parties have in common: flags, manager, language, greeting, kind, deletion mark.</summary>
internal sealed record PartyProfile(string[] Flags, Manager? Manager, string? Language, string? Greeting, PartyKind Kind, bool Deleted);
