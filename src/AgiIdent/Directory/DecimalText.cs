using System.Globalization;

namespace AgiIdent.Directory;

/// <summary>
/// Amounts as 1C and spreadsheets write them: <c>12500.00</c>, <c>12500,00</c>, <c>12 500,00</c>, <c>12,500.00</c>.
/// The last of <c>.</c> and <c>,</c> is the decimal point; blanks and the other separator group thousands.
/// </summary>
public static class DecimalText
{
    /// <summary>Parses an amount; false when it is not one.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F')]);
        var point = Math.Max(compact.LastIndexOf('.'), compact.LastIndexOf(','));
        if (point >= 0)
        {
            var whole = compact[..point].Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
            compact = whole + "." + compact[(point + 1)..];
        }

        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
