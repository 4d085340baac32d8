namespace AgiIdent.Cli;

/// <summary>What a progress display shows of long work at one moment: what is being done, and how much of how much.</summary>
internal readonly record struct ProgressFigures(string Doing, long Done, long? Total, string Unit);
