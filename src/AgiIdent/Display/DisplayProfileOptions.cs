namespace AgiIdent.Display;

/// <summary>One <c>AgiIdent:Display:Profiles:NAME</c> section: a screen for some extensions.</summary>
public sealed class DisplayProfileOptions
{
    /// <summary>Extensions and ranges (<c>201-209</c>) whose phones use this profile.</summary>
    public string[]? Extensions { get; set; }

    /// <summary>The template; the default one when not set.</summary>
    public string? Template { get; set; }

    /// <summary>Characters the screen shows; the default width when not set.</summary>
    public int? MaxLength { get; set; }

    /// <summary>UTF-8 bytes the phone accepts; the default when not set.</summary>
    public int? MaxBytes { get; set; }

    /// <summary>Flag marks, <c>Flag=Mark</c>; the default marks when not set.</summary>
    public string[]? Marks { get; set; }

    /// <summary>Latin letters on this profile's phones; the default when not set.</summary>
    public bool? Transliterate { get; set; }
}
