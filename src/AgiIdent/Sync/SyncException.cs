namespace AgiIdent.Sync;

/// <summary>A sync that cannot go on; the message says what to do and never holds the password.</summary>
public sealed class SyncException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SyncException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public SyncException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public SyncException() : base("the sync from 1C failed")
    {
    }
}
