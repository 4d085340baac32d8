using AgiIdent.Settings;

namespace AgiIdent.Display;

/// <summary>The <c>AgiIdent:Display</c> configuration section: what the phones show.</summary>
[SettingsSection(Section)]
public sealed class DisplayOptions
{
    /// <summary>The section's path.</summary>
    public const string Section = "AgiIdent:Display";

    /// <summary>The default template: flag marks, the short name, then (when there is room) how many others share the number and the contact person.</summary>
    public const string DefaultTemplate = "{marks}{name}[ {more}][, {contact}]";

    /// <summary>Flag marks shown before the name, highest priority first, each <c>Flag=Mark</c>.</summary>
    public static IReadOnlyList<string> DefaultMarks { get; } = ["Blocked=X", "Prepayment=$", "VIP=*"];

    /// <summary>The screen template (fields in braces, optional groups in brackets).</summary>
    public string Template { get; set; } = DefaultTemplate;

    /// <summary>
    /// What an unknown caller shows, from the number alone (<c>? {place}</c>, <c>? {region} {number_type}</c>); empty
    /// (the default) leaves an unknown caller's name as the trunk sent it.
    /// </summary>
    public string UnknownTemplate { get; set; } = string.Empty;

    /// <summary>Characters the screen shows.</summary>
    [Within(4, 200, Unit = " characters")]
    public int MaxLength { get; set; } = 20;

    /// <summary>UTF-8 bytes the phone accepts, for old phones that count bytes; not set means no limit.</summary>
    [Within(4, 1000, Unit = " bytes")]
    public int? MaxBytes { get; set; }

    /// <summary>Flag marks, <c>Flag=Mark</c>, highest priority first; <see cref="DefaultMarks"/> when not set.</summary>
    public string[]? Marks { get; set; }

    /// <summary>Write the screen in Latin letters, for phones without Cyrillic.</summary>
    public bool Transliterate { get; set; }

    /// <summary>Per-employee profiles by name, selected with <c>/ident?for=EXTENSION</c>.</summary>
    public Dictionary<string, DisplayProfileOptions> Profiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
