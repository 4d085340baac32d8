using System.Globalization;
using AgiIdent.Numbering;

namespace AgiIdent.Display;

/// <summary>Compiles the <c>AgiIdent:Display</c> section into the screens the call path uses.</summary>
public static class ScreenProfileFactory
{
    /// <summary>The screens of a validated section; the numbering country picks the language of <c>{place}</c>.</summary>
    public static ScreenProfiles Create(DisplayOptions display, NumberingOptions numbering)
    {
        ArgumentNullException.ThrowIfNull(numbering);
        var errors = new List<string>();
        var screens = Compile(display, numbering.Country, errors);
        return errors.Count == 0 ? screens : throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>
    /// Compiles the screens, adding each problem to <paramref name="errors"/> with its key. The default profile's
    /// width is the generated validator's to report (<see cref="DisplayOptionsValidator"/>); a profile that inherits
    /// a bad one is reported here.
    /// </summary>
    internal static ScreenProfiles Compile(DisplayOptions display, string? country, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(errors);
        ScreenTemplate? unknown = null;
        try
        {
            unknown = string.IsNullOrWhiteSpace(display.UnknownTemplate) ? null : ScreenTemplate.ParseForCaller(display.UnknownTemplate);
        }
        catch (TemplateException e)
        {
            errors.Add($"AgiIdent:Display:UnknownTemplate: {e.Message}");
        }

        var language = PlaceLanguage(country);
        ScreenProfile Complete(ScreenProfile profile) =>
            profile with { UnknownTemplate = unknown, Language = profile.Transliterate ? "en" : language };

        var defaultProfile = Complete(BuildProfile("default", DisplayOptions.Section, display.Template, display.MaxLength, display.MaxBytes, display.Marks, display.Transliterate, [], errors, reportWidth: false)
            ?? new ScreenProfile("default", ScreenTemplate.Parse(DisplayOptions.DefaultTemplate), new ScreenWidth(20, null), [], false, []));
        var profiles = new List<ScreenProfile>();
        foreach (var (name, profile) in display.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var key = $"AgiIdent:Display:Profiles:{name}";
            if (profile.Extensions is not { Length: > 0 })
            {
                errors.Add($"{key}:Extensions: list the extensions whose phones use this profile, e.g. [\"201-209\", \"215\"]");
            }

            var ranges = new List<ExtensionRange>();
            foreach (var extension in profile.Extensions ?? [])
            {
                if (ExtensionRange.Parse(extension) is { } range)
                {
                    ranges.Add(range);
                }
                else
                {
                    errors.Add($"{key}:Extensions: '{extension}' is not an extension or a range like 201-209");
                }
            }

            if (BuildProfile(
                name,
                key,
                profile.Template ?? display.Template,
                profile.MaxLength ?? display.MaxLength,
                profile.MaxBytes ?? display.MaxBytes,
                profile.Marks ?? display.Marks,
                profile.Transliterate ?? display.Transliterate,
                ranges,
                errors,
                reportWidth: true) is { } built)
            {
                profiles.Add(Complete(built));
            }
        }

        return new ScreenProfiles(defaultProfile, profiles);
    }

    /// <summary>
    /// The language receptionists of the numbering country read, for <c>{place}</c>: Ukrainian in Ukraine, Russian where
    /// 1C is mostly Russian (and the geocoder has Russian names), Polish in Poland; English elsewhere, which the
    /// geocoder has for every country.
    /// </summary>
    private static string PlaceLanguage(string? country) => country?.ToUpperInvariant() switch
    {
        "UA" => "uk",
        "RU" or "KZ" or "BY" => "ru",
        "PL" => "pl",
        _ => "en",
    };

    private static ScreenProfile? BuildProfile(string name, string key, string template, int maxLength, int? maxBytes, string[]? marks, bool transliterate, IReadOnlyList<ExtensionRange> extensions, List<string> errors, bool reportWidth)
    {
        var valid = true;
        ScreenTemplate? parsed = null;
        try
        {
            parsed = ScreenTemplate.Parse(template ?? string.Empty);
        }
        catch (TemplateException e)
        {
            errors.Add($"{key}:Template: {e.Message}");
            valid = false;
        }

        if (maxLength is < 4 or > 200)
        {
            if (reportWidth)
            {
                errors.Add($"{key}:MaxLength: {maxLength.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 4..200 characters");
            }

            valid = false;
        }

        if (maxBytes is < 4 or > 1000)
        {
            if (reportWidth)
            {
                errors.Add($"{key}:MaxBytes: {maxBytes?.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 4..1000 bytes");
            }

            valid = false;
        }

        var markList = new List<KeyValuePair<string, string>>();
        foreach (var mark in marks ?? [.. DisplayOptions.DefaultMarks])
        {
            var equals = mark.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == mark.Length - 1)
            {
                errors.Add($"{key}:Marks: '{mark}' is not Flag=Mark, e.g. Prepayment=$");
                valid = false;
                continue;
            }

            markList.Add(new KeyValuePair<string, string>(mark[..equals].Trim(), mark[(equals + 1)..]));
        }

        return valid ? new ScreenProfile(name, parsed!, new ScreenWidth(maxLength, maxBytes), markList, transliterate, extensions) : null;
    }
}
