namespace AgiIdent.Benchmarks;

/// <summary>The soak's settings.</summary>
internal sealed record SoakOptions(
    long Sessions,
    int Concurrency,
    int StallClients,
    int OutageEverySeconds,
    int OutageSeconds,
    int SyncIntervalSeconds,
    int BudgetMs,
    int ReportEverySeconds,
    string PostgresBin,
    string Program);
