namespace AgiIdent.Display;

/// <summary>One way of showing a caller: a template, a width, flag marks, and whether to write in Latin letters.</summary>
public sealed record ScreenProfile(
    string Name,
    ScreenTemplate Template,
    ScreenWidth Width,
    IReadOnlyList<KeyValuePair<string, string>> Marks,
    bool Transliterate,
    IReadOnlyList<ExtensionRange> Extensions)
{
    /// <summary><c>AgiIdent:Display:UnknownTemplate</c>: what an unknown caller shows; null leaves the caller's name alone.</summary>
    public ScreenTemplate? UnknownTemplate { get; init; }

    /// <summary>The language <c>{place}</c> is written in (<c>uk</c>, <c>ru</c>, <c>en</c>).</summary>
    public string Language { get; init; } = "en";
}
