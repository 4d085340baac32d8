using AgiIdent.Directory;

namespace AgiIdent.CallerId;

/// <summary>The four answers a lookup can give; their names are the values of <c>AGIIDENT_STATUS</c>.</summary>
public enum IdentStatus
{
    /// <summary>The number belongs to a party in the directory.</summary>
    Found,

    /// <summary>The number is usable but nobody in the directory has it.</summary>
    NotFound,

    /// <summary>The caller sent no usable number.</summary>
    Anonymous,

    /// <summary>Nothing could be answered (directory failed or too slow, server busy, unknown script).</summary>
    Error,
}

/// <summary>The outcome of identifying one caller.</summary>
public sealed record Identification(IdentStatus Status, string Number, IReadOnlyList<PartyMatch> Matches, string Source, string? ScreenText)
{
    /// <summary>The caller number's type as libphonenumber knows it (<c>mobile</c>, <c>fixed</c>, ...); empty when it was not read.</summary>
    public string NumberType { get; init; } = string.Empty;

    /// <summary>The ISO 3166 region of the caller number (<c>UA</c>); empty when it was not read or is non-geographic.</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary>The best match, when found.</summary>
    public PartyMatch? Best => Matches.Count > 0 ? Matches[0] : null;

    /// <summary>An answer of <see cref="IdentStatus.Error"/>, keeping the number when it was parsed.</summary>
    public static Identification Error(string number = "") => new(IdentStatus.Error, number, [], string.Empty, null);
}
