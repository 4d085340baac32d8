namespace AgiIdent.Sync;

/// <summary>One catalog object as staged in <c>agiident.sync_object</c>; <c>Folder</c> is anything that is not a customer of its own (a folder, a predefined item).</summary>
internal sealed record StagedObject(string Role, string Ref, string Version, string Party, string Code, string Name, string? FullName, bool Person, string? Manager, bool Deleted, bool Folder);
