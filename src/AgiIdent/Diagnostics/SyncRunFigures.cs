namespace AgiIdent.Diagnostics;

/// <summary>The figures of one successful sync run that <c>/metrics</c> shows: how long it took, the parties it changed and what it left out.</summary>
public sealed record SyncRunFigures(TimeSpan Elapsed, int Changed, int Rejected);
