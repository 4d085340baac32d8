using System.Text;
using AgiIdent.Agi.Tests.Support;
using CsCheck;

namespace AgiIdent.Agi.Tests;

/// <summary>
/// The round trip of <see cref="AgiCommand.SetVariables"/> through Asterisk's line reader, <c>parse_args()</c>, the
/// app-argument splitter and <c>ARRAY()</c> (all ported in <see cref="AsteriskCommandReader"/>): every variable arrives
/// as <see cref="AgiText.Sanitize"/> makes it, cut only when it fills a line alone.
/// </summary>
public sealed class AgiArrayCommandTests
{
    private static readonly string[] NameChoices =
        ["AGIIDENT_STATUS", "AGIIDENT_ROUTE", "CALLERID(name)", "CONNECTEDLINE(name,i)", "CDR(userfield)", "X", "AGIIDENT_NAME"];

    private static readonly Gen<string> Names = Gen.Int[0, NameChoices.Length - 1].Select(static i => NameChoices[i]);

    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char, 0, 40],
        Gen.Char["\\\",()[]|;=${} \t\r\n\0\u0085aЖ\uD83D\uDE00"].Array[0, 40].Select(chars => new string(chars)),
        Gen.String[Gen.Char["xЖ\"\\,"], 300, 2100]);

    private static readonly Gen<KeyValuePair<string, string>[]> Answers =
        Gen.Select(Names, Values, static (name, value) => new KeyValuePair<string, string>(name, value)).Array[0, 24];

    [Fact]
    public void Array_EveryVariableArrivesSanitized_InOrder_ThroughBothParsers() =>
        Answers.Sample(variables => AssertRoundTrip(variables, AgiVariableCommands.Array), iter: 3000);

    [Fact]
    public void Single_EveryVariableArrivesSanitized_InOrder() =>
        Answers.Sample(variables => AssertRoundTrip(variables, AgiVariableCommands.Single), iter: 1000);

    private static readonly string[] Named =
    [
        "\\", "\"", ",", "(", ")", "[", "]", "|", ";", "=", "$", "{", "}",
        "\\\",()[]|;=${}",
        string.Empty,
        "  blanks at both ends  ",
        "ООО (Ромашка",
        "Ромашка)",
        "${SHELL(touch /tmp/x)}",
        "$ ТОВ \"Ромашка\" (опт), [VIP]",
        "a,b",
        "back\\slash | pipe",
        "trailing backslash\\",
        "ctrl\u0001\u001b[31m\u007f\u009fend",
        "Evil\nEXEC Hangup",
        "crlf\r\nline",
        new string('x', 1960),
        string.Concat(Enumerable.Repeat("Ж", 1200)),
        "a" + string.Concat(Enumerable.Repeat("😀", 600)),
        string.Concat(Enumerable.Repeat("\\\"", 600)),
    ];

    public static TheoryData<string> NamedValues => [.. Named];

    [Theory]
    [MemberData(nameof(NamedValues))]
    public void NamedValue_ArrivesExactlyBetweenOthers(string value)
    {
        KeyValuePair<string, string>[] variables = [new("AGIIDENT_STATUS", "FOUND"), new("CALLERID(name)", value), new("AGIIDENT_ROUTE", "vip,queue")];

        var delivered = AssertRoundTrip(variables, AgiVariableCommands.Array);

        Assert.Equal(["AGIIDENT_STATUS", "CALLERID(name)", "AGIIDENT_ROUTE"], delivered.Select(static v => v.Key).ToArray());
        Assert.Equal("vip,queue", delivered[2].Value);
    }

    [Fact]
    public void AllNamedValuesTogether_ArriveExactly()
    {
        var variables = Named.Select(static (value, i) => new KeyValuePair<string, string>($"AGIIDENT_V{i}", value)).ToArray();

        AssertRoundTrip(variables, AgiVariableCommands.Array);
    }

    [Fact]
    public void LineBreak_BecomesASpace_NotNothing()
    {
        var command = Assert.Single(AgiCommand.SetVariables([new("A", "Evil\nEXEC"), new("B", "x\r\ny")], AgiVariableCommands.Array));

        Assert.Equal([new("A", "Evil EXEC"), new("B", "x y")], AsteriskCommandReader.VariablesSet(command.ToBytes()));
    }

    [Fact]
    public void TypicalFoundCaller_IsOneCommand()
    {
        KeyValuePair<string, string>[] variables =
        [
            new("AGIIDENT_STATUS", "FOUND"), new("AGIIDENT_ROUTE", "vip"), new("CALLERID(name)", "$* ТОВ \"Тест-Сервіс\""),
            new("AGIIDENT_MANAGER_EXT", "301"), new("AGIIDENT_NUMBER", "380445550101"), new("AGIIDENT_ID", "11111111-1111-4111-8111-111111111111"),
            new("AGIIDENT_CODE", "T-001"), new("AGIIDENT_NAME", "Товариство з обмеженою відповідальністю «Тест-Сервіс»"),
            new("AGIIDENT_MANAGER", "Петренко Іван"), new("AGIIDENT_FLAGS", "VIP,Prepayment"), new("AGIIDENT_DEBT", "1234.50"),
            new("AGIIDENT_LANG", "uk"), new("AGIIDENT_GREETING", "greetings/test"), new("AGIIDENT_MATCHES", "1"), new("AGIIDENT_SOURCE", "snapshot"),
        ];

        var command = Assert.Single(AgiCommand.SetVariables(variables, AgiVariableCommands.Array));

        Assert.StartsWith("SET VARIABLE ARRAY(AGIIDENT_STATUS,AGIIDENT_ROUTE,CALLERID(name),", command.ToString(), StringComparison.Ordinal);
        Assert.Equal(variables, AsteriskCommandReader.VariablesSet(command.ToBytes()));
    }

    [Fact]
    public void OneVariable_IsAPlainSetVariable()
    {
        var command = Assert.Single(AgiCommand.SetVariables([new("AGIIDENT_STATUS", "ERROR")], AgiVariableCommands.Array));

        Assert.Equal("SET VARIABLE AGIIDENT_STATUS \"ERROR\"", command.ToString());
    }

    [Fact]
    public void ExactBytes_EscapeForTheSplitterThenForParseArgs()
    {
        var command = Assert.Single(AgiCommand.SetVariables([new("A", "a,\"b\"\\"), new("CONNECTEDLINE(name,i)", "(x)")], AgiVariableCommands.Array));

        Assert.Equal("SET VARIABLE ARRAY(A,CONNECTEDLINE(name,i)) \"a\\\\,\\\\\\\"b\\\\\\\"\\\\\\\\,\\\\(x\\\\)\"", command.ToString());
    }

    [Fact]
    public void MoreThanNinetyNineVariables_SplitIntoSeveralCommands()
    {
        var variables = Enumerable.Range(0, 150).Select(i => new KeyValuePair<string, string>($"V{i}", "1")).ToArray();

        var commands = AgiCommand.SetVariables(variables, AgiVariableCommands.Array);

        Assert.Equal([AgiCommand.MaxArrayVariables, 150 - AgiCommand.MaxArrayVariables], commands.Select(c => c.Variables.Count));
        AssertRoundTrip(variables, AgiVariableCommands.Array);
    }

    [Fact]
    public void NameArrayCannotCarry_GoesAlone()
    {
        var commands = AgiCommand.SetVariables([new("A", "1"), new("ODD)NAME", "2"), new("B", "3")], AgiVariableCommands.Array);

        Assert.Equal(["SET VARIABLE A \"1\"", "SET VARIABLE ODD)NAME \"2\"", "SET VARIABLE B \"3\""], commands.Select(c => c.ToString()));
    }

    [Fact]
    public void Single_IsOneCommandPerVariable()
    {
        var commands = AgiCommand.SetVariables([new("A", "1"), new("B", "2")], AgiVariableCommands.Single);

        Assert.Equal(["SET VARIABLE A \"1\"", "SET VARIABLE B \"2\""], commands.Select(c => c.ToString()));
    }

    /// <summary>Sends through the ported parsers and checks each line and each value; returns what Asterisk stored.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> AssertRoundTrip(KeyValuePair<string, string>[] variables, AgiVariableCommands style)
    {
        var commands = AgiCommand.SetVariables(variables, style);
        var wire = new List<byte>();
        foreach (var command in commands)
        {
            var bytes = command.ToBytes();
            Assert.True(bytes.Length <= AgiCommand.MaxBytes, $"{bytes.Length} bytes");
            Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.DoesNotContain((byte)0, bytes);
            Assert.DoesNotContain((byte)'\r', bytes);
            var words = AsteriskCommandReader.ParseArgs(Assert.Single(AsteriskCommandReader.ReadLines(bytes)));
            Assert.False(words.EndedQuoted);
            Assert.False(words.EndedEscaped);
            wire.AddRange(bytes);
        }

        var stored = AsteriskCommandReader.VariablesSet(wire.ToArray());
        Assert.Equal(commands.SelectMany(c => c.Variables), stored);
        Assert.Equal(variables.Select(v => v.Key), stored.Select(v => v.Key));
        var i = 0;
        foreach (var command in commands)
        {
            foreach (var (_, value) in command.Variables)
            {
                var expected = AgiText.Sanitize(variables[i++].Value);
                if (command.Variables.Count > 1 || value.Length == expected.Length)
                {
                    Assert.Equal(expected, value);
                }
                else
                {
                    // Cut only when it fills a line alone, at a character boundary.
                    Assert.StartsWith(value, expected, StringComparison.Ordinal);
                    Assert.True(command.Length > AgiCommand.MaxBytes - 12, $"cut with {AgiCommand.MaxBytes - command.Length} bytes free");
                    Assert.False(value.Length > 0 && char.IsHighSurrogate(value[^1]));
                }
            }
        }

        Assert.True(stored.All(v => !v.Value.Any(char.IsControl)));
        return stored;
    }
}
