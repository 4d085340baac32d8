namespace AgiIdent.Directory;

/// <summary>One customer or supplier from 1C, as the directory holds it.</summary>
public sealed record Party(
    string Id,
    string Code,
    PartyKind Kind,
    string Name,
    string? ShortName,
    IReadOnlyList<string> Flags,
    decimal? Debt,
    Manager? Manager,
    string? Language,
    string? Greeting,
    IReadOnlyDictionary<string, string> Attributes,
    bool Deleted,
    IReadOnlyList<PartyPhone> Phones)
{
    /// <summary>When the party last changed in 1C; the most recent wins among parties sharing a number.</summary>
    public DateTimeOffset? Changed { get; init; }
}
