namespace AgiIdent.Directory;

/// <summary>The parties read from a directory file, and the rows left out.</summary>
public sealed record DirectoryFileContent(IReadOnlyList<Party> Parties, IReadOnlyList<DirectoryReject> Rejects)
{
    /// <summary>Where each party is in a JSON file (its index among all, skipped ones included); null when it is its index in <see cref="Parties"/>.</summary>
    public IReadOnlyList<int>? Positions { get; init; }
}
