using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgiIdent.Numbering;

namespace AgiIdent.Sync;

/// <summary>Reading the fields of one OData row the way 1C writes them.</summary>
internal static partial class ODataRows
{
    /// <summary>1C's empty reference: a field that refers to nothing.</summary>
    public const string EmptyRef = "00000000-0000-0000-0000-000000000000";

    /// <summary>A string field; null when absent or null.</summary>
    public static string? Text(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => String(value, field),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    /// <summary>
    /// A JSON string's text. System.Text.Json checks the UTF-8 inside strings only when one is read, with an
    /// InvalidOperationException; bytes that are not UTF-8 are 1C's (or a proxy's) fault, and the sync says so.
    /// </summary>
    public static string String(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e) when (value.ValueKind == JsonValueKind.String)
        {
            throw new SyncException($"1C sent the field {field} with bytes that are not UTF-8 ({e.Message})", e);
        }
    }

    /// <summary>A reference field (<c>…_Key</c>); null for the empty reference or anything that is not a GUID.</summary>
    public static string? Ref(JsonElement row, string field) =>
        Text(row, field) is { } text && Guid.TryParse(text, out var guid) && guid != Guid.Empty
            ? guid.ToString("D", CultureInfo.InvariantCulture)
            : null;

    /// <summary>A boolean field; false when absent.</summary>
    public static bool Flag(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value) && (value.ValueKind == JsonValueKind.True ||
            (value.ValueKind == JsonValueKind.String && string.Equals(String(value, field), "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A number field; null when absent or not a number.</summary>
    public static decimal? Amount(JsonElement row, string field)
    {
        if (!row.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(String(value, field), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    /// <summary>
    /// An employee's internal extension from a phone row of their contact information: the extension part
    /// (<c>доб. 101</c>), or the whole number when it is short (<c>101</c>, <c>вн. 205</c>).
    /// </summary>
    public static string? Extension(JsonElement row)
    {
        foreach (var field in (string[])["Значение", "ЗначенияПолей"])
        {
            if (Text(row, field) is { Length: > 0 } stored && ContactInformation.TryRead(stored.Trim(), out var parts))
            {
                if (Digits(parts.Extension) is { } extension)
                {
                    return extension;
                }

                if (parts.CountryCode.Length == 0 && parts.AreaCode.Length == 0 && Digits(parts.Number) is { } shortNumber)
                {
                    return shortNumber;
                }
            }
        }

        var presentation = Text(row, "Представление") ?? string.Empty;
        var marked = ExtensionMark().Match(presentation);
        return marked.Success ? marked.Groups[1].Value : Digits(presentation);
    }

    /// <summary>The digits of <paramref name="text"/> when it is an extension: 2 to 6 digits and nothing else but separators.</summary>
    private static string? Digits(string text)
    {
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        return digits.Length is >= 2 and <= 6 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')')
            ? digits
            : null;
    }

    [GeneratedRegex(@"(?:доб|вн|ext)\.?\s*(\d{2,6})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionMark();
}
