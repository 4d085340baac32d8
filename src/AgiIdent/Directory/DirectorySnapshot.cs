using System.Collections.Frozen;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// An immutable in-memory index of the directory. A caller's E.164 number is matched exactly first; when nothing
/// matches, its last national digits are matched against stored numbers whose country was not known.
/// Matches are ranked once, when the snapshot is built: parties not marked deleted first, then a contact person's own
/// phone before a company line, then the most recently changed party, then directory order.
/// </summary>
public sealed class DirectorySnapshot
{
    private readonly FrozenDictionary<string, PartyMatch[]> _exact;
    private readonly FrozenDictionary<string, PartyMatch[]> _suffix;
    private readonly PhoneNumber _numbers;

    /// <summary>Indexes <paramref name="parties"/> by every number of every phone.</summary>
    public DirectorySnapshot(IReadOnlyList<Party> parties, PhoneNumber numbers)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(numbers);
        Parties = parties;
        _numbers = numbers;
        var exact = new Dictionary<string, List<(PartyMatch Match, int Order)>>(StringComparer.Ordinal);
        var suffix = new Dictionary<string, List<(PartyMatch Match, int Order)>>(StringComparer.Ordinal);
        for (var order = 0; order < parties.Count; order++)
        {
            var party = parties[order];
            foreach (var phone in party.Phones)
            {
                foreach (var number in phone.Numbers)
                {
                    Add(number.E164 is null ? suffix : exact, number.E164 ?? number.Suffix, new PartyMatch(party, phone), order);
                }
            }
        }

        PhoneCount = exact.Count + suffix.Count;
        _exact = Rank(exact);
        _suffix = Rank(suffix);
    }

    /// <summary>The parties held.</summary>
    public IReadOnlyList<Party> Parties { get; }

    /// <summary>How many distinct numbers the index holds.</summary>
    public int PhoneCount { get; }

    /// <summary>The parties owning <paramref name="e164"/>, best first; empty when none.</summary>
    public IReadOnlyList<PartyMatch> Find(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        if (_exact.TryGetValue(e164, out var matches))
        {
            return matches;
        }

        return _suffix.Count > 0 && _suffix.TryGetValue(_numbers.SuffixOf(e164), out matches) ? matches : [];
    }

    private static void Add(Dictionary<string, List<(PartyMatch Match, int Order)>> index, string key, PartyMatch match, int order)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = new List<(PartyMatch, int)>(1);
        }

        if (!list.Exists(m => ReferenceEquals(m.Match.Party, match.Party)))
        {
            list.Add((match, order));
        }
    }

    private static FrozenDictionary<string, PartyMatch[]> Rank(Dictionary<string, List<(PartyMatch Match, int Order)>> index) =>
        index.ToFrozenDictionary(
            static pair => pair.Key,
            static pair => pair.Value
                .OrderBy(static m => m.Match.Party.Deleted)
                .ThenBy(static m => string.IsNullOrEmpty(m.Match.Phone.Contact))
                .ThenByDescending(static m => m.Match.Party.Changed ?? DateTimeOffset.MinValue)
                .ThenBy(static m => m.Order)
                .Select(static m => m.Match)
                .ToArray(),
            StringComparer.Ordinal);
}
