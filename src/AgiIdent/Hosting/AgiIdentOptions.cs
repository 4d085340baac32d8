using System.Net;
using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Numbering;
using AgiIdent.Rules;
using AgiIdent.Settings;

namespace AgiIdent.Hosting;

/// <summary>
/// The <c>AgiIdent</c> configuration section: the host's own keys, and the sections below it, each owned, bound and
/// validated by its feature (<see cref="DirectoryOptions"/>, <see cref="NumberingOptions"/>, ...). All of it is the
/// schema unknown keys are looked up in, and what the commands read.
/// </summary>
[SettingsSection(Section)]
public sealed class AgiIdentOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "AgiIdent";

    /// <summary>FastAGI listen address, <c>host:port</c>. Loopback by default: FastAGI has no authentication.</summary>
    public string Listen { get; set; } = "127.0.0.1:4573";

    /// <summary>HTTP address of <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>; empty turns it off.</summary>
    public string? Http { get; set; } = "127.0.0.1:4580";

    /// <summary>The parsed <see cref="Http"/> address, null when it is off (valid after validation).</summary>
    internal IPEndPoint? HttpEndPoint => string.IsNullOrWhiteSpace(Http) ? null : ParseEndPoint(Http);

    /// <summary>CIDRs of the Asterisk servers allowed to connect; loopback when not set.</summary>
    public string[]? AllowedClients { get; set; }

    /// <summary>Sessions served at once; beyond it a call gets <c>AGIIDENT_STATUS=ERROR</c> at once instead of waiting.</summary>
    [Within(1, 100_000)]
    public int MaxSessions { get; set; } = 1000;

    /// <summary>Milliseconds from the end of the environment block to closing the session, whatever happens.</summary>
    [Within(20, 60_000, Unit = " milliseconds")]
    public int SessionBudgetMs { get; set; } = 300;

    /// <summary>Log caller numbers with all but their last four digits masked.</summary>
    public bool MaskCallerNumbers { get; set; }

    /// <summary>The <c>AgiIdent:Protocol</c> section: how the answer is written to Asterisk.</summary>
    public ProtocolOptions Protocol { get; set; } = new();

    // Each section below is validated by its own feature's validators, registered with it, not through this class.
#pragma warning disable SYSLIB1212

    /// <summary>The <c>AgiIdent:Directory</c> section.</summary>
    public DirectoryOptions Directory { get; set; } = new();

    /// <summary>The <c>AgiIdent:Numbering</c> section.</summary>
    public NumberingOptions Numbering { get; set; } = new();

    /// <summary>The <c>AgiIdent:Display</c> section.</summary>
    public DisplayOptions Display { get; set; } = new();

    /// <summary>The <c>AgiIdent:Sync</c> section: replication from 1C.</summary>
    public AgiIdent.Sync.SyncOptions Sync { get; set; } = new();

    /// <summary>The <c>AgiIdent:Import</c> section: the guard of <c>agiident import</c>.</summary>
    public AgiIdent.Directory.Postgres.ImportOptions Import { get; set; } = new();
#pragma warning restore SYSLIB1212

    /// <summary>The <c>AgiIdent:Rules</c> list, evaluated in order on every call.</summary>
    public RuleOptions[]? Rules { get; set; }

    /// <summary>The parsed <see cref="Listen"/> address (valid after validation).</summary>
    internal IPEndPoint ListenEndPoint => ParseEndPoint(Listen) ?? throw new InvalidOperationException("AgiIdent:Listen was not validated");

    /// <summary>The parsed <see cref="AllowedClients"/> (valid after validation).</summary>
    internal IReadOnlyList<IPNetwork> AllowedNetworks =>
        [.. (AllowedClients ?? DefaultAllowedClients).Select(static c => IPNetwork.Parse(c.Trim()))];

    /// <summary>Loopback, IPv4 and IPv6.</summary>
    public static IReadOnlyList<string> DefaultAllowedClients { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>The number parser the <c>Numbering</c> section describes (valid after validation).</summary>
    internal NumberParser CreateNumberParser() => Numbering.CreateParser();

    /// <summary>Parses <c>host:port</c> with an IP host (<c>0.0.0.0</c> or <c>[::]</c> for all interfaces).</summary>
    internal static IPEndPoint? ParseEndPoint(string? text) =>
        IPEndPoint.TryParse(text ?? string.Empty, out var endPoint) && endPoint.Port is >= 0 and <= 65535 && (text ?? string.Empty).Contains(':', StringComparison.Ordinal)
            ? endPoint
            : null;
}
