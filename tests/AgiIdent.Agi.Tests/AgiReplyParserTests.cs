using System.Buffers;
using System.Text;
using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

public sealed class AgiReplyParserTests
{
    private const string Usage =
        "520-Invalid command syntax.  Proper usage follows:\n" +
        " Usage: SET VARIABLE <variablename> <value>\n" +
        "\n" +
        "Sets a variable to the current channel.\n" +
        "520 End of proper usage.\n";

    [Theory]
    [InlineData("200 result=1", 1)]
    [InlineData("200 result=0", 0)]
    [InlineData("200 result=-1", -1)]
    [InlineData("200 result=1718031234", 1718031234)]
    public void Success_ReadsTheResult_WithoutData(string line, long result)
    {
        var reply = ParseReply(line + "\n");

        Assert.Equal(200, reply.Code);
        Assert.True(reply.IsSuccess);
        Assert.Equal(result, reply.Result);
        Assert.Null(reply.Data);
        Assert.Equal(line, reply.Text);
    }

    [Theory]
    [InlineData("200 result=1 (Олена)", 1, "Олена")]
    [InlineData("200 result=1 ()", 1, "")]
    [InlineData("200 result=1 (value with (parens) inside) endpos=5", 1, "value with (parens) inside")]
    [InlineData("200 result=1 (ends with a paren))", 1, "ends with a paren)")]
    [InlineData("200 result=1 (a) b (c)", 1, "a) b (c")]
    [InlineData("200 result=0 (timeout) endpos=16000", 0, "timeout")]
    public void Success_DataRunsToTheLastClosingParenthesis(string line, long result, string data)
    {
        var reply = ParseReply(line + "\n");

        Assert.Equal(result, reply.Result);
        Assert.Equal(data, reply.Data);
    }

    [Theory]
    [InlineData("200 result=1 endpos=5")]
    [InlineData("200 result=1 (unclosed")]
    public void Success_WithoutParenthesizedData_HasNoData(string line)
    {
        Assert.Null(ParseReply(line + "\n").Data);
    }

    [Fact]
    public void Success_InvalidUtf8InData_DecodesLeniently()
    {
        var bytes = Utf8.Bytes("200 result=1 (Оле").Concat(new byte[] { 0xD0, (byte)')', (byte)'\n' }).ToArray();

        var reply = ParseReply(bytes);

        Assert.Equal("Оле\uFFFD", reply.Data);
    }

    [Theory]
    [InlineData("510 Invalid or unknown command", 510)]
    [InlineData("511 Command Not Permitted on a dead channel or intercept routine", 511)]
    [InlineData("520 Invalid command syntax.  Proper usage not available.", 520)]
    public void Errors_KeepTheirCodeAndText(string line, int code)
    {
        var reply = ParseReply(line + "\n");

        Assert.Equal(code, reply.Code);
        Assert.False(reply.IsSuccess);
        Assert.Equal(0, reply.Result);
        Assert.Null(reply.Data);
        Assert.Equal(line, reply.Text);
    }

    [Fact]
    public void SingleLine520_ConsumesExactlyOneLine()
    {
        const string first = "520 Invalid command syntax.  Proper usage not available.\n";
        var buffer = Sequence(first + "200 result=1\n");

        Assert.True(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var kind, out var reply));

