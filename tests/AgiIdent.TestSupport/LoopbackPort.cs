using System.Net;
using System.Net.Sockets;

namespace AgiIdent.TestSupport;

/// <summary>Ports on 127.0.0.1 for servers a test or a benchmark starts.</summary>
public static class LoopbackPort
{
    /// <summary>A port no one listens on now: the system's pick for a listener bound to port 0, released again.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
