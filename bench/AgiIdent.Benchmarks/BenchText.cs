namespace AgiIdent.Benchmarks;

/// <summary>What every benchmark report says about the build it ran on.</summary>
internal static class BenchText
{
#if DEBUG
    /// <summary>Appended to a report's runtime line: a Debug build's numbers are not worth quoting.</summary>
    public const string DebugWarning = "; DEBUG BUILD: numbers are not representative, use -c Release";
#else
    /// <summary>Appended to a report's runtime line: nothing for a Release build.</summary>
    public const string DebugWarning = "";
#endif
}
