namespace AgiIdent.Settings;

/// <summary>The configuration path an options class is bound from (<c>AgiIdent:Directory</c>): what its messages start with.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SettingsSectionAttribute(string path) : Attribute
{
    /// <summary>The section's path, <c>:</c>-separated.</summary>
    public string Path { get; } = path;

    /// <summary>The key of <paramref name="member"/> of <paramref name="type"/>: its section's path and the member's name.</summary>
    internal static string KeyOf(Type type, string? member)
    {
        ArgumentNullException.ThrowIfNull(type);
        var section = type.GetCustomAttributes(typeof(SettingsSectionAttribute), inherit: false) is [SettingsSectionAttribute named, ..]
            ? named.Path
            : type.Name;
        return string.IsNullOrEmpty(member) ? section : $"{section}:{member}";
    }
}
