namespace AgiIdent.Settings;

/// <summary>A configuration that cannot be used; every message names its key.</summary>
public sealed class ConfigurationErrorsException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public ConfigurationErrorsException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors.Select(OneLine)))
    {
        Errors = [.. errors.Select(OneLine)];
    }

    /// <summary>Creates the exception with one message.</summary>
    public ConfigurationErrorsException(string message) : this([message])
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public ConfigurationErrorsException() : this("invalid configuration")
    {
    }

    /// <summary>Creates the exception with one message and a cause.</summary>
    public ConfigurationErrorsException(string message, Exception innerException) : base(OneLine(message), innerException)
    {
        Errors = [OneLine(message)];
    }

    /// <summary>One line per problem, each starting with the key (the message holds them one per line).</summary>
    public IReadOnlyList<string> Errors { get; } = [];

    /// <summary>A problem as one line: a library's message may span several, and a log reader sees one line per problem.</summary>
    private static string OneLine(string error) =>
        string.Join(' ', error.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
