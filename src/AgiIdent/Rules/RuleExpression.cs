using System.Globalization;

namespace AgiIdent.Rules;

/// <summary>
/// A compiled rule condition. The language: literals (<c>12.5</c>, <c>'text'</c>, <c>true</c>, <c>false</c>,
/// <c>['a', 'b']</c>), the call's facts (<c>status</c>, <c>flags</c>, <c>debt</c>, <c>attributes.segment</c>, ...),
/// <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>has</c> (a list contains, or a text contains), <c>in</c> (a value is in a
/// list), <c>startswith</c>, <c>and</c>, <c>or</c>, <c>not</c> and parentheses. Text compares without case.
/// </summary>
public sealed class RuleExpression
{
    /// <summary>Deepest nesting of parentheses and <c>not</c> a condition may have; far beyond any real rule.</summary>
    public const int MaxNesting = 32;

    private readonly Func<RuleFacts, object?> _evaluate;

    private RuleExpression(Func<RuleFacts, object?> evaluate, IReadOnlyList<string> facts, string text)
    {
        _evaluate = evaluate;
        Facts = facts;
        Text = text;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The facts the condition reads, for explanations.</summary>
    public IReadOnlyList<string> Facts { get; }

    /// <summary>Compiles a condition; <see cref="RuleSyntaxException"/> gives the column and what was expected.</summary>
    public static RuleExpression Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var evaluate = parser.ParseAll();
        return new RuleExpression(evaluate, parser.FactsUsed, text);
    }

    /// <summary>True when the condition holds for <paramref name="facts"/>.</summary>
    public bool Evaluate(RuleFacts facts) => Truthy(_evaluate(facts));

