namespace AgiIdent.Directory;

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
