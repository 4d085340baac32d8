namespace AgiIdent.Fuzz.Targets;

/// <summary>What one parse gave: a value rendered as text, or the exception it threw. Compared across ways of feeding the same bytes.</summary>
internal sealed record Outcome(string? Value, Exception? Error)
{
    public static Outcome Of(Func<string> parse, Func<Exception, bool> expected)
    {
        try
        {
            return new Outcome(parse(), null);
        }
        catch (Exception e) when (expected(e))
        {
            return new Outcome(null, e);
        }
    }

    public string ErrorType => Error?.GetType().Name ?? "none";

    public override string ToString() => Error is null ? $"value [{Value}]" : $"{Error.GetType().Name}: {Error.Message}";
}
