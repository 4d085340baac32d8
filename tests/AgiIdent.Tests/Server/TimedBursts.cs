namespace AgiIdent.Tests.Server;

/// <summary>
/// Bursts whose assertions are the session budget itself (a 300 ms wait for one reply, a session held to 300 ms).
/// The fake Asterisk and the daemon share this process, so these run on their own, after the parallel tests: a
/// CPU-bound property test or a PostgreSQL start beside them would stretch a 5 ms answer past the budget and the test
/// would measure the test machine, not the daemon. Regression: CI on a clean 2-core machine cut Single-mode sessions
/// of the 200-call burst after 1 to 7 of their 16 variables while other test classes ran beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedBursts
{
    public const string Name = "timed bursts";
}
