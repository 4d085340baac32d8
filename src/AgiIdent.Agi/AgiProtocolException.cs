using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AgiIdent.Agi;

/// <summary>The peer broke the FastAGI protocol. The message is safe to log: peer bytes in it are escaped and shortened.</summary>
public sealed class AgiProtocolException : Exception
{
    /// <summary>Creates the exception with a log-safe message.</summary>
    public AgiProtocolException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with no detail.</summary>
    public AgiProtocolException() : this("FastAGI protocol error")
    {
    }

    /// <summary>Creates the exception with a log-safe message and the exception that caused it.</summary>
    public AgiProtocolException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Longest piece of peer input quoted in a message.</summary>
    internal const int MaxQuotedBytes = 64;

    [DoesNotReturn]
    internal static void Throw(string message) => throw new AgiProtocolException(message);

    [DoesNotReturn]
    internal static void Throw(string message, ReadOnlySpan<byte> offending) =>
        throw new AgiProtocolException($"{message}: \"{EscapeForLog(offending)}\"");

    /// <summary>Renders peer bytes for a log: printable ASCII as is, everything else as <c>\xNN</c>, at most <see cref="MaxQuotedBytes"/> bytes.</summary>
    public static string EscapeForLog(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes.Length > MaxQuotedBytes ? bytes[..MaxQuotedBytes] : bytes;
        var text = new StringBuilder(shown.Length + 8);
        foreach (var b in shown)
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\' && b != (byte)'"')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (bytes.Length > MaxQuotedBytes)
        {
            text.Append("...(").Append(bytes.Length).Append(" bytes)");
        }

        return text.ToString();
    }
}
