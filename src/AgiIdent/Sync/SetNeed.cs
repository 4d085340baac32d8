namespace AgiIdent.Sync;

/// <summary>One entity set a preset reads: what for, the fields it cannot do without, and fields read only where they exist.</summary>
internal sealed record SetNeed(string Set, string Purpose, IReadOnlyList<string> Fields, IReadOnlyList<string> Optional, bool Required = true);
