using System.Globalization;

namespace AgiIdent.Fake1C;

/// <summary>The query options of one request, checked against the set's schema.</summary>
internal sealed class ODataQuery
{
    private static readonly HashSet<string> KnownOptions = new(StringComparer.Ordinal)
    {
        "$format", "$select", "$filter", "$orderby", "$top", "$skip", "$inlinecount",
    };

    private ODataQuery(int[] columns, OrderKey[] order, FilterNode? filter, int skip, int? top, bool inlineCount)
    {
        Columns = columns;
        Order = order;
        Filter = filter;
        Skip = skip;
        Top = top;
        InlineCount = inlineCount;
    }

    /// <summary>The served columns to write, in the order asked for.</summary>
    public int[] Columns { get; }

    public OrderKey[] Order { get; }

    public FilterNode? Filter { get; }

    public int Skip { get; }

    public int? Top { get; }

    public bool InlineCount { get; }

    /// <summary>Reads the options; <paramref name="condition"/> (a register's parameter) is and-ed with <c>$filter</c>.</summary>
    public static ODataQuery Parse(Fake1CEntitySet set, IReadOnlyDictionary<string, string> options, FilterNode? condition)
    {
        foreach (var name in options.Keys)
        {
            if (name.StartsWith('$') && !KnownOptions.Contains(name))
            {
                throw ODataRequestException.BadRequest($"Параметр запроса '{name}' не поддерживается");
            }
        }

        var columns = options.TryGetValue("$select", out var select) && select.Trim() is { Length: > 0 } and not "*"
            ? [.. select.Split(',').Select(name => set.ServedColumn(name.Trim())).Distinct()]
            : Enumerable.Range(0, set.Fields.Count).ToArray();
        var order = options.TryGetValue("$orderby", out var orderBy) && orderBy.Trim().Length > 0
            ? [.. orderBy.Split(',').Select(term => ParseOrderTerm(set, term))]
            : Array.Empty<OrderKey>();
        var filter = options.TryGetValue("$filter", out var text) && text.Trim().Length > 0
            ? ODataFilterParser.Parse(text, set.ServedColumn)
            : null;
        if (condition is not null)
        {
            filter = filter is null ? condition : new AndNode([condition, filter]);
        }

        var inlineCount = options.TryGetValue("$inlinecount", out var count) && count switch
        {
            "allpages" => true,
            "none" => false,
            _ => throw ODataRequestException.BadRequest($"Неправильное значение параметра $inlinecount: '{count}'"),
        };
        var skip = Number(options, "$skip") ?? 0;
        var top = Number(options, "$top");
        // 1C pages no further when asked to count: with $inlinecount=allpages it ignores $top and $skip.
        return inlineCount
            ? new ODataQuery(columns, order, filter, 0, null, true)
            : new ODataQuery(columns, order, filter, skip, top, false);
    }

    private static OrderKey ParseOrderTerm(Fake1CEntitySet set, string term)
    {
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words switch
        {
            [var name] => new OrderKey(set.ServedColumn(name), false),
            [var name, "asc"] => new OrderKey(set.ServedColumn(name), false),
            [var name, "desc"] => new OrderKey(set.ServedColumn(name), true),
            _ => throw ODataRequestException.BadRequest($"Неправильное выражение $orderby: '{term}'"),
        };
    }

    private static int? Number(IReadOnlyDictionary<string, string> options, string name)
    {
        if (!options.TryGetValue(name, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ODataRequestException.BadRequest($"Неправильное значение параметра {name}: '{text}'");
    }
}
