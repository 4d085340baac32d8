using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

/// <summary>Pins the port of <c>__ast_app_separate_args()</c> and func_strings' <c>ARRAY()</c> that the ARRAY tests rely on as their oracle.</summary>
public sealed class AppArgumentSplitterTests
{
    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("a\\,b", new[] { "a,b" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("say \\\"hi\\\"", new[] { "say \"hi\"" })]
    [InlineData("CALLERID(name),CONNECTEDLINE(name,i),B", new[] { "CALLERID(name)", "CONNECTEDLINE(name,i)", "B" })]
    [InlineData("[a,b],c", new[] { "[a,b]", "c" })]
    [InlineData(")a,b", new[] { ")a", "b" })]
    [InlineData("(a,b", new[] { "(a,b" })]
    [InlineData("\\(a,b", new[] { "(a", "b" })]
    [InlineData("a,", new[] { "a", "" })]
    [InlineData(",", new[] { "", "" })]
    [InlineData("", new string[0])]
    [InlineData(" a , b ", new[] { " a ", " b " })]
    [InlineData("back\\\\slash", new[] { "back\\slash" })]
    [InlineData("a|b;c=${d}", new[] { "a|b;c=${d}" })]
    public void SeparateArgs_SplitsLikeAsterisk(string data, string[] expected)
    {
        var separated = AsteriskCommandReader.SeparateArgs(Utf8.Bytes(data), (byte)',', AsteriskCommandReader.ArraySlots);

        Assert.Equal(expected, separated.Strings);
        Assert.False(separated.ReadPastEnd);
    }

    [Fact]
    public void SeparateArgs_HandsTheLastSlotTheRestUnsplitAndUnescaped()
    {
        var data = string.Join(',', Enumerable.Range(1, 101).Select(i => $"v{i}")) + "\\,x";

        var separated = AsteriskCommandReader.SeparateArgs(Utf8.Bytes(data), (byte)',', AsteriskCommandReader.ArraySlots);

        Assert.Equal(AsteriskCommandReader.ArraySlots, separated.Arguments.Count);
        Assert.Equal("v99", separated.Strings[98]);
        Assert.Equal("v100,v101\\,x", separated.Strings[99]);
    }

    [Fact]
    public void SeparateArgs_LevelsCarryOverFromOneArgumentToTheNext()
    {
        var separated = AsteriskCommandReader.SeparateArgs("a(,b"u8, (byte)',', AsteriskCommandReader.ArraySlots);

        Assert.Equal(["a(,b"], separated.Strings);
        Assert.Equal(1, separated.Parentheses);
    }

    [Fact]
    public void SeparateArgs_ReportsALoneBackslashAtTheEnd()
    {
        Assert.True(AsteriskCommandReader.SeparateArgs("a\\"u8, (byte)',', AsteriskCommandReader.ArraySlots).ReadPastEnd);
    }

    [Fact]
    public void SetVariable_ArraySetsEachNameAndEmptiesTheNamesWithoutAValue()
    {
        var command = AsteriskCommandReader.ParseArgs("SET VARIABLE ARRAY(A,CALLERID(name),C) \"1,\\\\,two\""u8);

        var set = AsteriskCommandReader.SetVariable(command);

        Assert.Equal([new("A", "1"), new("CALLERID(name)", ",two"), new("C", string.Empty)], set);
    }

    [Fact]
    public void SetVariable_PlainNameGetsTheWordAsIs()
    {
        var set = AsteriskCommandReader.SetVariable(AsteriskCommandReader.ParseArgs("SET VARIABLE X \"a,b\""u8));

        Assert.Equal([new KeyValuePair<string, string>("X", "a,b")], set);
    }
}
