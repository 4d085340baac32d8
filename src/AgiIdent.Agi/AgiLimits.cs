namespace AgiIdent.Agi;

/// <summary>Bounds on everything a FastAGI peer can send; defaults sized from what Asterisk really sends.</summary>
public sealed class AgiLimits
{
    /// <summary>Longest environment or reply line, in bytes. Asterisk's own buffer is 2048 bytes (8192 from 20.16/21.11/22.6).</summary>
    public int MaxLineBytes { get; init; } = 8192;

    /// <summary>Most lines in an environment block: 22 standard variables plus up to 127 <c>agi_arg_N</c>, with room to spare.</summary>
    public int MaxEnvironmentLines { get; init; } = 200;

    /// <summary>Most lines in one multi-line <c>520</c> reply; Asterisk's longest usage text is under 100 lines.</summary>
    public int MaxReplyLines { get; init; } = 256;

    /// <summary>Time allowed for the whole environment block to arrive; Asterisk writes it in one go right after connecting.</summary>
    public TimeSpan EnvironmentTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The limits used when none are given.</summary>
    public static AgiLimits Default { get; } = new();
}
