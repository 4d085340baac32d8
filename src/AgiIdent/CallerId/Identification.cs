using AgiIdent.Contract;
using AgiIdent.Directory;

namespace AgiIdent.CallerId;

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
