namespace AgiIdent.Directory;

/// <summary>Whether a party is a company or a private person.</summary>
public enum PartyKind
{
    /// <summary>A legal entity or a sole trader's business.</summary>
    Company,

    /// <summary>A private person.</summary>
    Person,
}
