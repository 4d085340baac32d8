using System.Buffers;
using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

/// <summary>The environment read in pieces: complete lines are consumed once, the next call sees only what follows them.</summary>
public sealed class AgiEnvironmentReaderTests
{
    [Fact]
    public void EverySplit_ConsumesTheCompleteLines_AndFinishesFromTheRestAlone()
    {
        var block = Utf8.Bytes(EnvironmentBlocks.Asterisk22);
        var whole = AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(block), AgiLimits.Default, out _, out var expected);
        Assert.True(whole);
        for (var split = 1; split < block.Length; split++)
        {
            var reader = new AgiEnvironmentReader(AgiLimits.Default);
            var first = new ReadOnlySequence<byte>(block, 0, split);

            Assert.False(reader.TryRead(first, out var consumed, out _));

            var taken = (int)first.Slice(0, consumed).Length;
            var lastLineFeed = Array.LastIndexOf(block, (byte)'\n', split - 1);
            Assert.Equal(lastLineFeed + 1, taken);
            Assert.True(reader.TryRead(new ReadOnlySequence<byte>(block, taken, block.Length - taken), out _, out var request));
            Assert.Equal(expected!.Variables, request!.Variables);
        }
    }

    [Fact]
    public void ByteLimit_CountsWhatEarlierCallsConsumed()
    {
        var limits = new AgiLimits { MaxEnvironmentBytes = 300 };
        var reader = new AgiEnvironmentReader(limits);
        var line = Utf8.Bytes($"agi_arg_1: {new string('x', 200)}\n");

        Assert.False(reader.TryRead(new ReadOnlySequence<byte>(line), out _, out _));

        Assert.Throws<AgiProtocolException>(() => reader.TryRead(new ReadOnlySequence<byte>(Utf8.Bytes($"agi_arg_2: {new string('y', 200)}\n")), out _, out _));
    }
}
