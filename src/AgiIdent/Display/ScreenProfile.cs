using System.Globalization;

namespace AgiIdent.Display;

/// <summary>One way of showing a caller: a template, a width, flag marks, and whether to write in Latin letters.</summary>
public sealed record ScreenProfile(
    string Name,
    ScreenTemplate Template,
    ScreenWidth Width,
    IReadOnlyList<KeyValuePair<string, string>> Marks,
    bool Transliterate,
    IReadOnlyList<ExtensionRange> Extensions)
{
    /// <summary><c>AgiIdent:Display:UnknownTemplate</c>: what an unknown caller shows; null leaves the caller's name alone.</summary>
    public ScreenTemplate? UnknownTemplate { get; init; }

    /// <summary>The language <c>{place}</c> is written in (<c>uk</c>, <c>ru</c>, <c>en</c>).</summary>
    public string Language { get; init; } = "en";
}

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

/// <summary>The default screen profile and the per-employee ones (<c>AgiIdent:Display:Profiles</c>).</summary>
public sealed class ScreenProfiles(ScreenProfile defaultProfile, IReadOnlyList<ScreenProfile> profiles)
{
    /// <summary>The profile used without <c>for=</c>, and for extensions no profile lists.</summary>
    public ScreenProfile Default { get; } = defaultProfile;

    /// <summary>The named profiles.</summary>
    public IReadOnlyList<ScreenProfile> Profiles { get; } = profiles;

    /// <summary>The profile of the phone with <paramref name="extension"/>; the default when none lists it.</summary>
    public ScreenProfile For(string? extension)
    {
        if (string.IsNullOrEmpty(extension))
        {
            return Default;
        }

        foreach (var profile in Profiles)
        {
            if (profile.Extensions.Any(range => range.Contains(extension)))
            {
                return profile;
            }
        }

        return Default;
    }
}
