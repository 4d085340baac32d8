namespace AgiIdent.Agi;

/// <summary>What one read from Asterisk yielded: a reply, an intermediate <c>100 Trying</c>, or an out-of-band <c>HANGUP</c>.</summary>
public enum AgiFrameKind
{
    /// <summary>A final reply to the pending command.</summary>
    Reply,

    /// <summary><c>100 result=0 Trying...</c>: the final reply follows later.</summary>
    Trying,

    /// <summary><c>HANGUP</c>: the channel hung up; not a reply.</summary>
    Hangup,
}
