using System.Net;

namespace AgiIdent.Benchmarks;

/// <summary>A separately started <c>agiident serve</c>: the honest setup, client and server in different processes.</summary>
internal sealed class ExternalServer(IPEndPoint endPoint, int? pid) : ServerUnderTest
{
    public override IPEndPoint EndPoint => endPoint;

    public override string Description =>
        pid is { } p ? $"external server {endPoint} (pid {p}: RSS from /proc/{p}/status)" : $"external server {endPoint} (no --server-pid: server memory not read)";

    public override MemorySample SampleMemory(bool fullCollection)
    {
        if (pid is not { } p)
        {
            return default;
        }

        var (resident, threads, files) = ReadProc(p);
        return new MemorySample(resident, null, threads, files);
    }

    /// <summary>The server is not ours to stop.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
