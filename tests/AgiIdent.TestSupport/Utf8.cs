using System.Text;

namespace AgiIdent.TestSupport;

/// <summary>UTF-8 helpers for byte-exact assertions.</summary>
public static class Utf8
{
    /// <summary>Throws on invalid UTF-8 instead of producing U+FFFD.</summary>
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Bytes(string text) => Strict.GetBytes(text);
}
