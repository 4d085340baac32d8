namespace AgiIdent.Rules;

/// <summary>A rule condition that does not parse; the message gives the column and what was expected.</summary>
public sealed class RuleSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public RuleSyntaxException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public RuleSyntaxException() : this("invalid rule")
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public RuleSyntaxException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
