using System.Buffers;
using System.Text;

namespace AgiIdent.Agi.Tests;

/// <summary>
/// What the fuzz targets (fuzz/AgiIdent.Fuzz) found in the FastAGI parsers, one named test per finding; the inputs
/// are also kept in fuzz/regressions/&lt;target&gt;, which the replay runs on every test run.
/// </summary>
public sealed class FuzzFindingsTests
{
    private static readonly AgiLimits Small = new() { MaxLineBytes = 64 };

    /// <summary>
    /// agi-environment: the look for a HANGUP right after the block read the next line with the line limit, so a long
    /// line after a complete block failed the block when it arrived with it, and not when it arrived a read later.
    /// </summary>
    [Fact]
    public void Environment_CompleteBlockFollowedByALongLine_IsComplete_WhicheverWayItArrives()
    {
        var bytes = Encoding.ASCII.GetBytes("agi_network: yes\nagi_callerid: 0441234567\n\n" + new string('x', 300));
        var blockLength = bytes.Length - 300;

        Assert.True(AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), Small, out var consumed, out var request));
        Assert.Equal(blockLength, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
        Assert.Equal("0441234567", request!.CallerNumber);
        Assert.False(request.HangupBeforeFirstCommand);

        var reader = new AgiEnvironmentReader(Small);
        Assert.True(reader.TryRead(new ReadOnlySequence<byte>(bytes, 0, blockLength + 10), out _, out var chunked));
        Assert.Equal(request.Variables, chunked!.Variables);
    }

    [Theory]
    [InlineData("HANGUP\n", true)]
    [InlineData("HANGUP\r\n", true)]
    [InlineData("HANGUP", false)]
    [InlineData("HANGUP\r", false)]
    [InlineData("HANGUPX\n", false)]
    [InlineData("200 result=1\n", false)]
    public void Environment_HangupRightAfterTheBlock_IsTakenOnlyWhenComplete(string after, bool hangup)
    {
        var block = "agi_network: yes\n\n";
        var bytes = Encoding.ASCII.GetBytes(block + after);

        Assert.True(AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), Small, out var consumed, out var request));

        Assert.Equal(hangup, request!.HangupBeforeFirstCommand);
        Assert.Equal(hangup ? bytes.Length : block.Length, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
    }
}
