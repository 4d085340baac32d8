namespace AgiIdent.TestSupport;

/// <summary>The arguments <c>__ast_app_separate_args()</c> produced, whether it would have read past the end, and the levels it ended on.</summary>
public sealed record AppArguments(IReadOnlyList<byte[]> Arguments, bool ReadPastEnd, int Parentheses, int Brackets, bool Quoted)
{
    /// <summary>The arguments decoded as strict UTF-8.</summary>
    public IReadOnlyList<string> Strings => [.. Arguments.Select(argument => Utf8.Strict.GetString(argument))];
}
