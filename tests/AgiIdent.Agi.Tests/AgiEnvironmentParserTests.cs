using System.Buffers;
using System.Text;
using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

[Collection(CpuBoundSweeps.Name)]
public sealed class AgiEnvironmentParserTests
{
    private static readonly byte[] Block = Utf8.Bytes(EnvironmentBlocks.Asterisk22);

    [Fact]
    public void Parse_Asterisk22Block_ReadsEveryVariable()
    {
        var request = ParseComplete(Block);

        Assert.Equal(25, request.Variables.Count);
        Assert.Equal("yes", request.Get("agi_network"));
        Assert.Equal("agi://127.0.0.1:4573/ident?tenant=kyiv&for=101", request.Get("agi_request"));
        Assert.Equal("ident?tenant=kyiv&for=101", request.NetworkScript);
        Assert.Equal("PJSIP/trunk-kyivstar-0000002a", request.Channel);
        Assert.Equal("uk", request.Language);
        Assert.Equal("1718031234.117", request.UniqueId);
        Assert.Equal("380671234567", request.CallerNumber);
        Assert.Equal("Олена Коваленко", request.CallerName);
        Assert.Equal("0442345678", request.Dnid);
        Assert.Equal("from-trunk", request.Context);
        Assert.Equal("0442345678", request.Extension);
        Assert.Equal("139872004515520", request.Get("agi_threadid"));
        Assert.False(request.HangupBeforeFirstCommand);
    }

    [Fact]
    public void Parse_EmptyValue_IsEmptyNotMissing()
    {
        var request = ParseComplete(Block);

        Assert.True(request.Variables.TryGetValue("agi_accountcode", out var accountCode));
        Assert.Equal(string.Empty, accountCode);
    }

    [Fact]
    public void Parse_ScriptAndOptions_ComeFromTheNetworkScript()
    {
        var request = ParseComplete(Block);

        Assert.Equal("ident", request.Script);
        Assert.Equal(2, request.Options.Count);
        Assert.Equal("kyiv", request.Options["tenant"]);
        Assert.Equal("101", request.Options["FOR"]);
    }

    [Fact]
    public void Parse_Options_AreUrlDecoded()
    {
        var request = ParseComplete(Environment(
            "agi_network_script: /ident?tenant=%D0%9A%D0%B8%D1%97%D0%B2&label=front+desk&flag&=orphan"));

        Assert.Equal("ident", request.Script);
        Assert.Equal("Київ", request.Options["tenant"]);
        Assert.Equal("front desk", request.Options["label"]);
        Assert.Equal(string.Empty, request.Options["flag"]);
        Assert.Equal(3, request.Options.Count);
    }

    [Fact]
    public void Parse_ScriptWithoutQuery_HasNoOptions()
    {
        var request = ParseComplete(Environment("agi_network_script: ident"));

        Assert.Equal("ident", request.Script);
        Assert.Empty(request.Options);
    }

    [Fact]
    public void Parse_WithoutNetworkScript_HasNoScriptAndNoOptions()
    {
        // Asterisk leaves out agi_network_script when the URL has nothing after the host.
        var request = ParseComplete(Environment("agi_network: yes", "agi_request: agi://127.0.0.1"));

        Assert.Equal(string.Empty, request.NetworkScript);
        Assert.Equal(string.Empty, request.Script);
        Assert.Empty(request.Options);
        Assert.Empty(request.Arguments);
    }

    [Fact]
    public void Parse_Arguments_InOrder()
    {
        var request = ParseComplete(Block);

        Assert.Equal(new[] { "first", "second value", "третій" }, request.Arguments);
    }

    [Fact]
    public void Parse_Arguments_OrderedByNumberNotByArrival_AndCappedAtMaxArguments()
    {
        var request = ParseComplete(Environment(
            "agi_arg_3: c", "agi_arg_1: a", "agi_arg_2: b", "agi_arg_0: zero", "agi_arg_128: beyond"));

        Assert.Equal(new[] { "a", "b", "c" }, request.Arguments);
    }

