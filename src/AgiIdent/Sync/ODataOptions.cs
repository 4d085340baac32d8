using AgiIdent.Settings;

namespace AgiIdent.Sync;

/// <summary>The <c>AgiIdent:Sync:OData</c> section: where 1C publishes its standard OData interface.</summary>
[SettingsSection("AgiIdent:Sync:OData")]
public sealed class ODataOptions
{
    /// <summary>The service root, <c>http://1c-server/base/odata/standard.odata/</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The 1C user the sync logs in as (HTTP Basic, UTF-8: Cyrillic logins work).</summary>
    public string? User { get; set; }

    /// <summary>That user's password; prefer <c>AgiIdent__Sync__OData__Password_FILE</c>.</summary>
    public string? Password { get; set; }

    /// <summary>Objects per request (<c>$top</c>).</summary>
    [Within(1, 10_000, Unit = " (objects per request)")]
    public int PageSize { get; set; } = 1000;

    /// <summary>References per <c>$filter</c> when reading changed objects; keeps URLs short for 1C's web server.</summary>
    [Within(1, 100, Unit = " (references per request)")]
    public int BatchSize { get; set; } = 20;

    /// <summary>Seconds one request may take, reading its whole answer included.</summary>
    [Within(1, 3_600, Unit = " (seconds)")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of a request that failed for a network error, a timeout or HTTP 408/429/5xx.</summary>
    [Within(0, 10, Unit = " (retries)")]
    public int Retries { get; set; } = 4;

    /// <summary>Milliseconds before the first retry; doubled for each next one.</summary>
    [Within(0, 60_000, Unit = " (milliseconds)")]
    public int RetryDelayMs { get; set; } = 1000;
}
