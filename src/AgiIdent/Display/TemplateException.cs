namespace AgiIdent.Display;

/// <summary>A template that does not parse; the message says where and what was expected.</summary>
public sealed class TemplateException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public TemplateException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public TemplateException() : this("invalid template")
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public TemplateException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
