namespace AgiIdent;

/// <summary>
/// The log category of the call summaries, one line per call: <c>AgiIdent.Calls</c>, the full name of this type.
/// Admins silence those lines by that name (<c>Serilog:MinimumLevel:Override:AgiIdent.Calls</c>, README and
/// docs/BENCHMARKS.md), so the type keeps its name and namespace.
/// </summary>
public static class Calls
{
}
