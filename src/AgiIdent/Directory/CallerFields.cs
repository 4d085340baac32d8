using System.Collections.Frozen;

namespace AgiIdent.Directory;

/// <summary>
/// The one vocabulary of fields that screen templates and routing rules share: a name means the same in both. It lives
/// in Directory because Display and Rules both import Directory (whose <see cref="Party"/> most fields read) and
/// neither may import the other's folder.
/// </summary>
public static class CallerFields
{
    /// <summary>The prefix of a party's attribute from 1C: <c>attributes.segment</c>.</summary>
    public const string AttributePrefix = "attributes.";

    /// <summary>The prefix of a query option of the AGI URL: <c>options.campaign</c>.</summary>
    public const string OptionPrefix = "options.";

    private static readonly CallerField Attributes = new(AttributePrefix + "NAME", CallerFieldType.Text, CallerFieldSource.Party, CallerFieldUse.Both);

    private static readonly CallerField Options = new(OptionPrefix + "NAME", CallerFieldType.Text, CallerFieldSource.Call, CallerFieldUse.Rules);

    /// <summary>Every field, in the order messages list them; <c>attributes.NAME</c> and <c>options.NAME</c> last.</summary>
    public static IReadOnlyList<CallerField> All { get; } =
    [
        new("status", CallerFieldType.Code, CallerFieldSource.Call, CallerFieldUse.Rules),
        new("number", CallerFieldType.Phone, CallerFieldSource.Number, CallerFieldUse.Both),
        new("number_type", CallerFieldType.Code, CallerFieldSource.Number, CallerFieldUse.Both),
        new("region", CallerFieldType.Code, CallerFieldSource.Number, CallerFieldUse.Both),
        new("place", CallerFieldType.Text, CallerFieldSource.Number, CallerFieldUse.Screen),
        new("dnid", CallerFieldType.Text, CallerFieldSource.Call, CallerFieldUse.Rules),
        new("callername", CallerFieldType.Text, CallerFieldSource.Call, CallerFieldUse.Rules),
        new("tenant", CallerFieldType.Text, CallerFieldSource.Call, CallerFieldUse.Rules),
        new("for", CallerFieldType.Text, CallerFieldSource.Call, CallerFieldUse.Rules),
        Party("name", CallerFieldType.PartyName, CallerFieldUse.Both, static m => m.Party.Name),
        Party("fullname", CallerFieldType.Text, CallerFieldUse.Screen, static m => m.Party.Name),
        Party("code", CallerFieldType.Code, CallerFieldUse.Both, static m => m.Party.Code),
        Party("kind", CallerFieldType.Code, CallerFieldUse.Rules, static m => m.Party.Kind.ToString().ToLowerInvariant()),
        Party("flags", CallerFieldType.List, CallerFieldUse.Both, static m => m.Party.Flags),
        Party("debt", CallerFieldType.Amount, CallerFieldUse.Both, static m => m.Party.Debt),
        Party("manager", CallerFieldType.PersonName, CallerFieldUse.Both, static m => m.Party.Manager?.Name),
        Party("manager_ext", CallerFieldType.Code, CallerFieldUse.Both, static m => m.Party.Manager?.Extension),
        Party("contact", CallerFieldType.PersonName, CallerFieldUse.Both, static m => m.Phone.Contact),
        Party("language", CallerFieldType.Code, CallerFieldUse.Rules, static m => m.Party.Language),
        Party("greeting", CallerFieldType.Text, CallerFieldUse.Rules, static m => m.Party.Greeting),
        Party("hint", CallerFieldType.Text, CallerFieldUse.Screen, Attribute("hint")),
        new("marks", CallerFieldType.Text, CallerFieldSource.Screen, CallerFieldUse.Screen),
        new("more", CallerFieldType.Text, CallerFieldSource.Screen, CallerFieldUse.Screen),
        new("matches", CallerFieldType.Count, CallerFieldSource.Call, CallerFieldUse.Rules),
        new("source", CallerFieldType.Code, CallerFieldSource.Call, CallerFieldUse.Rules),
        new("screen", CallerFieldType.Text, CallerFieldSource.Call, CallerFieldUse.Rules),
        Attributes,
        Options,
    ];

    private static readonly FrozenDictionary<string, CallerField> ByName =
        All.Where(static f => !ReferenceEquals(f, Attributes) && !ReferenceEquals(f, Options)).ToFrozenDictionary(static f => f.Name, StringComparer.Ordinal);

    /// <summary>
    /// The field <paramref name="name"/> names where users wrote it (<paramref name="use"/>); null when it names none
    /// there. <c>attributes.NAME</c> and <c>options.NAME</c> need a NAME.
    /// </summary>
    public static CallerField? Find(string name, CallerFieldUse use)
    {
        ArgumentNullException.ThrowIfNull(name);
        var field = ByName.GetValueOrDefault(name) ?? Family(name);
        return field is not null && field.IsFor(use) ? field : null;
    }

    /// <summary>What may be written in <paramref name="use"/>, for messages: <c>status, number, ..., attributes.NAME</c>.</summary>
    public static string Known(CallerFieldUse use, CallerFieldSource? source = null) =>
        string.Join(", ", All.Where(f => f.IsFor(use) && (source is null || f.Source == source)).Select(static f => f.Name));

    private static CallerField? Family(string name)
    {
        if (name.Length > AttributePrefix.Length && name.StartsWith(AttributePrefix, StringComparison.Ordinal))
        {
            var key = name[AttributePrefix.Length..];
            return Attributes with { Name = name, Key = key, Read = Attribute(key) };
        }

        if (name.Length > OptionPrefix.Length && name.StartsWith(OptionPrefix, StringComparison.Ordinal))
        {
            return Options with { Name = name, Key = name[OptionPrefix.Length..] };
        }

        return null;
    }

    private static CallerField Party(string name, CallerFieldType type, CallerFieldUse use, Func<PartyMatch, object?> read) =>
        new(name, type, CallerFieldSource.Party, use) { Read = read };

    private static Func<PartyMatch, object?> Attribute(string key) =>
        m => m.Party.Attributes.TryGetValue(key, out var value) ? value : string.Empty;
}
