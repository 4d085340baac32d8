namespace AgiIdent.Directory.Postgres;

/// <summary>An import stopped by its guard before it changed anything; the message says why and how to go on.</summary>
public sealed class ImportRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportRefusedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public ImportRefusedException() : this("the import was refused")
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ImportRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
