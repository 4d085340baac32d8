namespace AgiIdent.Directory;

/// <summary>Finds the parties that own a phone number.</summary>
public interface IPartyDirectory
{
    /// <summary>What this directory reads, for the startup line, e.g. <c>File /etc/agiident/directory.json</c>.</summary>
    string Description { get; }

    /// <summary>Finds the parties owning <paramref name="e164"/> (digits only), best match first.</summary>
    ValueTask<DirectoryAnswer> FindAsync(string e164, CancellationToken cancellationToken);
}
