using System.Globalization;

namespace AgiIdent.Display;

/// <summary>An extension or an inclusive range of numeric extensions (<c>201-209</c>).</summary>
public readonly record struct ExtensionRange(string First, string Last)
{
    /// <summary>Parses <c>201</c> or <c>201-209</c>; null when it is neither.</summary>
    public static ExtensionRange? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && parts[0].Length > 0 && !parts[0].Any(char.IsWhiteSpace))
        {
            return new ExtensionRange(parts[0], parts[0]);
        }

        return parts.Length == 2 && IsNumber(parts[0]) && IsNumber(parts[1]) && Number(parts[0]) <= Number(parts[1])
            ? new ExtensionRange(parts[0], parts[1])
            : null;
    }

    /// <summary>True when <paramref name="extension"/> is this one or within this range.</summary>
    public bool Contains(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (First == Last)
        {
            return string.Equals(First, extension, StringComparison.OrdinalIgnoreCase);
        }

        return IsNumber(extension) && Number(extension) >= Number(First) && Number(extension) <= Number(Last);
    }

    private static bool IsNumber(string text) => text.Length is > 0 and <= 18 && text.All(char.IsAsciiDigit);

    private static long Number(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
