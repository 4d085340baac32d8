namespace AgiIdent.Sync;

/// <summary>A run that did not start because another one holds the database; not a failure, nothing is recorded.</summary>
public sealed class SyncSkippedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SyncSkippedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public SyncSkippedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public SyncSkippedException() : base("another sync is running")
    {
    }
}