        Assert.Equal(AgiFrameKind.Reply, kind);
        Assert.Equal(520, reply!.Code);
        Assert.Equal("200 result=1\n", Encoding.ASCII.GetString(buffer.Slice(consumed)));
    }

    [Fact]
    public void MultiLine520_ConsumesThroughTheClosingLine_AndLeavesTheNextReply()
    {
        var buffer = Sequence(Usage + "200 result=1\n");

        Assert.True(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var kind, out var reply));

        Assert.Equal(AgiFrameKind.Reply, kind);
        Assert.Equal(520, reply!.Code);
        Assert.Equal(Usage.TrimEnd('\n'), reply.Text);
        Assert.Equal("200 result=1\n", Encoding.ASCII.GetString(buffer.Slice(consumed)));
    }

    [Fact]
    public void MultiLine520_EveryPrefix_IsIncompleteAndConsumesNothing()
    {
        var bytes = Utf8.Bytes(Usage);
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            var parsed = AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out _, out var reply);

            Assert.False(parsed, $"prefix of {length} bytes");
            Assert.Null(reply);
            Assert.Equal(buffer.Start, consumed);
        }
    }

    [Fact]
    public void MultiLine520_LongerThanTheLimit_Throws()
    {
        var limits = new AgiLimits { MaxReplyLines = 4 };
        var usage = "520-Invalid command syntax.  Proper usage follows:\n" + string.Concat(Enumerable.Repeat(" more\n", 10));

        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(Sequence(usage), limits, out _, out _, out _));
    }

    [Fact]
    public void EveryPrefixOfASingleLine_IsIncomplete()
    {
        var bytes = Utf8.Bytes("200 result=1 (value)\n");
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            Assert.False(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out _, out _));
            Assert.Equal(buffer.Start, consumed);
        }
    }

    [Theory]
    [InlineData("200 result=1 (Олена Коваленко) endpos=5\n")]
    [InlineData("HANGUP\n")]
    [InlineData(Usage)]
    public void SplitIntoTwoSegments_AtEveryBoundary_ParsesTheSame(string text)
    {
        var bytes = Utf8.Bytes(text);
        Assert.True(AgiReplyParser.TryParse(new ReadOnlySequence<byte>(bytes), AgiLimits.Default, out _, out var expectedKind, out var expected));
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var buffer = SegmentedSequence.Split(bytes, cut);

            Assert.True(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var kind, out var reply));

            Assert.Equal(buffer.End, consumed);
            Assert.Equal(expectedKind, kind);
            Assert.Equal(expected?.Text, reply?.Text);
            Assert.Equal(expected?.Data, reply?.Data);
        }
    }

    [Fact]
    public void Trying_IsAnIntermediateFrame()
    {
        var buffer = Sequence("100 result=0 Trying...\n200 result=0\n");

        Assert.True(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var kind, out var reply));

        Assert.Equal(AgiFrameKind.Trying, kind);
        Assert.Equal(100, reply!.Code);
        Assert.Equal("200 result=0\n", Encoding.ASCII.GetString(buffer.Slice(consumed)));
    }

    [Fact]
    public void Hangup_IsAnOutOfBandFrame_NotAReply()
    {
        var buffer = Sequence("HANGUP\n200 result=1\n");

        Assert.True(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var kind, out var reply));

        Assert.Equal(AgiFrameKind.Hangup, kind);
        Assert.Null(reply);
        Assert.Equal("200 result=1\n", Encoding.ASCII.GetString(buffer.Slice(consumed)));
    }

    [Fact]
    public void CarriageReturnBeforeTheLineFeed_IsIgnored()
    {
        Assert.Equal("200 result=1 (x)", ParseReply("200 result=1 (x)\r\n").Text);
    }

    [Theory]
    [InlineData("20 result=1")]
    [InlineData("abc")]
    [InlineData("999 x")]
    [InlineData("300 result=1")]
    [InlineData("200 nope")]
    [InlineData("200 result=")]
    [InlineData("200 result=x1")]
    [InlineData("200")]
    [InlineData("200result=1")]
    [InlineData("2000 result=1")]
    [InlineData("")]
    [InlineData("HANGUP now")]
    [InlineData("hangup")]
    public void Malformed_Throws(string line)
    {
        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(Sequence(line + "\n"), AgiLimits.Default, out _, out _, out _));
    }

    [Fact]
    public void OversizeLine_Throws_WithOrWithoutItsLineFeed()
    {
        var limits = new AgiLimits { MaxLineBytes = 32 };
        var line = "200 result=1 (" + new string('x', 40) + ")";

        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(Sequence(line + "\n"), limits, out _, out _, out _));
        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(Sequence(line), limits, out _, out _, out _));
    }

    [Fact]
    public void Malformed_MessageEscapesControlBytes()
    {
        var error = Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(Sequence("\u001b[2J\rboom\n"), AgiLimits.Default, out _, out _, out _));

        Assert.DoesNotContain(error.Message, c => c < 0x20);
        Assert.Contains("\\x1B[2J\\x0Dboom", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("520")]
    [InlineData("520\r")]
    public void Regression_BareCode520IsASingleLineReply_NotACrash(string line)
    {
        // The check for the multi-line "520-" form read the fourth byte of a three-byte line.
        var buffer = Sequence(line + "\n200 result=1\n");

        Assert.True(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var kind, out var reply));

        Assert.Equal(AgiFrameKind.Reply, kind);
        Assert.Equal(520, reply!.Code);
        Assert.Equal("200 result=1\n", Encoding.ASCII.GetString(buffer.Slice(consumed)));
    }

    private static AgiReply ParseReply(string text) => ParseReply(Utf8.Bytes(text));

    private static AgiReply ParseReply(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(AgiReplyParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var kind, out var reply));
        Assert.Equal(buffer.End, consumed);
        Assert.Equal(AgiFrameKind.Reply, kind);
        return reply!;
    }

    private static ReadOnlySequence<byte> Sequence(string text) => new(Utf8.Bytes(text));
}
