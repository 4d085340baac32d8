namespace AgiIdent.Agi;

/// <summary>Bounds on everything a FastAGI peer can send and on every wait for it; defaults sized from what Asterisk really sends. Each is checked when set.</summary>
public sealed class AgiLimits
{
    private readonly int _maxLineBytes = 8192;
    private readonly int _maxEnvironmentLines = 200;
    private readonly int _maxEnvironmentBytes = 64 * 1024;
    private readonly int _maxReplyLines = 256;
    private readonly TimeSpan _environmentTimeout = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _replyTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Longest environment or reply line, in bytes (8..1 MiB). Asterisk's own buffer is 2048 bytes (8192 from 20.16/21.11/22.6).</summary>
    public int MaxLineBytes { get => _maxLineBytes; init => _maxLineBytes = InRange(value, 8, 1024 * 1024); }

    /// <summary>Most lines in an environment block (1..10000): 22 standard variables plus up to 127 <c>agi_arg_N</c>, with room to spare.</summary>
    public int MaxEnvironmentLines { get => _maxEnvironmentLines; init => _maxEnvironmentLines = InRange(value, 1, 10_000); }

    /// <summary>Most bytes in the whole environment block (256..16 MiB); the line limits alone would allow lines × line length.</summary>
    public int MaxEnvironmentBytes { get => _maxEnvironmentBytes; init => _maxEnvironmentBytes = InRange(value, 256, 16 * 1024 * 1024); }

    /// <summary>Most lines in one multi-line <c>520</c> reply (1..10000); Asterisk's longest usage text is under 100 lines.</summary>
    public int MaxReplyLines { get => _maxReplyLines; init => _maxReplyLines = InRange(value, 1, 10_000); }

    /// <summary>Time allowed for the whole environment block to arrive (up to a minute); Asterisk writes it in one go right after connecting.</summary>
    public TimeSpan EnvironmentTimeout { get => _environmentTimeout; init => _environmentTimeout = InRange(value); }

    /// <summary>
    /// Time allowed for the reply to each command (up to a minute). Asterisk has no AGI timeout of its own, so this is what
    /// closes a session with a stalled peer; a peer that keeps answering is never cut by it.
    /// </summary>
    public TimeSpan ReplyTimeout { get => _replyTimeout; init => _replyTimeout = InRange(value); }

    /// <summary>The limits used when none are given.</summary>
    public static AgiLimits Default { get; } = new();

    private static int InRange(int value, int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max);
        return value;
    }

    private static TimeSpan InRange(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(1));
        return value;
    }
}
