namespace AgiIdent.Display;

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
