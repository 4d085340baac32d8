namespace AgiIdent.TestSupport;

/// <summary>The words <c>parse_args()</c> produced, and whether the line ended inside quotes or after a lone backslash.</summary>
public sealed record AsteriskArguments(IReadOnlyList<byte[]> Words, bool EndedQuoted, bool EndedEscaped)
{
    /// <summary>The words decoded as UTF-8, throwing on invalid bytes so that a cut character cannot go unnoticed.</summary>
    public IReadOnlyList<string> Strings => [.. Words.Select(word => Utf8.Strict.GetString(word))];
}
