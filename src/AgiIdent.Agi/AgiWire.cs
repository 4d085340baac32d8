namespace AgiIdent.Agi;

/// <summary>Wire literals of FastAGI, in one place.</summary>
internal static class AgiWire
{
    public const byte LineFeed = (byte)'\n';
    public const byte CarriageReturn = (byte)'\r';
    public const byte Quote = (byte)'"';
    public const byte Backslash = (byte)'\\';
    public const byte Space = (byte)' ';
    public const byte Comma = (byte)',';

    /// <summary>Separator between an environment key and its value; values may contain further colons (URLs).</summary>
    public static ReadOnlySpan<byte> KeyValueSeparator => ": "u8;

    /// <summary>Every environment key starts so.</summary>
    public static ReadOnlySpan<byte> EnvironmentKeyPrefix => "agi_"u8;

    /// <summary>Out-of-band line Asterisk sends when the channel hangs up (unless <c>AGISIGHUP=no</c>).</summary>
    public static ReadOnlySpan<byte> Hangup => "HANGUP"u8;

    public static ReadOnlySpan<byte> SetVariable => "SET VARIABLE "u8;
    public static ReadOnlySpan<byte> GetVariable => "GET VARIABLE "u8;
    public static ReadOnlySpan<byte> Verbose => "VERBOSE "u8;
    public static ReadOnlySpan<byte> VerboseLevel => " 1"u8;

    /// <summary>func_strings' <c>ARRAY(V1,V2,...)</c>: sets many variables from one comma-separated value.</summary>
    public static ReadOnlySpan<byte> ArrayOpen => "ARRAY("u8;

    /// <summary>Closes the ARRAY name list and opens its quoted value list.</summary>
    public static ReadOnlySpan<byte> ArrayClose => ") \""u8;

    public static ReadOnlySpan<byte> ResultPrefix => "result="u8;

    /// <summary>The reply to nearly every <c>SET VARIABLE</c>.</summary>
    public static ReadOnlySpan<byte> SuccessReply => "200 result=1"u8;

    /// <summary>How the last line of a multi-line <c>520-</c> usage reply starts.</summary>
    public static ReadOnlySpan<byte> UsageEnd => "520 "u8;

    /// <summary>Longest command line we ever send, <c>\n</c> included. Asterisk before 20.16 accepts 2047 bytes and runs the rest of a longer line as a new command.</summary>
    public const int MaxCommandBytes = 2000;
}
