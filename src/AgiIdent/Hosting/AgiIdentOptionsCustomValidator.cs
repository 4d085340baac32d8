using System.Globalization;
using System.Net;
using AgiIdent.Directory;
using AgiIdent.Settings;

namespace AgiIdent.Hosting;

/// <summary>
/// The checks of <see cref="AgiIdentOptions"/> an attribute cannot say: the two addresses and the clients, and what
/// the daemon's parts need of each other (a directory query that fits in the session budget, a background sync with
/// a database to write to).
/// </summary>
internal sealed class AgiIdentOptionsCustomValidator : SettingsValidator<AgiIdentOptions>
{
    /// <inheritdoc />
    protected override void Check(AgiIdentOptions options, List<string> errors)
    {
        var listen = AgiIdentOptions.ParseEndPoint(options.Listen);
        if (listen is null)
        {
            errors.Add($"AgiIdent:Listen: '{options.Listen}' is not an address; write ip:port, e.g. 127.0.0.1:4573 or 0.0.0.0:4573");
        }

        if (!string.IsNullOrWhiteSpace(options.Http) && AgiIdentOptions.ParseEndPoint(options.Http) is null)
        {
            errors.Add($"AgiIdent:Http: '{options.Http}' is not an address; write ip:port, e.g. 127.0.0.1:4580, or leave it empty to turn the HTTP port off");
        }

        if (listen is { Port: > 0 } && AgiIdentOptions.ParseEndPoint(options.Http) is { } http && http.Port == listen.Port &&
            (http.Address.Equals(listen.Address) || IsAny(http.Address) || IsAny(listen.Address)))
        {
            errors.Add($"AgiIdent:Http: {http} is also AgiIdent:Listen ({listen}); give the monitoring port its own, e.g. 127.0.0.1:4580");
        }

        foreach (var client in options.AllowedClients ?? [])
        {
            if (!IPNetwork.TryParse(client.Trim(), out _))
            {
                errors.Add($"AgiIdent:AllowedClients: '{client}' is not a CIDR; write e.g. 10.0.0.5/32 or 192.168.1.0/24");
            }
        }

        var directory = options.Directory;
        var lookupLimit = (int)(options.SessionBudgetMs * CallerId.IdentScript.LookupShare);
        // Below 10 is the directory's own check (DirectoryOptions.QueryTimeoutMs).
        if (directory.Source == DirectorySource.Postgres && directory.QueryTimeoutMs >= 10 && directory.QueryTimeoutMs >= lookupLimit)
        {
            errors.Add($"AgiIdent:Directory:QueryTimeoutMs: {directory.QueryTimeoutMs.ToString(CultureInfo.InvariantCulture)} must be below two thirds of AgiIdent:SessionBudgetMs ({lookupLimit.ToString(CultureInfo.InvariantCulture)} ms), or a slow query leaves no time to answer the call");
        }

        if (options.Sync.IntervalSeconds > 0 && directory.Source != DirectorySource.Postgres)
        {
            errors.Add("AgiIdent:Sync:IntervalSeconds: the background sync writes to PostgreSQL; set AgiIdent:Directory:Source=Postgres (or 0 to turn the sync off)");
        }

    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
