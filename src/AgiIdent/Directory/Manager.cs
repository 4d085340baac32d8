namespace AgiIdent.Directory;

/// <summary>A party's assigned manager.</summary>
public sealed record Manager(string Name, string Extension);
