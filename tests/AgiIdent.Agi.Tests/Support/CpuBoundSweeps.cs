namespace AgiIdent.Agi.Tests.Support;

/// <summary>
/// Byte-boundary sweeps that keep a core busy for a while; they run on their own, after the parallel tests, so that
/// the session tests' waits are not starved of CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuBoundSweeps
{
    public const string Name = "CPU-bound sweeps";
}
