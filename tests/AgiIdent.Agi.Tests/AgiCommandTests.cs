using System.Buffers;
using System.Text;
using AgiIdent.Agi.Tests.Support;

namespace AgiIdent.Agi.Tests;

/// <summary>Every command is checked the way Asterisk reads it: its line reader, then <c>parse_args()</c>.</summary>
public sealed class AgiCommandTests
{
    private const string Cyrillic = "Олена Коваленко, відділ продажу";

    public static TheoryData<string> Values => new()
    {
        "plain",
        "two words  and  more",
        "tab\tseparated\tvalue",
        "\"quoted\"",
        "back\\slash",
        "trailing backslash\\",
        "\\",
        "\\\"",
        "\"\\",
        "mix \\\" of \\\\\" both\\\\",
        Cyrillic,
        ",|;=&",
        "${EXTEN}$[1+1]",
        string.Empty,
        " ",
        "line\nfeed",
        "carriage\rreturn",
        "nul\0byte",
        "\u001b[31mred\u001b[0m",
        "\r\n\0\u001b\u007f\u0085",
        "inject\nEXEC Hangup",
        "inject\"\nEXEC Hangup \"",
        "😀 emoji and Ї",
        string.Concat(Enumerable.Repeat("Ж\"\\ x\t", 900)),
        new string('a', 5 * 1024),
        new string('"', 3000),
        new string('\\', 3000),
        string.Concat(Enumerable.Repeat("Ж", 3000)),
        "a" + string.Concat(Enumerable.Repeat("Ж", 3000)),
        string.Concat(Enumerable.Repeat("😀", 1000)),
        "ab" + string.Concat(Enumerable.Repeat("😀", 1000)),
        "abc" + string.Concat(Enumerable.Repeat("😀", 1000)),
        new string('x', 1983) + "\\\\",
        new string('x', 1983) + "Ж",
    };

