using System.Globalization;
using System.Text;

namespace AgiIdent.Display;

/// <summary>A phone screen's width: characters, and optionally UTF-8 bytes for old phones.</summary>
public readonly record struct ScreenWidth(int MaxLength, int? MaxBytes)
{
    /// <summary>True when <paramref name="text"/> fits.</summary>
    public bool Fits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Length(text) <= MaxLength && (MaxBytes is not { } bytes || Encoding.UTF8.GetByteCount(text) <= bytes);
    }

    /// <summary>Characters as a reader counts them (text elements: a letter with its accents is one).</summary>
    public static int Length(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        for (var rest = text.AsSpan(); !rest.IsEmpty; rest = rest[StringInfo.GetNextTextElementLength(rest)..])
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> to fit: at the last word boundary when that keeps at least half the width,
    /// otherwise after the last whole character that fits. Never inside a character.
    /// </summary>
    public string Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Fits(text))
        {
            return text;
        }

        var end = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var next = enumerator.ElementIndex + ((string)enumerator.Current).Length;
            if (!Fits(text[..next]))
            {
                break;
            }

            end = next;
        }

        var hard = text[..end];
        var boundary = hard.LastIndexOf(' ');
        if (end < text.Length && text[end] == ' ')
        {
            boundary = end;
        }

        var soft = boundary > 0 ? hard[..Math.Min(boundary, hard.Length)].TrimEnd(' ', ',', '-', '/', '(', ':') : string.Empty;
        return Length(soft) * 2 >= MaxLength ? soft : hard.TrimEnd();
    }
}
