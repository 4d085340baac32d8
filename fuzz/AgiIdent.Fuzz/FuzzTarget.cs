namespace AgiIdent.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds it one input and returns normally when the parser either accepted
/// it or rejected it the documented way (each target says which exception types that is); anything else escapes as a
/// failure: an unexpected exception, or a <see cref="FuzzFailure"/> for a broken invariant or round trip.
/// </summary>
public sealed record FuzzTarget(string Name, string Parses, Action<byte[]> Run);

/// <summary>A target's own check failed: a round trip did not give the value back, or a result broke an invariant.</summary>
public sealed class FuzzFailure : Exception
{
    public FuzzFailure(string message) : base(message)
    {
    }

    public FuzzFailure()
    {
    }

    public FuzzFailure(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzFailure(message);
        }
    }
}

/// <summary>Every target, by the name <c>fuzz/run.sh</c>, the corpus folders and the replay use.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("agi-environment", "the AGI environment block (AgiEnvironmentParser, AgiEnvironmentReader)", Targets.AgiEnvironmentTarget.Run),
        new("agi-reply", "Asterisk's replies (AgiReplyParser)", Targets.AgiReplyTarget.Run),
        new("agi-command", "the command encoder, parsed back with the ports of Asterisk's parsers (AgiCommand)", Targets.AgiCommandTarget.Run),
        new("phone", "phone fields in every БСП form and caller numbers (NumberParser, ContactInformation)", Targets.PhoneTarget.Run),
        new("rules", "the rules language (RuleExpression, RuleSet)", Targets.RulesTarget.Run),
        new("directory-json", "the JSON directory file (DirectoryJson)", Targets.DirectoryJsonTarget.Run),
        new("directory-csv", "the CSV directory file (DirectoryCsv)", Targets.DirectoryCsvTarget.Run),
        new("odata-page", "1C's OData pages, service document and error bodies (ODataClient, ODataRows)", Targets.ODataPageTarget.Run),
        new("odata-metadata", "1C's $metadata (ODataMetadata)", Targets.ODataMetadataTarget.Run),
        new("configuration", "a configuration file (AgiIdentConfiguration.Build and Bind)", Targets.ConfigurationTarget.Run),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