    public static TheoryData<string> Names => new()
    {
        "X",
        "CALLERID(name)",
        "CONNECTEDLINE(name,i)",
        "__INHERITED_VAR",
        new string('N', 256),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void SetVariable_AsteriskReadsExactlyTheSanitizedValue(string value)
    {
        foreach (var name in Names)
        {
            var bytes = AgiCommand.SetVariable(name, value).ToBytes();

            var words = AssertOneSafeLine(bytes);

            Assert.Equal(4, words.Words.Count);
            Assert.Equal(new[] { "SET", "VARIABLE", name }, words.Strings.Take(3));
            AssertSanitizedPrefix(value, words.Strings[3], bytes.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Verbose_AsteriskReadsTheSanitizedMessageAndLevel(string message)
    {
        var bytes = AgiCommand.Verbose(message).ToBytes();

        var words = AssertOneSafeLine(bytes);

        Assert.Equal(3, words.Words.Count);
        Assert.Equal("VERBOSE", words.Strings[0]);
        Assert.Equal("1", words.Strings[2]);
        AssertSanitizedPrefix(message, words.Strings[1], bytes.Length);
    }

    [Theory]
    [InlineData("plain", "SET VARIABLE X \"plain\"\n")]
    [InlineData("a \"b\" \\c\\", "SET VARIABLE X \"a \\\"b\\\" \\\\c\\\\\"\n")]
    [InlineData("", "SET VARIABLE X \"\"\n")]
    [InlineData("tab\there", "SET VARIABLE X \"tab here\"\n")]
    [InlineData("a\r\n\0b", "SET VARIABLE X \"a b\"\n")]
    [InlineData("Ї", "SET VARIABLE X \"\u0407\"\n")]
    public void SetVariable_WritesTheseExactBytes(string value, string expected)
    {
        Assert.Equal(Utf8.Bytes(expected), AgiCommand.SetVariable("X", value).ToBytes());
    }

    [Fact]
    public void SetVariable_DialplanFunctionName_IsWrittenAsIs()
    {
        Assert.Equal(
            Utf8.Bytes("SET VARIABLE CONNECTEDLINE(name,i) \"Олена\"\n"),
            AgiCommand.SetVariable("CONNECTEDLINE(name,i)", "Олена").ToBytes());
    }

    [Fact]
    public void GetVariable_IsThreeWordsWithTheNameUnquoted()
    {
        var bytes = AgiCommand.GetVariable("CONNECTEDLINE(num)").ToBytes();

        Assert.Equal(Utf8.Bytes("GET VARIABLE CONNECTEDLINE(num)\n"), bytes);
        Assert.Equal(new[] { "GET", "VARIABLE", "CONNECTEDLINE(num)" }, AssertOneSafeLine(bytes).Strings);
    }

    [Fact]
    public void Verbose_WritesTheseExactBytes()
    {
        Assert.Equal(Utf8.Bytes("VERBOSE \"say \\\"hi\\\"\" 1\n"), AgiCommand.Verbose("say \"hi\"").ToBytes());
    }

    [Fact]
    public void LongValueOfQuotes_TruncatesToWholeEscapes()
    {
        var bytes = AgiCommand.SetVariable("X", new string('"', 3000)).ToBytes();

        var prefix = "SET VARIABLE X \""u8.Length;
        var escaped = bytes.AsSpan(prefix, bytes.Length - prefix - "\"\n"u8.Length);
        Assert.Equal(0, escaped.Length % 2);
        for (var i = 0; i < escaped.Length; i += 2)
        {
            Assert.Equal((byte)'\\', escaped[i]);
            Assert.Equal((byte)'"', escaped[i + 1]);
        }

        Assert.Equal(new string('"', escaped.Length / 2), AssertOneSafeLine(bytes).Strings[3]);
    }

    [Fact]
    public void LongValue_FillsTheLineToTheLimit()
    {
        var bytes = AgiCommand.SetVariable("X", new string('a', 5 * 1024)).ToBytes();

        Assert.Equal(AgiCommand.MaxBytes, bytes.Length);
    }

    [Fact]
    public void MaxBytes_IsBelowWhatAsteriskReadsAsOneLine()
    {
        Assert.True(AgiCommand.MaxBytes < AsteriskCommandReader.BufferLength - 1);
    }

    [Fact]
    public void WriteTo_WritesTheSameBytesAsToBytes_AndReturnsTheirCount()
    {
        var command = AgiCommand.SetVariable("CALLERID(name)", Cyrillic + new string('x', 3000));
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix"u8);

        var written = command.WriteTo(output);

        Assert.Equal(command.ToBytes(), output.WrittenSpan["prefix"u8.Length..].ToArray());
        Assert.Equal(output.WrittenCount - "prefix"u8.Length, written);
    }

    [Fact]
    public void ToString_IsTheLineWithoutItsLineFeed()
    {
        Assert.Equal("SET VARIABLE X \"a\\\"b\"", AgiCommand.SetVariable("X", "a\"b").ToString());
    }

    [Fact]
    public void Variables_AreWhatAsteriskStores()
    {
        var command = AgiCommand.SetVariable("X", "a\nb\0");

        Assert.Equal([new KeyValuePair<string, string>("X", "a b")], command.Variables);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TWO WORDS")]
    [InlineData("QUOTE\"D")]
    [InlineData("BACK\\SLASH")]
    [InlineData("NEW\nLINE")]
    [InlineData("CARRIAGE\rRETURN")]
    [InlineData("TAB\tBED")]
    [InlineData("NUL\0")]
    [InlineData("ІМ'Я")]
    [InlineData(" LEADING")]
    public void InvalidName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => AgiCommand.SetVariable(name, "value"));
        Assert.Throws<ArgumentException>(() => AgiCommand.GetVariable(name));
    }

    [Fact]
    public void OverlongName_Throws()
    {
        Assert.Throws<ArgumentException>(() => AgiCommand.SetVariable(new string('N', 257), "value"));
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => AgiCommand.SetVariable(null!, "value"));
        Assert.Throws<ArgumentNullException>(() => AgiCommand.SetVariable("X", null!));
        Assert.Throws<ArgumentNullException>(() => AgiCommand.GetVariable(null!));
        Assert.Throws<ArgumentNullException>(() => AgiCommand.Verbose(null!));
    }

    /// <summary>One LF at the very end, no CR or NUL, within the limit, and Asterisk reads it as one closed command.</summary>
    private static AsteriskArguments AssertOneSafeLine(byte[] bytes)
    {
        Assert.True(bytes.Length <= AgiCommand.MaxBytes, $"{bytes.Length} bytes");
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.DoesNotContain((byte)0, bytes);

        var line = Assert.Single(AsteriskCommandReader.ReadLines(bytes));
        var arguments = AsteriskCommandReader.ParseArgs(line);
        Assert.False(arguments.EndedQuoted, "the closing quote was escaped or missing");
        Assert.False(arguments.EndedEscaped, "the line ends in a lone backslash");
        return arguments;
    }

    /// <summary>
    /// Asterisk got the sanitized value, or when the line was full its longest prefix that fits: whole characters
    /// (the strict decoding in <see cref="AsteriskArguments.Strings"/> already failed on a cut one) and whole escapes.
    /// </summary>
    private static void AssertSanitizedPrefix(string value, string received, int lineLength)
    {
        var expected = Sanitize(value);
        Assert.DoesNotContain('\uFFFD', received);
        Assert.StartsWith(received, expected, StringComparison.Ordinal);
        if (received.Length < expected.Length)
        {
            var next = Rune.GetRuneAt(expected, received.Length);
            var room = AgiCommand.MaxBytes - lineLength;
            Assert.True(EscapedLength(next) > room, $"stopped with {room} bytes free before a {EscapedLength(next)}-byte character");
        }
    }

    /// <summary>What reaches Asterisk by design: a tab or a line break (CRLF counted once) turned into a space, other control characters removed.</summary>
    private static string Sanitize(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var rune in value.Replace("\r\n", "\n", StringComparison.Ordinal).EnumerateRunes())
        {
            if (rune.Value is '\t' or '\r' or '\n' or 0x85)
            {
                text.Append(' ');
            }
            else if (rune.Value is >= 0x20 and not (>= 0x7F and <= 0x9F))
            {
                text.Append(rune.ToString());
            }
        }

        return text.ToString();
    }

    private static int EscapedLength(Rune rune) => rune.Utf8SequenceLength + (rune.Value is '"' or '\\' ? 1 : 0);
}
