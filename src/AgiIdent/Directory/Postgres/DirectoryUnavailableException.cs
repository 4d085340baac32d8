namespace AgiIdent.Directory.Postgres;

/// <summary>A call that could not be answered: no directory has ever been loaded.</summary>
public sealed class DirectoryUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DirectoryUnavailableException() : base("no directory is loaded: the database is unreachable and there is no snapshot cache")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DirectoryUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DirectoryUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
