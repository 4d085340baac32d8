using AgiIdent.Contract;

namespace AgiIdent.CallerId;

/// <summary>
/// The names of the channel variables (and the one dialplan function) the daemon sets: the public contract that users'
/// dialplans read. Never rename one.
/// </summary>
public static class VariableNames
{
    /// <summary>The answer: one of <see cref="ContractText.Statuses"/>.</summary>
    public const string Status = "AGIIDENT_STATUS";

    /// <summary>The screen text, set as the caller's name.</summary>
    public const string CallerName = "CALLERID(name)";

    /// <summary>The caller's number in E.164 without the plus.</summary>
    public const string Number = "AGIIDENT_NUMBER";

    /// <summary>The party's id in 1C.</summary>
    public const string Id = "AGIIDENT_ID";

    /// <summary>The party's code in 1C.</summary>
    public const string Code = "AGIIDENT_CODE";

    /// <summary>The party's name.</summary>
    public const string Name = "AGIIDENT_NAME";

    /// <summary>The contact person whose phone matched.</summary>
    public const string Contact = "AGIIDENT_CONTACT";

    /// <summary>The party's manager.</summary>
    public const string Manager = "AGIIDENT_MANAGER";

    /// <summary>The manager's extension.</summary>
    public const string ManagerExtension = "AGIIDENT_MANAGER_EXT";

    /// <summary>The party's flags, comma-separated.</summary>
    public const string Flags = "AGIIDENT_FLAGS";

    /// <summary>The party's debt.</summary>
    public const string Debt = "AGIIDENT_DEBT";

    /// <summary>The party's language.</summary>
    public const string Language = "AGIIDENT_LANG";

    /// <summary>The party's greeting sound.</summary>
    public const string Greeting = "AGIIDENT_GREETING";

    /// <summary>The route the rules chose.</summary>
    public const string Route = "AGIIDENT_ROUTE";

    /// <summary>How many parties have the number.</summary>
    public const string Matches = "AGIIDENT_MATCHES";

    /// <summary>Where the answer came from: one of <see cref="ContractText.Sources"/>.</summary>
    public const string Source = "AGIIDENT_SOURCE";
}
