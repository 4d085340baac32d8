using System.Globalization;

namespace AgiIdent.Fake1C;

/// <summary>Comparison operators of an OData v3 <c>$filter</c>.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}

/// <summary>A parsed <c>$filter</c> (or a register's <c>Condition</c>), evaluated against stored rows.</summary>
internal abstract class FilterNode
{
    public abstract bool Matches(object?[] row);
}

internal sealed class OrNode(FilterNode[] terms) : FilterNode
{
    public FilterNode[] Terms { get; } = terms;

    public override bool Matches(object?[] row)
    {
        foreach (var term in Terms)
        {
            if (term.Matches(row))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class AndNode(FilterNode[] terms) : FilterNode
{
    public FilterNode[] Terms { get; } = terms;

    public override bool Matches(object?[] row)
    {
        foreach (var term in Terms)
        {
            if (!term.Matches(row))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class NotNode(FilterNode inner) : FilterNode
{
    public override bool Matches(object?[] row) => !inner.Matches(row);
}

internal sealed class ComparisonNode(int column, ComparisonOperator op, object? literal) : FilterNode
{
    public int Column { get; } = column;

    public ComparisonOperator Operator { get; } = op;

    public object? Literal { get; } = literal;

    public override bool Matches(object?[] row)
    {
        var value = Fake1CEntitySet.Get(row, Column);
        return Operator switch
        {
            ComparisonOperator.Equal => ODataValue.AreEqual(value, Literal),
            ComparisonOperator.NotEqual => !ODataValue.AreEqual(value, Literal),
            // Ordering against a value of another type (or null) is false, as in SQL.
            _ when !ODataValue.AreComparable(value, Literal) => false,
            ComparisonOperator.GreaterThan => ODataValue.Compare(value, Literal) > 0,
            ComparisonOperator.GreaterOrEqual => ODataValue.Compare(value, Literal) >= 0,
            ComparisonOperator.LessThan => ODataValue.Compare(value, Literal) < 0,
            _ => ODataValue.Compare(value, Literal) <= 0,
        };
    }
}

/// <summary>
/// Parses the part of OData v3 <c>$filter</c> that 1C clients use: comparisons of a property with a literal
/// (<c>guid'…'</c>, <c>'text'</c> with doubled quotes, numbers, <c>true</c>, <c>false</c>, <c>null</c>,
/// <c>datetime'…'</c>), <c>and</c>, <c>or</c>, <c>not</c> and parentheses. Anything else is a 400, as 1C answers it.
/// </summary>
internal sealed class ODataFilterParser
{
    // Bounds so that a hostile or runaway filter costs a 400, not the test process.
    private const int MaxLength = 256 * 1024;
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly Func<string, int> _resolve;
    private int _position;
    private int _depth;

    private ODataFilterParser(string text, Func<string, int> resolve)
    {
        _text = text;
        _resolve = resolve;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="resolve"/> maps a property to its column or throws.</summary>
    public static FilterNode Parse(string text, Func<string, int> resolve)
    {
        if (text.Length > MaxLength)
        {
            throw Syntax($"выражение длиннее {MaxLength} символов");
        }

        var parser = new ODataFilterParser(text, resolve);
        var node = parser.ParseOr();
        parser.SkipSpaces();
        if (parser._position < text.Length)
        {
            throw Syntax($"лишний текст в позиции {parser._position + 1}");
        }

        return node;
    }

    private FilterNode ParseOr()
    {
        var terms = new List<FilterNode> { ParseAnd() };
        while (TryKeyword("or"))
        {
            terms.Add(ParseAnd());
        }

        return terms.Count == 1 ? terms[0] : new OrNode([.. terms]);
    }

    private FilterNode ParseAnd()
    {
        var terms = new List<FilterNode> { ParseUnary() };
        while (TryKeyword("and"))
        {
            terms.Add(ParseUnary());
        }

        return terms.Count == 1 ? terms[0] : new AndNode([.. terms]);
    }

    private FilterNode ParseUnary()
    {
        if (++_depth > MaxDepth)
        {
            throw Syntax($"вложенность глубже {MaxDepth}");
        }

        try
        {
            if (TryKeyword("not"))
            {
                return new NotNode(ParseUnary());
            }

            SkipSpaces();
            if (Peek() == '(')
            {
                _position++;
                var inner = ParseOr();
                SkipSpaces();
                Expect(')');
                return inner;
            }

            return ParseComparison();
        }
        finally
        {
            _depth--;
        }
    }

    private ComparisonNode ParseComparison()
    {
        SkipSpaces();
        var start = _position;
        var name = ReadIdentifier();
        if (name.Length == 0)
        {
            throw Syntax($"ожидалось имя свойства в позиции {start + 1}");
        }

        if (Peek() == '(')
        {
            throw ODataRequestException.BadRequest($"Функция '{name}' в $filter не поддерживается");
        }

        var column = _resolve(name);
        var operatorStart = _position;
        var op = ReadOperator();
        if (op is null)
        {
            // A bare boolean property, as in "$filter=DeletionMark".
            _position = operatorStart;
            return new ComparisonNode(column, ComparisonOperator.Equal, ODataValue.True);
        }

        return new ComparisonNode(column, op.Value, ReadLiteral());
    }

    private ComparisonOperator? ReadOperator()
    {
        SkipSpaces();
        var start = _position;
        var word = ReadIdentifier();
        ComparisonOperator? op = word switch
        {
            "eq" => ComparisonOperator.Equal,
            "ne" => ComparisonOperator.NotEqual,
            "gt" => ComparisonOperator.GreaterThan,
            "ge" => ComparisonOperator.GreaterOrEqual,
            "lt" => ComparisonOperator.LessThan,
            "le" => ComparisonOperator.LessOrEqual,
            _ => null,
        };
        if (op is null)
        {
            if (word is "add" or "sub" or "mul" or "div" or "mod")
            {
                throw ODataRequestException.BadRequest($"Оператор '{word}' в $filter не поддерживается");
            }

            _position = start;
        }

        return op;
    }

    private object? ReadLiteral()
    {
        SkipSpaces();
        var start = _position;
        var c = Peek();
        if (c == '\'')
        {
            return ReadQuoted();
        }

        if (char.IsDigit(c) || (c == '-' && char.IsDigit(PeekAt(1))))
        {
            return ReadNumber();
        }

        var word = ReadIdentifier();
        switch (word)
        {
            case "true":
                return ODataValue.True;
            case "false":
                return ODataValue.False;
            case "null":
                return null;
            case "guid" when Peek() == '\'':
                var text = ReadQuoted();
                return Guid.TryParse(text, out var guid)
                    ? guid.ToString("D")
                    : throw Syntax($"неправильный GUID '{text}'");
            case "datetime" when Peek() == '\'':
                return ReadQuoted();
            case "":
                throw Syntax($"ожидалось значение в позиции {start + 1}");
            default:
                throw Syntax($"ожидалось значение, а не '{word}'");
        }
    }

    private string ReadQuoted()
    {
        Expect('\'');
        var text = new System.Text.StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Syntax("незакрытая кавычка");
            }

            var c = _text[_position++];
            if (c != '\'')
            {
                text.Append(c);
            }
            else if (Peek() == '\'')
            {
                text.Append('\'');
                _position++;
            }
            else
            {
                return text.ToString();
            }
        }
    }

    private decimal ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        while (char.IsDigit(Peek()) || Peek() == '.')
        {
            _position++;
        }

        var number = _text[start.._position];
        // OData's type suffixes (1M, 2L, 3.5d) change nothing here.
        if (Peek() is 'M' or 'm' or 'L' or 'l' or 'D' or 'd' or 'F' or 'f')
        {
            _position++;
        }

        return decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Syntax($"неправильное число '{number}'");
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpaces();
        var start = _position;
        if (ReadIdentifier() == keyword)
        {
            return true;
        }

        _position = start;
        return false;
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '/'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private void Expect(char expected)
    {
        if (Peek() != expected)
        {
            throw Syntax($"ожидался символ '{expected}' в позиции {_position + 1}");
        }

        _position++;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private char Peek() => PeekAt(0);

    private char PeekAt(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private static ODataRequestException Syntax(string detail) => ODataRequestException.BadRequest("Синтаксическая ошибка в $filter: " + detail);
}
