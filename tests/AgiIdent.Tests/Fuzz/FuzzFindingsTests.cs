using AgiIdent.CallerId;
using AgiIdent.Contract;
using AgiIdent.Directory;
using AgiIdent.Numbering;
using AgiIdent.Rules;

namespace AgiIdent.Tests.Fuzz;

/// <summary>
/// What the fuzz targets (fuzz/AgiIdent.Fuzz) found, one named test per finding; the inputs are also in the seed
/// corpus (fuzz/corpus/&lt;target&gt;/finding-*), which FuzzCorpusTests replays on every test run.
/// </summary>
public sealed class FuzzFindingsTests
{
    private static readonly RuleFacts Nobody =
        new(new Identification(IdentStatus.NotFound, "380449999999", [], "snapshot", null), string.Empty, string.Empty, new Dictionary<string, string>());

    /// <summary>rules: thousands of nested parentheses overflowed the parser's stack and killed the process.</summary>
    [Fact]
    public void Rules_DeeplyNestedParentheses_AreASyntaxError_NotAStackOverflow()
    {
        var when = new string('(', 20_000) + "true" + new string(')', 20_000);

        var error = Assert.Throws<RuleSyntaxException>(() => RuleExpression.Compile(when));

        Assert.StartsWith($"column {RuleExpression.MaxNesting + 1}: expected at most {RuleExpression.MaxNesting} levels of parentheses and 'not'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>rules: a long chain of 'not' recursed once per word.</summary>
    [Fact]
    public void Rules_DeeplyNestedNot_IsASyntaxError_NotAStackOverflow()
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleExpression.Compile(string.Concat(Enumerable.Repeat("not ", 50_000)) + "true"));

        Assert.Contains("levels of parentheses and 'not'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_NestingUpToTheLimit_StillCompiles()
    {
        var when = new string('(', RuleExpression.MaxNesting - 2) + "not (matches == 0)" + new string(')', RuleExpression.MaxNesting - 2);

        Assert.False(RuleExpression.Compile(when).Evaluate(Nobody));
    }

    /// <summary>rules: 'a and b and c ...' compiled to a closure per operator calling the one before: evaluating 200,000 overflowed the stack.</summary>
    [Theory]
    [InlineData("and", "true", true)]
    [InlineData("and", "matches == 0", true)]
    [InlineData("or", "false", false)]
    [InlineData("or", "matches == 1", false)]
    public void Rules_LongAndOrChains_EvaluateWithoutOverflowingTheStack(string op, string operand, bool expected)
    {
        var when = string.Join($" {op} ", Enumerable.Repeat(operand, 200_000));

        Assert.Equal(expected, RuleExpression.Compile(when).Evaluate(Nobody));
    }

    [Theory]
    [InlineData("true and true and false", false)]
    [InlineData("false or false or true", true)]
    [InlineData("false and true or true", true)]
    [InlineData("true or false and false", true)]
    [InlineData("not true or not false and true", true)]
    public void Rules_FlatChains_KeepPrecedenceAndMeaning(string when, bool expected) =>
        Assert.Equal(expected, RuleExpression.Compile(when).Evaluate(Nobody));

    /// <summary>
    /// phone: libphonenumber takes German numbers of up to 15 national digits as valid, so a caller or a stored phone
    /// came out with 16 or 17 E.164 digits: more than ITU-T E.164 allows and than the directory's e164 column
    /// (CHECK e164 ~ '^[0-9]{1,15}$') accepts, which would have failed the import of the whole file.
    /// </summary>
    [Theory]
    [InlineData("DE", "080040446466791")]
    [InlineData("DE", "+49 30 1234 5678 9012 345")]
    [InlineData("UA", "+4980040446466791")]
    [InlineData("DE", "{\"countryCode\":\"+49\",\"areaCode\":\"800\",\"number\":\"4044 6466 791\"}")]
    public void Phone_NumbersLongerThanFifteenDigits_AreNeverE164(string country, string text)
    {
        var numbers = new NumberParser(NumberingPlan.For(country));

        Assert.Null(numbers.ReadCaller(text));
        Assert.All(numbers.ParseStored(text).Numbers, n => Assert.True(n.E164 is null || n.E164.Length <= NumberParser.MaxE164Length, n.E164));
    }

    [Fact]
    public void Phone_AGermanNumberOfNormalLength_IsStillRead()
    {
        var numbers = new NumberParser(NumberingPlan.For("DE"));

        Assert.Equal("4930123456", numbers.ReadCaller("030 123456")?.E164);
        Assert.Equal("4930123456", Assert.Single(numbers.ParseStored("+49 30 123456").Numbers).E164);
    }

    /// <summary>
    /// directory-json: System.Text.Json checks UTF-8 inside a string only when it is read, so a party with such a
    /// name (or attribute) failed the whole file with InvalidOperationException; and an id that is an object failed it
    /// with a FormatException thrown where the reject was being named. Each is now a reject of its party.
    /// </summary>
    [Fact]
    public void Directory_StringsThatAreNoUtf8_AndAnIdThatIsNoString_RejectTheirPartyOnly()
    {
        static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        byte[] json =
        [
            .. Utf8("{\"parties\":[{\"id\":{\"x\":1},\"name\":\"a\"},{\"id\":\"p-1\",\"name\":\""), 0xD0, .. Utf8("\"},"),
            .. Utf8("{\"id\":\"p-2\",\"name\":\"ok\",\"attributes\":{\""), 0xFF, .. Utf8("\":\"1\"}},"),
            .. Utf8("{\"id\":\"p-3\",\"name\":\"ok\",\"attributes\":{\"a\":[\""), 0xFE, .. Utf8("\"]}},"),
            .. Utf8("{\"id\":\"p-4\",\"name\":\"Good\",\"phones\":[{\"number\":\"+380441234567\"}]}]}"),
        ];

        var content = DirectoryJson.Read(new MemoryStream(json), new NumberParser(NumberingPlan.Ukraine));

        Assert.Equal("p-4", Assert.Single(content.Parties).Id);
        Assert.Equal([null, "p-1", "p-2", "p-3"], content.Rejects.Select(r => r.PartyId));
        Assert.Equal("\"id\" is not a string", content.Rejects[0].Reason);
        Assert.Equal("\"name\" is not valid UTF-8", content.Rejects[1].Reason);
        Assert.Equal("\"attributes\" has a name that is not valid UTF-8", content.Rejects[2].Reason);
        Assert.Equal("\"attributes.a\" is not valid UTF-8", content.Rejects[3].Reason);
    }
}
