using System.Net;

namespace AgiIdent.Benchmarks;

/// <summary>What one load run does; built and validated by <see cref="LoadCommandLine"/>.</summary>
internal sealed record LoadOptions
{
    /// <summary>A separately started server; null starts the daemon in this process.</summary>
    public IPEndPoint? Server { get; init; }

    /// <summary>Process id of the separately started server, to read its memory from <c>/proc</c>.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Client threads, each running sessions back to back.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Sessions measured in total (ignored when <see cref="Duration"/> is set).</summary>
    public long Sessions { get; init; } = 20_000;

    /// <summary>Measure for this long instead of a number of sessions.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Sessions run first and not measured (JIT, tiering, connection setup paths).</summary>
    public long Warmup { get; init; } = 2_000;

    /// <summary>The caller number every session presents.</summary>
    public string CallerNumber { get; init; } = "0441234567";

    /// <summary>Callers picked at random per session instead of <see cref="CallerNumber"/> (directory runs).</summary>
    public CallerPool? Callers { get; init; }

    /// <summary>Serilog level of the <c>AgiIdent.Calls</c> category for the in-process server.</summary>
    public string CallsLogLevel { get; init; } = "Warning";

    /// <summary>Leak check: print the server's memory every <see cref="MemoryEvery"/> sessions.</summary>
    public bool MemoryCheck { get; init; }

    /// <summary>Sessions between two memory checkpoints.</summary>
    public long MemoryEvery { get; init; } = 100_000;

    /// <summary>A session that sends nothing for this long counts as broken.</summary>
    public int TimeoutMs { get; init; } = 5_000;
}
