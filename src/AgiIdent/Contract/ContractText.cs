namespace AgiIdent.Contract;

/// <summary>
/// The values of the public contract (shared/DESIGN.md) as users see them, each written once: the statuses of
/// <c>AGIIDENT_STATUS</c>, the sources of <c>AGIIDENT_SOURCE</c> and the kinds of a party. The call path, the metrics'
/// labels and the health check all take their text from here; users' dialplans, dashboards and files match on it:
/// never change one.
/// </summary>
/// <remarks>
/// Strings, not UTF-8 bytes: none of these reaches the wire as a literal of its own. The FastAGI commands that carry
/// them are written by <c>AgiIdent.Agi</c>, which encodes each command whole.
/// </remarks>
public static class ContractText
{
    /// <summary><c>AGIIDENT_STATUS</c> of <see cref="IdentStatus.Found"/>.</summary>
    public const string Found = "FOUND";

    /// <summary><c>AGIIDENT_STATUS</c> of <see cref="IdentStatus.NotFound"/>.</summary>
    public const string NotFound = "NOTFOUND";

    /// <summary><c>AGIIDENT_STATUS</c> of <see cref="IdentStatus.Anonymous"/>.</summary>
    public const string Anonymous = "ANONYMOUS";

    /// <summary><c>AGIIDENT_STATUS</c> of <see cref="IdentStatus.Error"/>.</summary>
    public const string Error = "ERROR";

    /// <summary><c>AGIIDENT_SOURCE</c> of an answer from the directory held in memory (a file or the PostgreSQL snapshot).</summary>
    public const string Snapshot = "snapshot";

    /// <summary><c>AGIIDENT_SOURCE</c> of an answer read from PostgreSQL during the call (direct mode).</summary>
    public const string Live = "live";

    /// <summary><c>AGIIDENT_SOURCE</c> of an answer from the last good data while the database is unreachable.</summary>
    public const string Stale = "stale";

    /// <summary>The kind of a company, in directory files and the database's <c>kind</c> column (also the default).</summary>
    public const string Company = "company";

    /// <summary>The kind of a private person, in directory files and the database's <c>kind</c> column.</summary>
    public const string Person = "person";

    /// <summary>Every <c>AGIIDENT_STATUS</c>, in the order of <see cref="IdentStatus"/>.</summary>
    public static readonly IReadOnlyList<string> Statuses = [Found, NotFound, Anonymous, Error];

    /// <summary>Every <c>AGIIDENT_SOURCE</c>.</summary>
    public static readonly IReadOnlyList<string> Sources = [Snapshot, Live, Stale];

    /// <summary>The <c>AGIIDENT_STATUS</c> value of a status.</summary>
    public static string Status(IdentStatus status) => status switch
    {
        IdentStatus.Found => Found,
        IdentStatus.NotFound => NotFound,
        IdentStatus.Anonymous => Anonymous,
        _ => Error,
    };
}
