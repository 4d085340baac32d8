namespace AgiIdent.Agi.Tests;

public sealed class AgiProtocolExceptionTests
{
    [Fact]
    public void EscapeForLog_KeepsPrintableAsciiAndEscapesEverythingElse()
    {
        var escaped = AgiProtocolException.EscapeForLog("ok \u001b[0m\r\n\0\"\\\u007f"u8.ToArray().Concat(new byte[] { 0xD0, 0x96 }).ToArray());

        Assert.Equal("ok \\x1B[0m\\x0D\\x0A\\x00\\x22\\x5C\\x7F\\xD0\\x96", escaped);
    }

    [Fact]
    public void EscapeForLog_ShowsAtMostTheFirst64BytesAndTheLength()
    {
        var escaped = AgiProtocolException.EscapeForLog(Enumerable.Repeat((byte)'a', 1000).ToArray());

        Assert.Equal(new string('a', AgiProtocolException.MaxQuotedBytes) + "...(1000 bytes)", escaped);
    }
}
