using System.Globalization;

namespace AgiIdent.Benchmarks;

/// <summary>The server process's memory at one moment; a null field could not be read.</summary>
internal readonly record struct MemorySample(long? ResidentBytes, long? GcHeapBytes, int? Threads, int? OpenFiles)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RSS {Mebibytes(ResidentBytes)}, GC heap {Mebibytes(GcHeapBytes)}, threads {Count(Threads)}, open fds {Count(OpenFiles)}");

    private static string Mebibytes(long? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0.0} MiB") : "n/a";

    private static string Count(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "n/a";
}
