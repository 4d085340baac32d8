using System.Collections;

namespace AgiIdent.Directory;

/// <summary>The parties of a snapshot as a list, each built from the dense store when read.</summary>
internal sealed class SnapshotPartyList(DirectorySnapshot snapshot) : IReadOnlyList<Party>
{
    public int Count => snapshot.PartyCount;

    public Party this[int index] => snapshot.PartyAt(index);

    public IEnumerator<Party> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
