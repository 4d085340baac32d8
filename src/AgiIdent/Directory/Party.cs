using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>Whether a party is a company or a private person.</summary>
public enum PartyKind
{
    /// <summary>A legal entity or a sole trader's business.</summary>
    Company,

    /// <summary>A private person.</summary>
    Person,
}

/// <summary>A party's assigned manager.</summary>
public sealed record Manager(string Name, string Extension);

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

/// <summary>A phone field of a party as typed in 1C, with the numbers parsed from it.</summary>
public sealed record PartyPhone(string Raw, string? Kind, string? Contact, IReadOnlyList<StoredNumber> Numbers);

/// <summary>One party found for a number, with the phone entry that matched.</summary>
public sealed record PartyMatch(Party Party, PartyPhone Phone);

/// <summary>
/// The answer of a directory for one number: the matching parties, best first, and where the answer came from. A party
/// marked deleted in 1C is kept only when no live party has the number: a stale duplicate must not crowd the screen
/// (<c>+1</c>) or <c>AGIIDENT_MATCHES</c>, yet a number known only from a deleted party still names it.
/// </summary>
public sealed record DirectoryAnswer(IReadOnlyList<PartyMatch> Matches, string Source)
{
    /// <summary>The matching parties, best first, without deletion-marked ones when a live one matched.</summary>
    public IReadOnlyList<PartyMatch> Matches { get; init; } = WithoutDeletedBesideLive(Matches);

    private static IReadOnlyList<PartyMatch> WithoutDeletedBesideLive(IReadOnlyList<PartyMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var live = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            live += matches[i].Party.Deleted ? 0 : 1;
        }

        // Allocation-free in the common cases: all live, or all deleted.
        return live == 0 || live == matches.Count ? matches : [.. matches.Where(static m => !m.Party.Deleted)];
    }

    /// <summary>Nobody has this number.</summary>
    public static DirectoryAnswer None(string source) => new([], source);
}