    internal static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        decimal d => d != 0,
        IReadOnlyList<string> list => list.Count > 0,
        _ => true,
    };

    private enum TokenKind
    {
        Number,
        String,
        Name,
        Operator,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Column, decimal Number = 0);

    private sealed class Parser
    {
        private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ","];
        private readonly string _text;
        private readonly List<Token> _tokens;
        private int _position;
        private int _depth;

        public Parser(string text)
        {
            _text = text;
            _tokens = Tokenize(text);
        }

        public List<string> FactsUsed { get; } = [];

        public Func<RuleFacts, object?> ParseAll()
        {
            var expression = ParseOr();
            if (Peek.Kind != TokenKind.End)
            {
                throw Error(Peek, "'and', 'or' or the end of the condition");
            }

            return expression;
        }

        private Token Peek => _tokens[_position];

        private Token Next() => _tokens[_position++];

        private bool TakeWord(string word)
        {
            if (Peek.Kind == TokenKind.Name && string.Equals(Peek.Text, word, StringComparison.OrdinalIgnoreCase))
            {
                _position++;
                return true;
            }

            return false;
        }

        private bool TakeOperator(string op)
        {
            if (Peek.Kind == TokenKind.Operator && Peek.Text == op)
            {
                _position++;
                return true;
            }

            return false;
        }

        // A chain of 'or' (or 'and') is one flat list evaluated in a loop, not a closure per operator calling the one
        // before it: a long chain must not cost a stack frame per operand when a call is evaluated.
        private Func<RuleFacts, object?> ParseOr()
        {
            var operands = new List<Func<RuleFacts, object?>> { ParseAnd() };
            while (TakeWord("or"))
            {
                operands.Add(ParseAnd());
            }

            if (operands.Count == 1)
            {
                return operands[0];
            }

            var any = operands.ToArray();
            return f =>
            {
                foreach (var operand in any)
                {
                    if (Truthy(operand(f)))
                    {
                        return true;
                    }
                }

                return false;
            };
        }

        private Func<RuleFacts, object?> ParseAnd()
        {
            var operands = new List<Func<RuleFacts, object?>> { ParseNot() };
            while (TakeWord("and"))
            {
                operands.Add(ParseNot());
            }

            if (operands.Count == 1)
            {
                return operands[0];
            }

            var all = operands.ToArray();
            return f =>
            {
                foreach (var operand in all)
                {
                    if (!Truthy(operand(f)))
                    {
                        return false;
                    }
                }

                return true;
            };
        }

        private Func<RuleFacts, object?> ParseNot()
        {
            if (TakeWord("not"))
            {
                Nest(_tokens[_position - 1]);
                var operand = ParseNot();
                _depth--;
                return f => !Truthy(operand(f));
            }

            return ParseComparison();
        }

        /// <summary>One level deeper (a parenthesis or a 'not'); past <see cref="MaxNesting"/> the condition is refused, not the stack overflowed.</summary>
        private void Nest(Token at)
        {
            if (++_depth > MaxNesting)
            {
                throw Error(at, $"at most {MaxNesting} levels of parentheses and 'not'");
            }
        }

        private Func<RuleFacts, object?> ParseComparison()
        {
            var left = ParsePrimary();
            var token = Peek;
            if (token.Kind == TokenKind.Operator && token.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                _position++;
                var right = ParsePrimary();
                return token.Text switch
                {
                    "==" => f => Equal(left(f), right(f)),
                    "!=" => f => !Equal(left(f), right(f)),
                    _ => Order(token.Text, left, right),
                };
            }

            if (TakeWord("has"))
            {
                var right = ParsePrimary();
                return f => Has(left(f), right(f));
            }

            if (TakeWord("in"))
            {
                if (Peek.Kind != TokenKind.Operator || Peek.Text is not ("[" or "("))
                {
                    throw Error(Peek, "a list after 'in', e.g. ['a', 'b']");
                }

                _position++;
                var right = ParseList(_tokens[_position - 1].Text == "[" ? "]" : ")");
                return f => Has(right(f), left(f));
            }

            if (TakeWord("startswith"))
            {
                var right = ParsePrimary();
                return f => RuleFacts.Text(left(f)).StartsWith(RuleFacts.Text(right(f)), StringComparison.OrdinalIgnoreCase);
            }

            return left;
        }

        private static Func<RuleFacts, object?> Order(string op, Func<RuleFacts, object?> left, Func<RuleFacts, object?> right) => f =>
        {
            if (Number(left(f)) is not { } a || Number(right(f)) is not { } b)
            {
                return false;
            }

            return op switch
            {
                "<" => a < b,
                "<=" => a <= b,
                ">" => a > b,
                _ => a >= b,
            };
        };

        private Func<RuleFacts, object?> ParsePrimary()
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Number:
                    object number = token.Number;
                    return _ => number;
                case TokenKind.String:
                    var text = token.Text;
                    return _ => text;
                case TokenKind.Operator when token.Text == "(":
                    if (Peek.Kind is TokenKind.String or TokenKind.Number && _tokens[_position + 1].Text == ",")
                    {
                        return ParseList(")");
                    }

                    Nest(token);
                    var inner = ParseOr();
                    if (!TakeOperator(")"))
                    {
                        throw Error(Peek, "')'");
                    }

                    _depth--;
                    return inner;
                case TokenKind.Operator when token.Text == "[":
                    return ParseList("]");
                case TokenKind.Name when token.Text is "true" or "false":
                    object flag = token.Text == "true";
                    return _ => flag;
                case TokenKind.Name when token.Text is "and" or "or" or "not" or "has" or "in" or "startswith":
                    throw Error(token, "a value or a fact");
                case TokenKind.Name:
                    var accessor = RuleFacts.Accessor(token.Text)
                        ?? throw Error(token, $"a fact ({RuleFacts.Known}), not '{token.Text}'");
                    if (!FactsUsed.Contains(token.Text))
                    {
                        FactsUsed.Add(token.Text);
                    }

                    return accessor;
                default:
                    throw Error(token, "a value or a fact");
            }
        }

        private Func<RuleFacts, object?> ParseList(string close)
        {
            var items = new List<string>();
            while (!TakeOperator(close))
            {
                var token = Next();
                if (token.Kind is not (TokenKind.String or TokenKind.Number))
                {
                    throw Error(token, "a text or number in the list");
                }

                items.Add(token.Kind == TokenKind.Number ? RuleFacts.Text(token.Number) : token.Text);
                if (!TakeOperator(",") && !(Peek.Kind == TokenKind.Operator && Peek.Text == close))
                {
                    throw Error(Peek, $"',' or '{close}'");
                }
            }

            IReadOnlyList<string> list = [.. items];
            return _ => list;
        }

        private RuleSyntaxException Error(Token at, string expected)
        {
            var found = at.Kind == TokenKind.End ? "the end" : $"'{at.Text}'";
            return new RuleSyntaxException(string.Create(CultureInfo.InvariantCulture, $"column {at.Column}: expected {expected}, found {found} in \"{_text}\""));
        }

        private static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                var column = i + 1;
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '\'')
                {
                    var value = new System.Text.StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new RuleSyntaxException(string.Create(CultureInfo.InvariantCulture, $"column {column}: expected a closing ' for the text in \"{text}\""));
                        }

                        if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                        }
                        else if (text[i] == '\'')
                        {
                            i++;
                            break;
                        }
                        else
                        {
                            value.Append(text[i++]);
                        }
                    }

                    tokens.Add(new Token(TokenKind.String, value.ToString(), column));
                }
                else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    var start = i++;
                    while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                    {
                        i++;
                    }

                    var literal = text[start..i];
                    if (!decimal.TryParse(literal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    {
                        throw new RuleSyntaxException(string.Create(CultureInfo.InvariantCulture, $"column {column}: expected a number, found '{literal}' in \"{text}\""));
                    }

                    tokens.Add(new Token(TokenKind.Number, literal, column, number));
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Name, text[start..i], column));
                }
                else
                {
                    var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                        ?? throw new RuleSyntaxException(string.Create(CultureInfo.InvariantCulture, $"column {column}: expected an operator (== != < <= > >= and or not has in startswith), found '{c}' in \"{text}\""));
                    tokens.Add(new Token(TokenKind.Operator, op, column));
                    i += op.Length;
                }
            }

            tokens.Add(new Token(TokenKind.End, string.Empty, text.Length + 1));
            return tokens;
        }
    }

    private static decimal? Number(object? value) => value switch
    {
        decimal d => d,
        string s when AgiIdent.Directory.DecimalText.TryParse(s, out var parsed) => parsed,
        _ => null,
    };

    private static bool Equal(object? left, object? right)
    {
        if (left is bool || right is bool)
        {
            return Truthy(left) == Truthy(right);
        }

        if (Number(left) is { } a && Number(right) is { } b)
        {
            return a == b;
        }

        return string.Equals(RuleFacts.Text(left), RuleFacts.Text(right), StringComparison.OrdinalIgnoreCase);
    }

    private static bool Has(object? container, object? item)
    {
        var text = RuleFacts.Text(item);
        if (text.Length == 0)
        {
            return false;
        }

        return container switch
        {
            IEnumerable<string> list => list.Any(e => string.Equals(e, text, StringComparison.OrdinalIgnoreCase)),
            _ => RuleFacts.Text(container).Contains(text, StringComparison.OrdinalIgnoreCase),
        };
    }
}
