namespace AgiIdent.Directory;

/// <summary>What a match knows of the phone entry its number was found in: whose it is (a contact person) and its kind.</summary>
public readonly record struct MatchedPhone(string? Contact, string? Kind)
{
    /// <summary>The entry of <paramref name="phone"/>, a phone of the party.</summary>
    public static MatchedPhone Of(PartyPhone phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return new MatchedPhone(phone.Contact, phone.Kind);
    }
}
