namespace AgiIdent.Directory;

/// <summary>A row of a directory file that could not be used, and why: in JSON the party's position, in CSV its line.</summary>
public sealed record DirectoryReject(int Index, string? PartyId, string Reason)
{
    /// <summary>The line of a CSV file the row starts on; null for JSON.</summary>
    public int? Line { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line is { } line ? $"line {line}" : $"party #{Index + 1}";
        return PartyId is null ? $"{where}: {Reason}" : $"{where} ({PartyId}): {Reason}";
    }
}
