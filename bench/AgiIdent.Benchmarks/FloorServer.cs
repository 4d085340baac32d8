using System.Net;
using System.Net.Sockets;

namespace AgiIdent.Benchmarks;

/// <summary>
/// The floor a FastAGI server cannot go below, on raw sockets: read the environment up to its empty line, send one
/// fixed <c>SET VARIABLE AGIIDENT_STATUS "FOUND"</c>, read its reply, close. No parsing, no lookup, no logging.
/// </summary>
internal sealed class FloorServer : IAsyncDisposable
{
    private static readonly byte[] Command = "SET VARIABLE AGIIDENT_STATUS \"FOUND\"\n"u8.ToArray();
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private FloorServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Starts listening on a loopback port chosen by the kernel.</summary>
    public static FloorServer Start() => new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private static async Task ServeAsync(Socket client)
    {
        using (client)
        {
            client.NoDelay = true;
            var buffer = new byte[4096];
            try
            {
                // The environment ends with an empty line; the reply with a line feed.
                var length = 0;
                while (buffer.AsSpan(0, length).IndexOf("\n\n"u8) < 0)
                {
                    var read = await client.ReceiveAsync(buffer.AsMemory(length)).ConfigureAwait(false);
                    if (read == 0 || (length += read) == buffer.Length)
                    {
                        return;
                    }
                }

                await client.SendAsync(Command).ConfigureAwait(false);
                while (await client.ReceiveAsync(buffer).ConfigureAwait(false) is var got && got > 0 && buffer.AsSpan(0, got).IndexOf((byte)'\n') < 0)
                {
                }
            }
            catch (SocketException)
            {
                // A client gone early ends its session, nothing more.
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
