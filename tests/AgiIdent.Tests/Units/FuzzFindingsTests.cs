using AgiIdent.CallerId;
using AgiIdent.Rules;

namespace AgiIdent.Tests.Units;

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
        var when = new string('(', RuleExpression.MaxNesting - 1) + "not (matches == 0)" + new string(')', RuleExpression.MaxNesting - 1);

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
}
