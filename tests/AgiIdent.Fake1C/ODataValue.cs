using System.Globalization;

namespace AgiIdent.Fake1C;

/// <summary>
/// The values a fake row may hold and how they compare: strings ordinal, numbers numerically, false before true,
/// null before everything. A <see cref="long"/> is an Edm.Int64 (1C's <c>LineNumber</c>), which OData v3 writes as
/// a JSON string but orders as a number.
/// </summary>
internal static class ODataValue
{
    /// <summary>Stands for null where a dictionary key is needed.</summary>
    public static readonly object NullKey = new();

    public static readonly object True = true;

    public static readonly object False = false;

    private static readonly object[] SmallLongs = Enumerable.Range(0, 64).Select(static i => (object)(long)i).ToArray();

    /// <summary>Brings a caller's value to one of the stored types, sharing boxes for the common ones.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? True : False,
        long number => Box(number),
        int number => number,
        decimal number => number,
        double number => number,
        short number => (int)number,
        byte number => (int)number,
        float number => (double)number,
        Guid guid => guid.ToString("D"),
        DateTime time => time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A fake 1C value cannot be of type {value.GetType().Name}.", nameof(value)),
    };

    public static object Box(long number) => number >= 0 && number < SmallLongs.Length ? SmallLongs[number] : number;

    /// <summary>The form under which equal values meet in an index.</summary>
    public static object Key(object? value) => value switch
    {
        null => NullKey,
        int number => (decimal)number,
        long number => (decimal)number,
        double number => (decimal)number,
        _ => value,
    };

    public static int Compare(object? left, object? right)
    {
        var rank = Rank(left).CompareTo(Rank(right));
        if (rank != 0)
        {
            return rank;
        }

        return left switch
        {
            null => 0,
            bool flag => flag.CompareTo((bool)right!),
            string text => string.CompareOrdinal(text, (string)right!),
            _ => ToDecimal(left).CompareTo(ToDecimal(right!)),
        };
    }

    public static bool AreEqual(object? left, object? right) => Rank(left) == Rank(right) && Compare(left, right) == 0;

    /// <summary>True when both are non-null values of one kind, so that ordering them means something.</summary>
    public static bool AreComparable(object? left, object? right) => left is not null && right is not null && Rank(left) == Rank(right);

    private static int Rank(object? value) => value switch
    {
        null => 0,
        bool => 1,
        string => 3,
        _ => 2,
    };

    private static decimal ToDecimal(object value) => value switch
    {
        int number => number,
        long number => number,
        decimal number => number,
        double number => (decimal)number,
        _ => throw new InvalidOperationException("Not a number: " + value.GetType().Name),
    };
}
