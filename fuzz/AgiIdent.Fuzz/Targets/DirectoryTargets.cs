using System.Text;
using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Fuzz.Targets;

/// <summary>Checks both directory readers share: what a party and a reject must look like once read.</summary>
internal static class DirectoryChecks
{
    public static readonly NumberParser Numbers = new(NumberingPlan.Ukraine, "44");

    public static void Content(DirectoryFileContent content, bool csv)
    {
        foreach (var party in content.Parties)
        {
            FuzzFailure.Check(party.Id.Length > 0 && party.Name.Length > 0, $"a party without id or name: '{party.Id}' '{party.Name}'");
            FuzzFailure.Check(party.Phones.All(p => p.Numbers.Count > 0), $"party {party.Id}: a phone without numbers was kept");
            FuzzFailure.Check(party.Flags.All(f => f.Length > 0), $"party {party.Id}: an empty flag");
        }

        foreach (var reject in content.Rejects)
        {
            FuzzFailure.Check(reject.Reason.Length > 0, "a reject without a reason");
            FuzzFailure.Check(csv ? reject.Line is > 0 : reject.Line is null && reject.Index >= 0, $"a reject that does not say where: {reject}");
            _ = reject.ToString();
        }
    }
}

/// <summary>
/// The JSON directory file (<see cref="DirectoryJson.Read"/>). Expected rejection: <see cref="InvalidDataException"/>
/// when the document as a whole is not a directory; a bad party or phone is a reject in the result, never an exception.
/// </summary>
internal static class DirectoryJsonTarget
{
    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        DirectoryFileContent content;
        try
        {
            content = DirectoryJson.Read(new MemoryStream(data, writable: false), DirectoryChecks.Numbers);
        }
        catch (InvalidDataException e)
        {
            FuzzFailure.Check(e.Message.Length > 0, "a rejection without a message");
            return;
        }

        DirectoryChecks.Content(content, csv: false);
    }
}

/// <summary>
/// The CSV directory file, read through its public entry point <see cref="DirectoryCsv.Read"/> from a UTF-8 reader as
/// <c>DirectoryImporter.ReadFile</c> opens it. Expected rejection: <see cref="InvalidDataException"/> when the header
/// is unusable (or the file as a whole is not CSV); a bad row is a reject naming its line.
/// </summary>
internal static class DirectoryCsvTarget
{
    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        DirectoryFileContent content;
        try
        {
            using var text = new StreamReader(new MemoryStream(data, writable: false), Encoding.UTF8);
            content = DirectoryCsv.Read(text, DirectoryChecks.Numbers);
        }
        catch (InvalidDataException e)
        {
            FuzzFailure.Check(e.Message.Length > 0, "a rejection without a message");
            return;
        }

        DirectoryChecks.Content(content, csv: true);
    }
}
