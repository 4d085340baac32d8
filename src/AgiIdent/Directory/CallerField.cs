namespace AgiIdent.Directory;

/// <summary>
/// One field of a call that users name in their configuration: <c>{manager}</c> in a screen template, <c>manager</c> in
/// a rule. <see cref="CallerFields"/> lists them all, once, for both.
/// </summary>
/// <param name="Name">The name as users write it (<c>manager</c>, <c>attributes.segment</c>).</param>
/// <param name="Type">What the value is, which says how the screen writes it.</param>
/// <param name="Source">What the value is read from.</param>
/// <param name="Use">Where users may write it.</param>
public sealed record CallerField(string Name, CallerFieldType Type, CallerFieldSource Source, CallerFieldUse Use)
{
    /// <summary>For <c>attributes.NAME</c> and <c>options.NAME</c>: the NAME; null for the other fields.</summary>
    public string? Key { get; init; }

    /// <summary>For a field of the party: what it reads from the match; null for the other sources.</summary>
    public Func<PartyMatch, object?>? Read { get; init; }

    /// <summary>True when users may write the field in <paramref name="use"/>.</summary>
    public bool IsFor(CallerFieldUse use) => (Use & use) == use;
}
