namespace AgiIdent.Benchmarks;

/// <summary>What one directory run does; built and validated by <see cref="LoadCommandLine"/>.</summary>
internal sealed record DirectoryBenchOptions
{
    /// <summary>Parties generated.</summary>
    public int Parties { get; init; } = 500_000;

    /// <summary>Numbers generated over all parties' phone fields (rows of <c>agiident.phone</c>).</summary>
    public int Phones { get; init; } = 1_000_000;

    /// <summary>Seed of the generator and of the callers' picks.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>An existing PostgreSQL database to use; null starts a throwaway server.</summary>
    public string? Connection { get; init; }

    /// <summary>Skip migrate and import: the database already holds this directory (same sizes and seed).</summary>
    public bool NoImport { get; init; }

    /// <summary>Folder of <c>initdb</c> and <c>pg_ctl</c> for the throwaway server.</summary>
    public string? PostgresBin { get; init; }

    /// <summary>The <c>agiident</c> program started as the server.</summary>
    public required string Agiident { get; init; }

    /// <summary>More environment variables for the started servers (e.g. <c>DOTNET_GCConserveMemory</c>).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>What to run.</summary>
    public DirectoryStep Steps { get; init; } = DirectoryStep.All;

    /// <summary>Sessions of the one-client run.</summary>
    public long Sessions { get; init; } = 20_000;

    /// <summary>Seconds of the many-client run.</summary>
    public double Seconds { get; init; } = 15;

    /// <summary>Clients of the many-client run.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Sessions before each measured run.</summary>
    public long Warmup { get; init; } = 2_000;

    /// <summary>Share of callers in no party.</summary>
    public double MissShare { get; init; } = 0.05;

    /// <summary>Refresh rounds.</summary>
    public int Rounds { get; init; } = 20;

    /// <summary>Parties changed per round.</summary>
    public int Changed { get; init; } = 100;

    /// <summary>A session whose server is silent this long is a failure.</summary>
    public int TimeoutMs { get; init; } = 5_000;
}
