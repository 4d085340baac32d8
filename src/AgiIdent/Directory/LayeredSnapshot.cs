using System.Collections.Frozen;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// A big base snapshot with a small layer of parties changed since it was built. Applying a change set builds only a
/// new layer (milliseconds for a hundred parties), and the result replaces the old one in a single reference swap,
/// so a call sees the old or the new directory, never a mix.
/// </summary>
public sealed class LayeredSnapshot
{
    private readonly DirectorySnapshot _base;
    private readonly DirectorySnapshot? _layer;
    private readonly IReadOnlyList<Party> _layerParties;
    private readonly IReadOnlyList<IndexedNumber> _layerNumbers;
    private readonly FrozenSet<string> _touched;
    private readonly NumberParser _numbers;

    /// <summary>A snapshot with no changes on top.</summary>
    public LayeredSnapshot(DirectorySnapshot baseSnapshot, NumberParser numbers)
        : this(baseSnapshot, [], [], FrozenSet<string>.Empty, numbers)
    {
    }

    private LayeredSnapshot(DirectorySnapshot baseSnapshot, IReadOnlyList<Party> layerParties, IReadOnlyList<IndexedNumber> layerNumbers, FrozenSet<string> touched, NumberParser numbers)
    {
        _base = baseSnapshot;
        _layerParties = layerParties;
        _layerNumbers = layerNumbers;
        _touched = touched;
        _numbers = numbers;
        _layer = layerParties.Count == 0 ? null : new DirectorySnapshot(layerParties, layerNumbers, numbers);
        // Counting means looking up every base party: done when asked (logs, metrics), not on each refresh.
        _partyCount = new Lazy<int>(() => baseSnapshot.PartyCount - Enumerable.Range(0, baseSnapshot.PartyCount).Count(i => touched.Contains(baseSnapshot.IdOf(i))) + layerParties.Count);
        PhoneCount = baseSnapshot.PhoneCount + (_layer?.PhoneCount ?? 0);
    }

    private readonly Lazy<int> _partyCount;

    /// <summary>Parties held.</summary>
    public int PartyCount => _touched.Count == 0 ? _base.PartyCount : _partyCount.Value;

    /// <summary>Distinct numbers held (approximate while changes are layered on top).</summary>
    public int PhoneCount { get; }

    /// <summary>Parties changed or removed since the base was built; a big layer is better rebuilt as a new base.</summary>
    public int ChangedSinceBase => _touched.Count;

    /// <summary>The parties owning <paramref name="e164"/>, best first.</summary>
    public IReadOnlyList<PartyMatch> Find(string e164)
    {
        var below = _base.Find(e164, out var exactBelow);
        if (_touched.Count == 0)
        {
            return below;
        }

        var exactAbove = false;
        var above = _layer is null ? [] : _layer.Find(e164, out exactAbove);
        var merged = new List<PartyMatch>(below.Count + above.Count);
        // The full number wins over last digits, in whichever layer it matched.
        if (!exactAbove || exactBelow)
        {
            merged.AddRange(below.Where(m => !_touched.Contains(m.Party.Id)));
        }

        var keptBelow = merged.Count;
        if (exactAbove || !exactBelow || merged.Count == 0)
        {
            merged.AddRange(above);
        }

        if (exactBelow && keptBelow == 0 && !exactAbove)
        {
            // Every full-number match below has changed since and matches no more: last digits decide, as in a
            // rebuild, below as well as above.
            merged.AddRange(_base.FindBySuffix(e164).Where(m => !_touched.Contains(m.Party.Id)));
        }

        merged.Sort(static (a, b) =>
        {
            var rank = DirectorySnapshot.CompareMatches(a, b);
            return rank != 0 ? rank : string.CompareOrdinal(a.Party.Id, b.Party.Id);
        });
        return merged;
    }

    /// <summary>This snapshot with <paramref name="changed"/> parties rewritten and <paramref name="removed"/> ones gone.</summary>
    public LayeredSnapshot Apply(IReadOnlyList<Party> changed, IReadOnlyList<IndexedNumber> changedNumbers, IReadOnlyList<string> removed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(changedNumbers);
        ArgumentNullException.ThrowIfNull(removed);
        var replaced = new HashSet<string>(changed.Select(p => p.Id).Concat(removed), StringComparer.Ordinal);
        var parties = new List<Party>();
        var numbers = new List<IndexedNumber>();
        var kept = new int[_layerParties.Count];
        for (var i = 0; i < _layerParties.Count; i++)
        {
            kept[i] = -1;
            if (!replaced.Contains(_layerParties[i].Id))
            {
                kept[i] = parties.Count;
                parties.Add(_layerParties[i]);
            }
        }

        numbers.AddRange(_layerNumbers.Where(n => kept[n.Party] >= 0).Select(n => n with { Party = kept[n.Party] }));
        var offset = parties.Count;
        parties.AddRange(changed);
        numbers.AddRange(changedNumbers.Select(n => n with { Party = n.Party + offset }));
        var touched = _touched.Union(replaced).ToFrozenSet(StringComparer.Ordinal);
        return new LayeredSnapshot(_base, parties, numbers, touched, _numbers);
    }

    /// <summary>
    /// What the cache file writes: the base, where each base party goes (-1: changed or removed since; null: every one
    /// kept where it is), the layer of changed parties and where each of them goes, and how many parties there are.
    /// Kept base parties and layer parties are merged by id (ordinal), the order in which <see cref="Find"/> breaks ties
    /// between matches of both, so that a start from the file answers as this snapshot does. The base is in id order
    /// already (PostgreSQL's <c>COLLATE "C"</c>).
    /// </summary>
    internal (DirectorySnapshot Base, int[]? Position, DirectorySnapshot? Layer, int[]? LayerPosition, int Count) Parts()
    {
        if (_touched.Count == 0)
        {
            return (_base, null, null, null, _base.PartyCount);
        }

        var layerCount = _layer?.PartyCount ?? 0;
        var layerIds = new string[layerCount];
        for (var j = 0; j < layerCount; j++)
        {
            layerIds[j] = _layer!.IdOf(j);
        }

        var layerOrder = new int[layerCount];
        for (var j = 0; j < layerCount; j++)
        {
            layerOrder[j] = j;
        }

        Array.Sort(layerOrder, (x, y) => string.CompareOrdinal(layerIds[x], layerIds[y]));
        var position = new int[_base.PartyCount];
        var layerPosition = new int[layerCount];
        var next = 0;
        var l = 0;
        for (var i = 0; i < position.Length; i++)
        {
            var id = _base.IdOf(i);
            if (_touched.Contains(id))
            {
                position[i] = -1;
                continue;
            }

            while (l < layerCount && string.CompareOrdinal(layerIds[layerOrder[l]], id) < 0)
            {
                layerPosition[layerOrder[l++]] = next++;
            }

            position[i] = next++;
        }

        while (l < layerCount)
        {
            layerPosition[layerOrder[l++]] = next++;
        }

        return (_base, position, _layer, layerPosition, next);
    }
}
