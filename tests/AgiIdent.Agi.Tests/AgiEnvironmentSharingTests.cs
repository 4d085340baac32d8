using System.Buffers;
using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

/// <summary>
/// The environment shares the strings of keys and of values repeated from one call to the next: whatever is shared,
/// each session reads exactly the bytes of its own block.
/// </summary>
public sealed class AgiEnvironmentSharingTests
{
    [Fact]
    public void SharedValue_ABlockAfterAnotherGetsItsOwnValues()
    {
        // A value equal to the last one, a longer one with the same start, one of the same length one byte off, the
        // first again: each block reads its own.
        string[] contexts = ["from-trunk", "from-trunk-2", "from-trunc", "from-trunk", "from-trunk"];
        foreach (var context in contexts)
        {
            var request = Parse(Block(context, "380671234567", "1718031234.1"));

            Assert.Equal(context, request.Context);
            Assert.Equal("380671234567", request.CallerNumber);
        }
    }

    [Fact]
    public void SharedValue_NonAsciiAndBrokenBytesAreNeverTakenForTheSharedOne()
    {
        Assert.Equal("from-trunk", Parse(Block("from-trunk", "101", "1.1")).Context);

        // Same number of characters as the shared value, more bytes; then an invalid byte where the 'k' was.
        Assert.Equal("from-trunк", Parse(Block("from-trunк", "101", "1.2")).Context);
        var broken = Utf8.Bytes(Block("from-trunX", "101", "1.3"));
        broken[Array.IndexOf(broken, (byte)'X')] = 0xFF;
        Assert.Equal("from-trun\uFFFD", Parse(broken).Context);

        Assert.Equal("from-trunk", Parse(Block("from-trunk", "101", "1.4")).Context);
    }

    [Fact]
    public void SharedValue_ALongValueIsReadWhole()
    {
        var context = new string('c', 200);

        Assert.Equal(context, Parse(Block(context, "101", "1.1")).Context);
        Assert.Equal(context + "d", Parse(Block(context + "d", "101", "1.2")).Context);
    }

    [Fact]
    public void SharedValue_SessionsOnManyThreadsNeverSeeEachOthersValues()
    {
        // Every thread writes its own value into the same shared slots, again and again, while the others read theirs.
        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var context = $"ctx-{thread}";
                var caller = $"38067{thread}{i % 10}";
                var request = Parse(Block(context, caller, $"1718031234.{thread}"));
                if (request.Context != context || request.CallerNumber != caller || request.UniqueId != $"1718031234.{thread}")
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void SharedValue_ABlockCutShortLeavesNothingToTheNext()
    {
        var reader = new AgiEnvironmentReader(AgiLimits.Default);
        var cut = new ReadOnlySequence<byte>(Utf8.Bytes("agi_network: yes\nagi_context: evil-from-a-cut-blo"));
        Assert.False(reader.TryRead(cut, out _, out _));

        var next = Parse(Block("from-trunk-other", "101", "1.1"));

        Assert.Equal("from-trunk-other", next.Context);
        Assert.Equal("yes", next.Get("agi_network"));
    }

    [Fact]
    public void Keys_KnownAndOthers_AreFoundAndTheFirstOfARepeatedKeyWins()
    {
        var request = Parse(
            "agi_network: yes\nagi_context: first\nagi_custom_key: own\nagi_arg_1: a\nagi_context: second\n\n");

        Assert.Equal("first", request.Context);
        Assert.Equal("own", request.Get("agi_custom_key"));
        Assert.Equal(["a"], request.Arguments);
        Assert.Equal(4, request.Variables.Count);
        Assert.Equal(["agi_network", "agi_context", "agi_custom_key", "agi_arg_1"], request.Variables.Keys);
        Assert.Equal(["yes", "first", "own", "a"], request.Variables.Values);
        Assert.False(request.Variables.ContainsKey("AGI_CONTEXT"));
        Assert.Throws<KeyNotFoundException>(() => request.Variables["agi_missing"]);
    }

    [Fact]
    public void Keys_ManyMoreLinesThanAUsualBlock_AreAllKept()
    {
        var text = new System.Text.StringBuilder("agi_network: yes\n");
        for (var i = 1; i <= 127; i++)
        {
            text.Append("agi_arg_").Append(i).Append(": v").Append(i).Append('\n');
        }

        var request = Parse(text.Append('\n').ToString());

        Assert.Equal(128, request.Variables.Count);
        Assert.Equal(127, request.Arguments.Count);
        Assert.Equal("v127", request.Arguments[^1]);
        Assert.Equal("v64", request.Get("agi_arg_64"));
    }

    private static string Block(string context, string caller, string uniqueId) =>
        "agi_network: yes\n" +
        "agi_network_script: ident\n" +
        "agi_request: agi://127.0.0.1/ident\n" +
        "agi_channel: PJSIP/trunk-00000001\n" +
        $"agi_uniqueid: {uniqueId}\n" +
        $"agi_callerid: {caller}\n" +
        "agi_calleridname: unknown\n" +
        "agi_dnid: 0442345678\n" +
        $"agi_context: {context}\n" +
        "agi_extension: 0442345678\n" +
        "\n";

    private static AgiRequest Parse(string block) => Parse(Utf8.Bytes(block));

    private static AgiRequest Parse(byte[] block)
    {
        Assert.True(AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(block), AgiLimits.Default, out _, out var request));
        return request!;
    }
}
