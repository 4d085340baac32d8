using System.Collections.Frozen;

namespace AgiIdent.Directory;

/// <summary>
/// An immutable in-memory index from E.164 number to parties. Matches are ranked once, when the snapshot is built:
/// parties not marked deleted first, then a contact person's own phone before a company line, then directory order.
/// </summary>
public sealed class DirectorySnapshot
{
    private readonly FrozenDictionary<string, PartyMatch[]> _byNumber;

    /// <summary>Indexes <paramref name="parties"/> by every number of every phone.</summary>
    public DirectorySnapshot(IReadOnlyList<Party> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        Parties = parties;
        var byNumber = new Dictionary<string, List<(PartyMatch Match, int Order)>>(StringComparer.Ordinal);
        var order = 0;
        foreach (var party in parties)
        {
            foreach (var phone in party.Phones)
            {
                foreach (var number in phone.Numbers)
                {
                    if (!byNumber.TryGetValue(number, out var list))
                    {
                        byNumber[number] = list = new List<(PartyMatch, int)>(1);
                    }

                    if (!list.Exists(m => ReferenceEquals(m.Match.Party, party)))
                    {
                        list.Add((new PartyMatch(party, phone), order));
                    }
                }
            }

            order++;
        }

        PhoneCount = byNumber.Count;
        _byNumber = byNumber.ToFrozenDictionary(
            static pair => pair.Key,
            static pair => pair.Value
                .OrderBy(static m => m.Match.Party.Deleted)
                .ThenBy(static m => string.IsNullOrEmpty(m.Match.Phone.Contact))
                .ThenBy(static m => m.Order)
                .Select(static m => m.Match)
                .ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>The parties held.</summary>
    public IReadOnlyList<Party> Parties { get; }

    /// <summary>How many distinct numbers the index holds.</summary>
    public int PhoneCount { get; }

    /// <summary>The parties owning <paramref name="e164"/>, best first; empty when none.</summary>
    public IReadOnlyList<PartyMatch> Find(string e164) =>
        _byNumber.TryGetValue(e164, out var matches) ? matches : [];
}
