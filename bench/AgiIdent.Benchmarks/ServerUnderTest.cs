using System.Globalization;
using System.Net;

namespace AgiIdent.Benchmarks;

/// <summary>The AgiIdent server under load: started in this process, or already running elsewhere.</summary>
internal abstract class ServerUnderTest : IAsyncDisposable
{
    /// <summary>Where the fake Asterisks connect.</summary>
    public abstract IPEndPoint EndPoint { get; }

    /// <summary>One line saying what is measured.</summary>
    public abstract string Description { get; }

    /// <summary>Reads the server process's memory; <paramref name="fullCollection"/> first forces a full GC where the server is in this process.</summary>
    public abstract MemorySample SampleMemory(bool fullCollection);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Reads <c>VmRSS</c> and <c>Threads</c> from <c>/proc/PID/status</c> and counts <c>/proc/PID/fd</c>; nulls where unreadable.</summary>
    protected static (long? Resident, int? Threads, int? OpenFiles) ReadProc(int pid)
    {
        long? resident = null;
        int? threads = null;
        int? files = null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    resident = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }

            files = System.IO.Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux, or not our process to read: report what was read.
        }

        return (resident, threads, files);
    }
}
