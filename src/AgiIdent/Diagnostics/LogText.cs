using System.Text;

namespace AgiIdent.Diagnostics;

/// <summary>Makes caller-controlled text safe and private enough for a log line.</summary>
internal static class LogText
{
    /// <summary>Control characters (terminal escapes, line breaks) as <c>\xNN</c>; at most 100 characters.</summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var shown = text.Length > 100 ? text[..100] : text;
        if (!HasControl(shown))
        {
            return shown.Length == text.Length ? text : shown + "...";
        }

        var safe = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            if (char.IsControl(c))
            {
                safe.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A caller number with all but its last four characters replaced by <c>*</c>.</summary>
    public static string Mask(string number)
    {
        var safe = Safe(number);
        return safe.Length <= 4 ? new string('*', safe.Length) : new string('*', safe.Length - 4) + safe[^4..];
    }
}
