namespace AgiIdent.Numbering;

/// <summary>
/// One number found in a stored phone field: its E.164 digits when the country is known (written with a country code,
/// or in the national format of the configured plan), and always its last national digits for matching when not.
/// </summary>
public readonly record struct StoredNumber(string? E164, string Suffix);
