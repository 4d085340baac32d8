namespace AgiIdent.Sync;

/// <summary>A stored number that could not be read, and where it is.</summary>
internal sealed record PhoneProblem(string Role, string Ref, int Line, string Problem);
