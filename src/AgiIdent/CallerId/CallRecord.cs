namespace AgiIdent.CallerId;

/// <summary>What one call got, for its summary log line.</summary>
public sealed class CallRecord
{
    /// <summary>The <c>AGIIDENT_STATUS</c> sent, or empty when nothing was.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The screen text sent.</summary>
    public string Screen { get; set; } = string.Empty;

    /// <summary>Where the answer came from (<c>AGIIDENT_SOURCE</c>), empty when there was none.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Commands answered by Asterisk.</summary>
    public int Commands { get; set; }

    /// <summary>Variables of the answer whose command Asterisk did not acknowledge: the session was cut.</summary>
    public IReadOnlyList<string> Undelivered { get; set; } = [];
}
