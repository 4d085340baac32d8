using System.Net;
using AgiIdent.Numbering;

namespace AgiIdent.Hosting;

/// <summary>Where the directory comes from (<c>AgiIdent:Directory:Source</c>).</summary>
public enum DirectorySource
{
    /// <summary>A JSON directory file, or the embedded demo directory when no file is named.</summary>
    File,

    /// <summary>The replicated PostgreSQL copy of the 1C data.</summary>
    Postgres,
}

/// <summary>The <c>AgiIdent</c> configuration section.</summary>
public sealed class AgiIdentOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "AgiIdent";

    /// <summary>FastAGI listen address, <c>host:port</c>. Loopback by default: FastAGI has no authentication.</summary>
    public string Listen { get; set; } = "127.0.0.1:4573";

    /// <summary>CIDRs of the Asterisk servers allowed to connect; loopback when not set.</summary>
    public string[]? AllowedClients { get; set; }

    /// <summary>Sessions served at once; beyond it a call gets <c>AGIIDENT_STATUS=ERROR</c> at once instead of waiting.</summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>Milliseconds from the end of the environment block to closing the session, whatever happens.</summary>
    public int SessionBudgetMs { get; set; } = 300;

    /// <summary>Log caller numbers with all but their last four digits masked.</summary>
    public bool MaskCallerNumbers { get; set; }

    /// <summary>The <c>AgiIdent:Directory</c> section.</summary>
    public DirectoryOptions Directory { get; set; } = new();

    /// <summary>The <c>AgiIdent:Numbering</c> section.</summary>
    public NumberingOptions Numbering { get; set; } = new();

    /// <summary>The parsed <see cref="Listen"/> address (valid after validation).</summary>
    internal IPEndPoint ListenEndPoint => ParseEndPoint(Listen) ?? throw new InvalidOperationException("AgiIdent:Listen was not validated");

    /// <summary>The parsed <see cref="AllowedClients"/> (valid after validation).</summary>
    internal IReadOnlyList<IPNetwork> AllowedNetworks =>
        [.. (AllowedClients ?? DefaultAllowedClients).Select(static c => IPNetwork.Parse(c.Trim()))];

    /// <summary>Loopback, IPv4 and IPv6.</summary>
    public static IReadOnlyList<string> DefaultAllowedClients { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>The plan national numbers are read with.</summary>
    internal NumberingPlan NumberingPlan => NumberingPlan.Known[Numbering.Country];

    /// <summary>Parses <c>host:port</c> with an IP host (<c>0.0.0.0</c> or <c>[::]</c> for all interfaces).</summary>
    internal static IPEndPoint? ParseEndPoint(string? text) =>
        IPEndPoint.TryParse(text ?? string.Empty, out var endPoint) && endPoint.Port is >= 0 and <= 65535 && (text ?? string.Empty).Contains(':', StringComparison.Ordinal)
            ? endPoint
            : null;
}

/// <summary>The <c>AgiIdent:Directory</c> configuration section.</summary>
public sealed class DirectoryOptions
{
    /// <summary><c>File</c> (default) or <c>Postgres</c>.</summary>
    public DirectorySource Source { get; set; } = DirectorySource.File;

    /// <summary>Path of the JSON directory file; empty uses the embedded demo directory.</summary>
    public string? File { get; set; }
}

/// <summary>The <c>AgiIdent:Numbering</c> configuration section.</summary>
public sealed class NumberingOptions
{
    /// <summary>The country whose numbering plan national numbers follow: <c>UA</c>, <c>RU</c> or <c>KZ</c>.</summary>
    public string Country { get; set; } = "UA";
}
