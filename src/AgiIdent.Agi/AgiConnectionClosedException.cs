namespace AgiIdent.Agi;

/// <summary>Asterisk closed the connection before the exchange was complete.</summary>
public sealed class AgiConnectionClosedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public AgiConnectionClosedException() : base("Asterisk closed the connection")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgiConnectionClosedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AgiConnectionClosedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