    [Fact]
    public void Parse_ArgumentNumber127_IsKept()
    {
        var request = ParseComplete(Environment("agi_arg_127: last"));

        Assert.Equal(AgiEnvironmentParser.MaxArguments, request.Arguments.Count);
        Assert.Equal("last", request.Arguments[^1]);
        Assert.Equal(string.Empty, request.Arguments[0]);
    }

    [Fact]
    public void Parse_UnknownCallerIdFields_BecomeEmpty()
    {
        var request = ParseComplete(Environment(
            "agi_callerid: unknown", "agi_calleridname: unknown", "agi_dnid: unknown", "agi_rdnis: unknown"));

        Assert.Equal(string.Empty, request.CallerNumber);
        Assert.Equal(string.Empty, request.CallerName);
        Assert.Equal(string.Empty, request.Dnid);
        Assert.Equal(string.Empty, request.Rdnis);
        Assert.Equal("unknown", request.Get("agi_callerid"));
    }

    [Fact]
    public void Parse_SplitsAtTheFirstColonSpaceOnly()
    {
        var request = ParseComplete(Environment(
            "agi_request: agi://10.0.0.5:4573/ident?x=1:2",
            "agi_calleridname: Sales: Kyiv: desk 2",
            "agi_channel: Local/101@ctx-00000001;1"));

        Assert.Equal("agi://10.0.0.5:4573/ident?x=1:2", request.Get("agi_request"));
        Assert.Equal("Sales: Kyiv: desk 2", request.CallerName);
        Assert.Equal("Local/101@ctx-00000001;1", request.Channel);
    }

    [Fact]
    public void Parse_LineOrder_DoesNotMatter()
    {
        var expected = ParseComplete(Block);
        var lines = EnvironmentBlocks.Asterisk22.TrimEnd('\n').Split('\n');
        var random = new Random(4573);
        for (var round = 0; round < 20; round++)
        {
            var shuffled = lines.OrderBy(_ => random.Next()).ToArray();

            var request = ParseComplete(Environment(shuffled));

            Assert.Equal(expected.Variables.OrderBy(v => v.Key), request.Variables.OrderBy(v => v.Key));
            Assert.Equal(expected.Arguments, request.Arguments);
            Assert.Equal(expected.Options, request.Options);
        }
    }

