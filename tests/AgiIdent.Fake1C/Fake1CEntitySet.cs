using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgiIdent.Fake1C;

/// <summary>One entity set of a <see cref="Fake1CInfobase"/>: its served fields in order and its rows.</summary>
/// <remarks>
/// A row is an array of values by column: the served fields first, then hidden properties (names starting with
/// <c>@</c>), which filters and conditions may read but responses never show. Arrays instead of dictionaries keep a
/// benchmark's hundreds of thousands of rows small. A changed row is replaced, never written in place, so a page
/// taken under the lock stays consistent while the response is being written.
/// </remarks>
public sealed class Fake1CEntitySet
{
    // Above this share of the set, an index lookup costs more than scanning the cached order.
    private const int IndexShareDivisor = 4;

    private readonly Lock _gate = new();
    private readonly List<string> _columns;
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
    // Served fields never change, so requests look them up without the lock; hidden ones may be added with rows.
    private readonly FrozenDictionary<string, int> _servedIndex;
    private readonly List<object?[]> _rows = [];
    private readonly Dictionary<string, (OrderKey[] Keys, int[] Positions)> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Dictionary<object, List<int>>> _indexes = [];

    internal Fake1CEntitySet(string name, IEnumerable<string> fields)
    {
        Name = name;
        var all = fields.ToList();
        var served = all.Where(static f => !f.StartsWith('@')).ToList();
        if (served.Count == 0)
        {
            throw new ArgumentException($"The set {name} needs at least one served field.", nameof(fields));
        }

        // Served fields first, so that a served column's index is its position in Fields.
        _columns = [.. served, .. all.Where(static f => f.StartsWith('@'))];
        for (var i = 0; i < _columns.Count; i++)
        {
            if (!_columnIndex.TryAdd(_columns[i], i))
            {
                throw new ArgumentException($"The set {name} lists the field {_columns[i]} twice.", nameof(fields));
            }
        }

        Fields = served;
        _servedIndex = served.Select(static (f, i) => KeyValuePair.Create(f, i)).ToFrozenDictionary(StringComparer.Ordinal);
        EncodedFields = [.. served.Select(static f => JsonEncodedText.Encode(f, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
    }

    /// <summary>The set's name as it appears in the URL, e.g. <c>Catalog_Партнеры</c>.</summary>
    public string Name { get; }

    /// <summary>The fields a response may carry, in schema order.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The number of rows.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    internal JsonEncodedText[] EncodedFields { get; }

    /// <summary>A copy of every row, hidden properties included, for assertions.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows()
    {
        lock (_gate)
        {
            return [.. _rows.Select(ToDictionary)];
        }
    }

    internal static object? Get(object?[] row, int column) => column < row.Length ? row[column] : null;

    /// <summary>The column of a served field, or a 400 naming it as 1C does.</summary>
    internal int ServedColumn(string field) =>
        _servedIndex.TryGetValue(field, out var column) ? column : throw ODataRequestException.UnknownProperty(field);

    /// <summary>The column of any field, hidden ones included, or a 400 naming it.</summary>
    internal int AnyColumn(string field)
    {
        lock (_gate)
        {
            return _columnIndex.TryGetValue(field, out var column) ? column : throw ODataRequestException.UnknownProperty(field);
        }
    }

    /// <summary>The column of any field, for the infobase's mutations; a missing one is the caller's mistake.</summary>
    internal int ColumnOrThrow(string field)
    {
        lock (_gate)
        {
            return _columnIndex.TryGetValue(field, out var column) ? column : throw new ArgumentException($"The set {Name} has no field {field}.", nameof(field));
        }
    }

    internal void Add(IReadOnlyDictionary<string, object?> values)
    {
        lock (_gate)
        {
            var row = new object?[_columns.Count];
            foreach (var (field, value) in values)
            {
                if (!_columnIndex.TryGetValue(field, out var column))
                {
                    if (!field.StartsWith('@'))
                    {
                        throw new ArgumentException($"The set {Name} has no field {field}.", nameof(values));
                    }

                    column = _columns.Count;
                    _columns.Add(field);
                    _columnIndex.Add(field, column);
                    Array.Resize(ref row, _columns.Count);
                }

                row[column] = ODataValue.Normalize(value);
            }

            _rows.Add(row);
            InvalidateAll();
        }
    }

    internal int RemoveWhere(int column, object? value)
    {
        value = ODataValue.Normalize(value);
        lock (_gate)
        {
            var removed = _rows.RemoveAll(row => ODataValue.AreEqual(Get(row, column), value));
            if (removed > 0)
            {
                InvalidateAll();
            }

            return removed;
        }
    }

    /// <summary>Replaces every row whose <paramref name="matchColumn"/> equals <paramref name="matchValue"/> by a changed copy.</summary>
    internal int Change(int matchColumn, object? matchValue, Action<object?[]> change, params ReadOnlySpan<int> changedColumns)
    {
        lock (_gate)
        {
            var index = Index(matchColumn);
            if (!index.TryGetValue(ODataValue.Key(ODataValue.Normalize(matchValue)), out var positions))
            {
                return 0;
            }

            foreach (var position in positions)
            {
                var copy = new object?[_columns.Count];
                _rows[position].CopyTo(copy, 0);
                change(copy);
                _rows[position] = copy;
            }

            foreach (var column in changedColumns)
            {
                InvalidateColumn(column);
            }

            return positions.Count;
        }
    }

    internal IReadOnlyDictionary<string, object?>? Find(int column, object? value)
    {
        lock (_gate)
        {
            return Index(column).TryGetValue(ODataValue.Key(ODataValue.Normalize(value)), out var positions)
                ? ToDictionary(_rows[positions[0]])
                : null;
        }
    }

    /// <summary>
    /// The rows a query selects, in order, after <paramref name="skip"/> and up to <paramref name="top"/>;
    /// <paramref name="matched"/> counts every row that passed the filter (for <c>$inlinecount</c>).
    /// </summary>
    /// <summary>A page of rows; <paramref name="matched"/> counts all matches only when <paramref name="countAll"/> asks ($inlinecount), else it stops at the page's end.</summary>
    internal List<object?[]> Query(FilterNode? filter, OrderKey[] order, int skip, int? top, bool countAll, out int matched)
    {
        lock (_gate)
        {
            var page = new List<object?[]>(Math.Min(top ?? 1024, 4096));
            matched = 0;
            foreach (var position in Positions(filter, order))
            {
                var row = _rows[position];
                if (filter is not null && !filter.Matches(row))
                {
                    continue;
                }

                matched++;
                if (matched > skip && (top is null || page.Count < top))
                {
                    page.Add(row);
                }
                else if (!countAll && top is not null && page.Count >= top)
                {
                    break;
                }
            }

            return page;
        }
    }

    private IEnumerable<int> Positions(FilterNode? filter, OrderKey[] order)
    {
        var candidates = filter is null ? null : Candidates(filter);
        if (candidates is not null && candidates.Count <= _rows.Count / IndexShareDivisor)
        {
            var distinct = candidates.Distinct().ToArray();
            Array.Sort(distinct, Comparer(order));
            return distinct;
        }

        return order.Length == 0 ? Enumerable.Range(0, _rows.Count) : SortedPositions(order);
    }

    /// <summary>Rows that can match, from the indexes, when the filter is a disjunction of equalities (or contains one in a conjunction).</summary>
    private List<int>? Candidates(FilterNode node)
    {
        switch (node)
        {
            case ComparisonNode { Operator: ComparisonOperator.Equal } comparison:
                return Index(comparison.Column).TryGetValue(ODataValue.Key(comparison.Literal), out var positions) ? positions : [];
            case OrNode or:
                var union = new List<int>();
                foreach (var term in or.Terms)
                {
                    var part = Candidates(term);
                    if (part is null)
                    {
                        return null;
                    }

                    union.AddRange(part);
                }

                return union;
            case AndNode and:
                List<int>? narrowest = null;
                foreach (var term in and.Terms)
                {
                    var part = Candidates(term);
                    if (part is not null && (narrowest is null || part.Count < narrowest.Count))
                    {
                        narrowest = part;
                    }
                }

                return narrowest;
            default:
                return null;
        }
    }

    private Dictionary<object, List<int>> Index(int column)
    {
        if (!_indexes.TryGetValue(column, out var index))
        {
            index = [];
            for (var position = 0; position < _rows.Count; position++)
            {
                var key = ODataValue.Key(Get(_rows[position], column));
                if (!index.TryGetValue(key, out var positions))
                {
                    positions = new List<int>(1);
                    index.Add(key, positions);
                }

                positions.Add(position);
            }

            _indexes.Add(column, index);
        }

        return index;
    }

    private int[] SortedPositions(OrderKey[] order)
    {
        var key = string.Join(',', order.Select(static k => k.ToString()));
        if (!_orders.TryGetValue(key, out var cached))
        {
            var positions = Enumerable.Range(0, _rows.Count).ToArray();
            Array.Sort(positions, Comparer(order));
            cached = (order, positions);
            _orders.Add(key, cached);
        }

        return cached.Positions;
    }

    // Ties fall back to insertion order, so that paging with $skip is stable even on a non-unique $orderby.
    private Comparison<int> Comparer(OrderKey[] order) => (left, right) =>
    {
        foreach (var key in order)
        {
            var result = ODataValue.Compare(Get(_rows[left], key.Column), Get(_rows[right], key.Column));
            if (result != 0)
            {
                return key.Descending ? -result : result;
            }
        }

        return left.CompareTo(right);
    };

    private void InvalidateAll()
    {
        _orders.Clear();
        _indexes.Clear();
    }

    private void InvalidateColumn(int column)
    {
        _indexes.Remove(column);
        foreach (var (key, cached) in _orders.ToList())
        {
            if (cached.Keys.Any(k => k.Column == column))
            {
                _orders.Remove(key);
            }
        }
    }

    private Dictionary<string, object?> ToDictionary(object?[] row)
    {
        var result = new Dictionary<string, object?>(_columns.Count, StringComparer.Ordinal);
        for (var column = 0; column < _columns.Count; column++)
        {
            result[_columns[column]] = Get(row, column);
        }

        return result;
    }
}

/// <summary>One term of <c>$orderby</c>: a column and its direction.</summary>
internal readonly record struct OrderKey(int Column, bool Descending)
{
    public override string ToString() => Descending ? Column + " desc" : Column + " asc";
}
