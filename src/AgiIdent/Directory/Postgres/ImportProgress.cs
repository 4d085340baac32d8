namespace AgiIdent.Directory.Postgres;

/// <summary>How far an import has written: parties and numbers so far, of those it will write.</summary>
public readonly record struct ImportProgress(int Parties, int TotalParties, int Numbers, int TotalNumbers);
