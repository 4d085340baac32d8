namespace AgiIdent.Benchmarks;

/// <summary>How one session ended, from the fake Asterisk's side.</summary>
internal enum SessionOutcome
{
    /// <summary>The server sent <c>SET VARIABLE AGIIDENT_STATUS "FOUND"</c> and closed.</summary>
    Found,

    /// <summary>The server closed without setting the status to FOUND.</summary>
    NotFound,

    /// <summary>The connection could not be made.</summary>
    ConnectFailed,

    /// <summary>Reset, timed out or otherwise broken after connecting.</summary>
    Broken,

    /// <summary>A line longer than the buffer, or a partial line at close.</summary>
    BadLine,

    /// <summary>The caller is in no party and the server closed without FOUND, as it should (directory runs).</summary>
    NotFoundAsExpected,

    /// <summary>The caller is in no party, yet the server sent FOUND (directory runs).</summary>
    FoundUnexpectedly,
}
