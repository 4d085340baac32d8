using System.Net;

namespace AgiIdent.Hosting;

/// <summary>Decides which peers may speak FastAGI to us (<c>AgiIdent:AllowedClients</c>).</summary>
public sealed class ClientFilter(IReadOnlyList<IPNetwork> allowed)
{
    /// <summary>True when <paramref name="remote"/> lies in one of the allowed networks (IPv4-mapped IPv6 counts as IPv4).</summary>
    public bool IsAllowed(EndPoint? remote)
    {
        if (remote is not IPEndPoint ip)
        {
            return false;
        }

        var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        for (var i = 0; i < allowed.Count; i++)
        {
            if (allowed[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
