using System.Buffers;
using System.Text;

namespace AgiIdent.Agi.Tests;

/// <summary>Limits are checked when set, and the environment block is bounded as a whole, not only line by line.</summary>
public sealed class AgiLimitsTests
{
    [Fact]
    public void OutOfRangeLimits_ThrowWhenSet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgiLimits { MaxLineBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgiLimits { MaxEnvironmentLines = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgiLimits { MaxEnvironmentBytes = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgiLimits { MaxReplyLines = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgiLimits { EnvironmentTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgiLimits { ReplyTimeout = TimeSpan.FromHours(1) });
    }

    [Fact]
    public void EnvironmentOverTheByteLimit_Throws_EvenWithEveryLineWithinItsOwnLimit()
    {
        var limits = new AgiLimits { MaxEnvironmentBytes = 1024 };
        var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, 20).Select(i => $"agi_arg_{i}: {new string('x', 100)}\n")) + "\n");

        var error = Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(block), limits, out _, out _));

        Assert.Contains("1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncompleteEnvironmentOverTheByteLimit_Throws()
    {
        var limits = new AgiLimits { MaxEnvironmentBytes = 1024 };
        var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, 20).Select(i => $"agi_arg_{i}: {new string('x', 100)}\n")));

        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(block), limits, out _, out _));
    }
}
