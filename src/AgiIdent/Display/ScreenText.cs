using AgiIdent.Directory;

namespace AgiIdent.Display;

/// <summary>Composes what the desk phones show for a found caller.</summary>
public static class ScreenText
{
    /// <summary>The party's 1C short name when it has one, else its full name; blanks collapsed.</summary>
    public static string For(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var text = string.IsNullOrWhiteSpace(party.ShortName) ? party.Name : party.ShortName;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
