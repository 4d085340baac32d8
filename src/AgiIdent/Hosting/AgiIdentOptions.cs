using System.Net;
using AgiIdent.Display;
using AgiIdent.Numbering;
using AgiIdent.Rules;

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

    /// <summary>HTTP address of <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>; empty turns it off.</summary>
    public string? Http { get; set; } = "127.0.0.1:4580";

    /// <summary>The parsed <see cref="Http"/> address, null when it is off (valid after validation).</summary>
    internal IPEndPoint? HttpEndPoint => string.IsNullOrWhiteSpace(Http) ? null : ParseEndPoint(Http);

    /// <summary>CIDRs of the Asterisk servers allowed to connect; loopback when not set.</summary>
    public string[]? AllowedClients { get; set; }

    /// <summary>Sessions served at once; beyond it a call gets <c>AGIIDENT_STATUS=ERROR</c> at once instead of waiting.</summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>Milliseconds from the end of the environment block to closing the session, whatever happens.</summary>
    public int SessionBudgetMs { get; set; } = 300;

    /// <summary>Log caller numbers with all but their last four digits masked.</summary>
    public bool MaskCallerNumbers { get; set; }

    /// <summary>The <c>AgiIdent:Protocol</c> section: how the answer is written to Asterisk.</summary>
    public ProtocolOptions Protocol { get; set; } = new();

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

    /// <summary>The <c>AgiIdent:Rules</c> list, evaluated in order on every call.</summary>
    public RuleOptions[]? Rules { get; set; }

    /// <summary>The parsed <see cref="Listen"/> address (valid after validation).</summary>
    internal IPEndPoint ListenEndPoint => ParseEndPoint(Listen) ?? throw new InvalidOperationException("AgiIdent:Listen was not validated");

    /// <summary>The parsed <see cref="AllowedClients"/> (valid after validation).</summary>
    internal IReadOnlyList<IPNetwork> AllowedNetworks =>
        [.. (AllowedClients ?? DefaultAllowedClients).Select(static c => IPNetwork.Parse(c.Trim()))];

    /// <summary>Loopback, IPv4 and IPv6.</summary>
    public static IReadOnlyList<string> DefaultAllowedClients { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary><c>ConnectionStrings:Directory</c> (set by validation; never logged).</summary>
    internal string? ConnectionString { get; set; }

    /// <summary>The compiled display profiles (set by validation).</summary>
    internal ScreenProfiles Screens { get; set; } = null!;

    /// <summary>The compiled rules (set by validation).</summary>
    internal RuleSet RuleSet { get; set; } = AgiIdent.Rules.RuleSet.Empty;

    /// <summary>The number parser the <c>Numbering</c> section describes (valid after validation).</summary>
    internal PhoneNumber CreatePhoneNumber() =>
        new(NumberingPlan.For(Numbering.Country), Numbering.AreaCode, Numbering.MatchDigits);

    /// <summary>Parses <c>host:port</c> with an IP host (<c>0.0.0.0</c> or <c>[::]</c> for all interfaces).</summary>
    internal static IPEndPoint? ParseEndPoint(string? text) =>
        IPEndPoint.TryParse(text ?? string.Empty, out var endPoint) && endPoint.Port is >= 0 and <= 65535 && (text ?? string.Empty).Contains(':', StringComparison.Ordinal)
            ? endPoint
            : null;
}

/// <summary>The <c>AgiIdent:Protocol</c> configuration section.</summary>
public sealed class ProtocolOptions
{
    /// <summary>
    /// <c>Array</c> (default): the whole answer in one <c>SET VARIABLE ARRAY(...)</c> round trip (func_strings, in every
    /// Asterisk since 1.6); <c>Single</c>: one <c>SET VARIABLE</c> per variable, for an Asterisk without func_strings.
    /// </summary>
    public AgiIdent.Agi.AgiVariableCommands Commands { get; set; } = AgiIdent.Agi.AgiVariableCommands.Array;
}

/// <summary>How a PostgreSQL directory answers calls (<c>AgiIdent:Directory:Mode</c>).</summary>
public enum DirectoryMode
{
    /// <summary>Everything held in memory, refreshed by what changed; no database round trip during a call.</summary>
    Snapshot,

    /// <summary>One indexed query per call, for directories too big to hold.</summary>
    Direct,
}

/// <summary>The <c>AgiIdent:Directory</c> configuration section.</summary>
public sealed class DirectoryOptions
{
    /// <summary><c>File</c> (default) or <c>Postgres</c>.</summary>
    public DirectorySource Source { get; set; } = DirectorySource.File;

    /// <summary>Path of the JSON directory file; empty uses the embedded demo directory.</summary>
    public string? File { get; set; }

    /// <summary><c>Snapshot</c> (default) or <c>Direct</c>, for <c>Source=Postgres</c>.</summary>
    public DirectoryMode Mode { get; set; } = DirectoryMode.Snapshot;

