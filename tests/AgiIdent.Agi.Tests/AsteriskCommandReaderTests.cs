using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

/// <summary>Pins the port of Asterisk's reader and <c>parse_args()</c> that the command tests rely on as their oracle.</summary>
public sealed class AsteriskCommandReaderTests
{
    [Theory]
    [InlineData("SET VARIABLE A B", new[] { "SET", "VARIABLE", "A", "B" })]
    [InlineData("  SET\tVARIABLE   A  B  ", new[] { "SET", "VARIABLE", "A", "B" })]
    [InlineData("SET VARIABLE A \"two words\"", new[] { "SET", "VARIABLE", "A", "two words" })]
    [InlineData("SET VARIABLE A \"tab\there\"", new[] { "SET", "VARIABLE", "A", "tab\there" })]
    [InlineData("SET VARIABLE A \"\"", new[] { "SET", "VARIABLE", "A", "" })]
    [InlineData("X a\"b c\"d", new[] { "X", "ab cd" })]
    [InlineData("X \"a\"\"b\"", new[] { "X", "ab" })]
    [InlineData("X a\\ b", new[] { "X", "a b" })]
    [InlineData("X \"say \\\"hi\\\"\"", new[] { "X", "say \"hi\"" })]
    [InlineData("X \"back\\\\slash\"", new[] { "X", "back\\slash" })]
    [InlineData("X \\n", new[] { "X", "n" })]
    [InlineData("X \"a\\", new[] { "X", "a" })]
    public void ParseArgs_SplitsLikeAsterisk(string line, string[] expected)
    {
        var parsed = AsteriskCommandReader.ParseArgs(Utf8.Bytes(line));

        Assert.Equal(expected, parsed.Strings);
    }

    [Fact]
    public void ParseArgs_ReportsUnterminatedQuoteAndDanglingBackslash()
    {
        Assert.True(AsteriskCommandReader.ParseArgs("X \"open"u8).EndedQuoted);
        Assert.True(AsteriskCommandReader.ParseArgs("X \"a\\\""u8).EndedQuoted);
        Assert.True(AsteriskCommandReader.ParseArgs("X a\\"u8).EndedEscaped);
        var closed = AsteriskCommandReader.ParseArgs("X \"a\\\\\""u8);
        Assert.False(closed.EndedQuoted);
        Assert.False(closed.EndedEscaped);
    }

    [Fact]
    public void ParseArgs_KeepsAtMostMaxArgsMinusOneWords()
    {
        var line = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));

        var parsed = AsteriskCommandReader.ParseArgs(Utf8.Bytes(line));

        Assert.Equal(AsteriskCommandReader.MaxArgs - 1, parsed.Words.Count);
        Assert.Equal("w126", parsed.Strings[^1]);
    }

    [Fact]
    public void ReadLines_EndsACommandAtEachLineFeedOnly()
    {
        var lines = AsteriskCommandReader.ReadLines("VERBOSE \"a\r\" 1\r\nSET VARIABLE X \"b\nEXEC Hangup\n"u8);

        Assert.Equal(
            new[] { "VERBOSE \"a\r\" 1\r", "SET VARIABLE X \"b", "EXEC Hangup" },
            lines.Select(line => Utf8.Strict.GetString(line)));
    }

    [Fact]
    public void ReadLines_NulEndsTheCommand()
    {
        var lines = AsteriskCommandReader.ReadLines("SET VARIABLE X \"a\0b\"\n"u8);

        Assert.Equal("SET VARIABLE X \"a", Utf8.Strict.GetString(Assert.Single(lines)));
    }

    [Fact]
    public void ReadLines_RunsTheRestOfAnOverlongLineAsASecondCommand()
    {
        var line = Utf8.Bytes("VERBOSE \"" + new string('x', 3000) + "\" 1\n");

        var lines = AsteriskCommandReader.ReadLines(line);

        Assert.Equal(2, lines.Count);
        Assert.Equal(AsteriskCommandReader.BufferLength - 1, lines[0].Length);
        Assert.Equal(line.Length - 1 - lines[0].Length, lines[1].Length);
    }
}