    [Fact]
    public void Parse_EveryStrictPrefix_ReturnsFalseAndConsumesNothing()
    {
        for (var length = 0; length < Block.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(Block, 0, length);

            var parsed = AgiEnvironmentParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var request);

            Assert.False(parsed, $"prefix of {length} bytes");
            Assert.Null(request);
            Assert.Equal(buffer.Start, consumed);
        }
    }

    [Fact]
    public void Parse_TwoSegments_AtEveryBoundary_GivesTheSameResult()
    {
        var expected = ParseComplete(Block);
        for (var cut = 0; cut <= Block.Length; cut++)
        {
            AssertSame(expected, SegmentedSequence.Split(Block, cut), cut);
        }
    }

    [Fact]
    public void Parse_ThreeSegments_EveryBoundaryAsEitherCut_GivesTheSameResult()
    {
        // Every boundary serves as the first and as the second cut, with middle segments of up to 12 bytes, so that a
        // key, its ": ", a LF and a two-byte character are cut apart in every way; all 300,000 pairs would take seconds.
        const int middle = 12;
        var expected = ParseComplete(Block);
        for (var first = 0; first <= Block.Length; first++)
        {
            for (var second = first; second <= Math.Min(Block.Length, first + middle); second++)
            {
                AssertSame(expected, SegmentedSequence.Split(Block, first, second), first, second);
            }
        }
    }

    [Fact]
    public void Parse_OneByteSegments_GivesTheSameResult()
    {
        AssertSame(ParseComplete(Block), SegmentedSequence.Bytewise(Block), 1, 2, 3);
    }

    [Fact]
    public void Parse_StopsAtTheEmptyLine_LeavingWhatFollows()
    {
        var bytes = Utf8.Bytes(EnvironmentBlocks.Minimal + "200 result=1\n");
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(AgiEnvironmentParser.TryParse(buffer, AgiLimits.Default, out var consumed, out _));

        Assert.Equal(Utf8.Bytes(EnvironmentBlocks.Minimal).Length, buffer.Slice(buffer.Start, consumed).Length);
    }

    [Fact]
    public void Parse_HangupRightAfterTheEmptyLine_IsRecordedAndConsumed()
    {
        var bytes = Utf8.Bytes(EnvironmentBlocks.Asterisk22 + "HANGUP\n");
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(AgiEnvironmentParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var request));

        Assert.True(request!.HangupBeforeFirstCommand);
        Assert.Equal(buffer.End, consumed);
    }

    [Fact]
    public void Parse_HangupSplitAcrossSegments_IsRecordedAndConsumed()
    {
        var bytes = Utf8.Bytes(EnvironmentBlocks.Minimal + "HANGUP\n");
        for (var cut = Utf8.Bytes(EnvironmentBlocks.Minimal).Length; cut <= bytes.Length; cut++)
        {
            var buffer = SegmentedSequence.Split(bytes, cut);

            Assert.True(AgiEnvironmentParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var request));

            Assert.True(request!.HangupBeforeFirstCommand);
            Assert.Equal(bytes.Length, buffer.Slice(buffer.Start, consumed).Length);
        }
    }

    [Fact]
    public void Parse_OtherLineAfterTheEmptyLine_IsNotTakenAsHangup()
    {
        var bytes = Utf8.Bytes(EnvironmentBlocks.Minimal + "HANGUPX\n");
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(AgiEnvironmentParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var request));

        Assert.False(request!.HangupBeforeFirstCommand);
        Assert.Equal("HANGUPX\n", Encoding.ASCII.GetString(buffer.Slice(consumed)));
    }

    [Fact]
    public void Parse_InvalidUtf8InCallerName_DecodesLenientlyWithoutThrowing()
    {
        // "Олена" cut in the middle of its last character, as some trunks deliver it, then a stray 0xFF.
        var name = Utf8.Bytes("Олена")[..^1].Concat(new byte[] { 0xFF }).ToArray();
        var bytes = Utf8.Bytes("agi_network: yes\nagi_calleridname: ")
            .Concat(name)
            .Concat(Utf8.Bytes("\nagi_callerid: 101\n\n"))
            .ToArray();

        var request = ParseComplete(bytes);

        Assert.StartsWith("Олен", request.CallerName, StringComparison.Ordinal);
        Assert.EndsWith("\uFFFD", request.CallerName, StringComparison.Ordinal);
        Assert.Equal("101", request.CallerNumber);
    }

    [Fact]
    public void Parse_LineAtTheLimit_IsAccepted()
    {
        var limits = new AgiLimits { MaxLineBytes = 64 };
        var line = "agi_calleridname: " + new string('n', 64 - "agi_calleridname: ".Length);

        Assert.True(AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(Utf8.Bytes(line + "\n\n")), limits, out _, out var request));

        Assert.Equal(64 - "agi_calleridname: ".Length, request!.CallerName.Length);
    }

    [Fact]
    public void Parse_OversizeLineWithLineFeed_Throws()
    {
        var limits = new AgiLimits { MaxLineBytes = 64 };
        var bytes = Utf8.Bytes("agi_network: yes\nagi_calleridname: " + new string('n', 100) + "\n\n");

        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), limits, out _, out _));
    }

    [Fact]
    public void Parse_OversizeLineWithoutLineFeedYet_Throws()
    {
        var limits = new AgiLimits { MaxLineBytes = 64 };
        var bytes = Utf8.Bytes("agi_network: yes\nagi_calleridname: " + new string('n', 100));

        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), limits, out _, out _));
    }

    [Fact]
    public void Parse_PartialLineWithinTheLimit_WaitsForMore()
    {
        var limits = new AgiLimits { MaxLineBytes = 64 };
        var bytes = Utf8.Bytes("agi_network: yes\nagi_calleridname: " + new string('n', 64 - "agi_calleridname: ".Length));

        Assert.False(AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), limits, out _, out _));
    }

    [Fact]
    public void Parse_TooManyLines_Throws()
    {
        var limits = new AgiLimits { MaxEnvironmentLines = 30 };
        var lines = Enumerable.Range(1, 31).Select(i => $"agi_arg_{i}: {i}").ToArray();

        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(Environment(lines)), limits, out _, out _));
    }

    [Fact]
    public void Parse_LinesAtTheLimit_AreAccepted()
    {
        var limits = new AgiLimits { MaxEnvironmentLines = 30 };
        var lines = Enumerable.Range(1, 30).Select(i => $"agi_arg_{i}: {i}").ToArray();

        Assert.True(AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(Environment(lines)), limits, out _, out var request));

        Assert.Equal(30, request!.Arguments.Count);
    }

    [Fact]
    public void Parse_TooManyLinesWithoutTheEmptyLine_ThrowsBeforeTheBlockEnds()
    {
        var limits = new AgiLimits { MaxEnvironmentLines = 30 };
        var bytes = Utf8.Bytes(string.Concat(Enumerable.Range(1, 31).Select(i => $"agi_arg_{i}: {i}\n")));

        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), limits, out _, out _));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: agi.example\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\n")]
    [InlineData("agi_network:yes\n\n")]
    [InlineData("Agi_Network: yes\n\n")]
    [InlineData(": yes\n\n")]
    [InlineData("agi network: yes\n\n")]
    [InlineData("agi_network: yes\nSSH-2.0-OpenSSH_9.6\n\n")]
    public void Parse_SomethingOtherThanAnEnvironment_Throws(string input)
    {
        var bytes = Encoding.Latin1.GetBytes(input);

        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), AgiLimits.Default, out _, out _));
    }

    [Fact]
    public void Parse_BinaryGarbage_Throws()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0x00;

        Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(garbage), new AgiLimits { MaxLineBytes = 1024 }, out _, out _));
    }

    [Fact]
    public void Parse_ProtocolErrorMessage_EscapesControlBytes()
    {
        var bytes = Encoding.Latin1.GetBytes("agi_network: yes\n\u001b[31mevil\r\u0000\u00ff: x\n\n");

        var error = Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(bytes), AgiLimits.Default, out _, out _));

        Assert.DoesNotContain(error.Message, c => c < 0x20 || c == 0x7F);
        Assert.Contains("\\x1B[31mevil\\x0D\\x00\\xFF: x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProtocolErrorMessage_ForAnOversizeLine_IsShortAndEscaped()
    {
        var limits = new AgiLimits { MaxLineBytes = 8 };
        var oversize = Encoding.Latin1.GetBytes("agi_x: " + string.Concat(Enumerable.Repeat("\u001b\r", 100)) + "\n");

        var error = Assert.Throws<AgiProtocolException>(() => AgiEnvironmentParser.TryParse(new ReadOnlySequence<byte>(oversize), limits, out _, out _));

        Assert.DoesNotContain(error.Message, c => c < 0x20 || c == 0x7F);
        Assert.True(error.Message.Length < 400, error.Message);
        Assert.Contains("\\x1B\\x0D", error.Message, StringComparison.Ordinal);
    }

    private static AgiRequest ParseComplete(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(AgiEnvironmentParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var request));
        Assert.Equal(buffer.End, consumed);
        return request!;
    }

    private static void AssertSame(AgiRequest expected, ReadOnlySequence<byte> buffer, params int[] cuts)
    {
        var parsed = AgiEnvironmentParser.TryParse(buffer, AgiLimits.Default, out var consumed, out var request);
        var same = parsed
            && consumed.Equals(buffer.End)
            && request!.HangupBeforeFirstCommand == expected.HangupBeforeFirstCommand
            && request.Variables.Count == expected.Variables.Count
            && expected.Variables.All(v => request.Variables.TryGetValue(v.Key, out var actual) && actual == v.Value);
        if (!same)
        {
            Assert.Fail($"segments cut at {string.Join(", ", cuts)} parse differently");
        }
    }

    private static byte[] Environment(params string[] lines) =>
        Utf8.Bytes(string.Concat(lines.Select(line => line + "\n")) + "\n");
}