    /// <summary>Seconds between snapshot refreshes; a NOTIFY from the database triggers one at once.</summary>
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>Milliseconds a direct-mode query may take before the call falls back.</summary>
    public int QueryTimeoutMs { get; set; } = 150;

    /// <summary>The admin's own query for direct mode, with parameters <c>@e164</c> and <c>@suffix</c>, returning the canonical columns by name.</summary>
    public string? CustomSql { get; set; }

    /// <summary>Where the last good snapshot is kept on disk; <c>$STATE_DIRECTORY/snapshot-HOST-PORT-DATABASE.cache</c> (one per database), on Windows under <c>%ProgramData%\AgiIdent</c>, else the user's local data folder, when empty.</summary>
    public string? CacheFile { get; set; }

    /// <summary>The cache file path to use for the database of <paramref name="connectionString"/> (one file per database).</summary>
    internal string CacheFilePathFor(string? connectionString) => !string.IsNullOrWhiteSpace(CacheFile)
        ? CacheFile
        : Path.Combine(AgiIdentPaths.StateDirectory, AgiIdent.Directory.SnapshotCacheFile.DefaultName(connectionString));
}

/// <summary>The <c>AgiIdent:Numbering</c> configuration section.</summary>
public sealed class NumberingOptions
{
    /// <summary>
    /// The country whose national numbers callers and 1C use: any ISO 3166 region libphonenumber knows (<c>UA</c>,
    /// <c>DE</c>, <c>US</c>, ...), or <c>E164</c> for international forms only.
    /// </summary>
    public string Country { get; set; } = "UA";

    /// <summary>Area code that completes local 5–7 digit numbers (<c>44</c> or <c>044</c> for Kyiv); empty leaves them out.</summary>
    public string? AreaCode { get; set; }

    /// <summary>Trailing digits that match a stored number whose country is unknown; the plan's default when not set (9 for UA, 10 for RU).</summary>
    public int? MatchDigits { get; set; }
}

/// <summary>The <c>AgiIdent:Display</c> configuration section: what the phones show.</summary>
public sealed class DisplayOptions
{
    /// <summary>The default template: flag marks, the short name, then (when there is room) how many others share the number and the contact person.</summary>
    public const string DefaultTemplate = "{marks}{name}[ {more}][, {contact}]";

    /// <summary>Flag marks shown before the name, highest priority first, each <c>Flag=Mark</c>.</summary>
    public static IReadOnlyList<string> DefaultMarks { get; } = ["Blocked=X", "Prepayment=$", "VIP=*"];

    /// <summary>The screen template (fields in braces, optional groups in brackets).</summary>
    public string Template { get; set; } = DefaultTemplate;

    /// <summary>
    /// What an unknown caller shows, from the number alone (<c>? {place}</c>, <c>? {region} {number_type}</c>); empty
    /// (the default) leaves an unknown caller's name as the trunk sent it.
    /// </summary>
    public string UnknownTemplate { get; set; } = string.Empty;

    /// <summary>Characters the screen shows.</summary>
    public int MaxLength { get; set; } = 20;

    /// <summary>UTF-8 bytes the phone accepts, for old phones that count bytes; not set means no limit.</summary>
    public int? MaxBytes { get; set; }

    /// <summary>Flag marks, <c>Flag=Mark</c>, highest priority first; <see cref="DefaultMarks"/> when not set.</summary>
    public string[]? Marks { get; set; }

    /// <summary>Write the screen in Latin letters, for phones without Cyrillic.</summary>
    public bool Transliterate { get; set; }

    /// <summary>Per-employee profiles by name, selected with <c>/ident?for=EXTENSION</c>.</summary>
    public Dictionary<string, DisplayProfileOptions> Profiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One <c>AgiIdent:Display:Profiles:NAME</c> section: a screen for some extensions.</summary>
public sealed class DisplayProfileOptions
{
    /// <summary>Extensions and ranges (<c>201-209</c>) whose phones use this profile.</summary>
    public string[]? Extensions { get; set; }

    /// <summary>The template; the default one when not set.</summary>
    public string? Template { get; set; }

    /// <summary>Characters the screen shows; the default width when not set.</summary>
    public int? MaxLength { get; set; }

    /// <summary>UTF-8 bytes the phone accepts; the default when not set.</summary>
    public int? MaxBytes { get; set; }

    /// <summary>Flag marks, <c>Flag=Mark</c>; the default marks when not set.</summary>
    public string[]? Marks { get; set; }

    /// <summary>Latin letters on this profile's phones; the default when not set.</summary>
    public bool? Transliterate { get; set; }
}

/// <summary>One routing rule of <c>AgiIdent:Rules</c>.</summary>
public sealed class RuleOptions
{
    /// <summary>The rule's name, for messages and <c>agiident lookup</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The condition, e.g. <c>flags has 'VIP' and debt &lt; 100000</c>; empty means always.</summary>
    public string? When { get; set; }

    /// <summary>Variables to set when the condition holds; values may use <c>{field}</c>.</summary>
    public Dictionary<string, string> Set { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Stop evaluating later rules once this one fired.</summary>
    public bool Stop { get; set; }
}
