using AgiIdent.Contract;
using AgiIdent.Diagnostics;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>A directory loaded from a JSON file (or the embedded demo) and answered from memory.</summary>
public sealed class FileDirectory : IPartyDirectory, IDirectoryHealth
{
    private const string DemoResource = "AgiIdent.demo-directory.json";

    private FileDirectory(DirectorySnapshot snapshot, IReadOnlyList<DirectoryReject> rejects, string description, bool isDemo)
    {
        Snapshot = snapshot;
        Rejects = rejects;
        Description = description;
        IsDemo = isDemo;
    }

    /// <summary>The loaded index.</summary>
    public DirectorySnapshot Snapshot { get; }

    /// <summary>Rows of the file that were left out, and why.</summary>
    public IReadOnlyList<DirectoryReject> Rejects { get; }

    /// <summary>True when the embedded demo directory is in use.</summary>
    public bool IsDemo { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public DirectoryHealth Health => new(true, ContractText.Snapshot, Snapshot.PartyCount, Snapshot.PhoneCount, _loaded, 0, null);

    private readonly DateTimeOffset _loaded = DateTimeOffset.UtcNow;

    /// <summary>Loads <paramref name="path"/>, or the embedded demo directory when it is null or empty.</summary>
    public static FileDirectory Load(string? path, NumberParser numbers)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            using var demo = typeof(FileDirectory).Assembly.GetManifestResourceStream(DemoResource)
                ?? throw new InvalidOperationException($"embedded resource {DemoResource} is missing from the build");
            return Create(demo, numbers, "embedded demo directory", isDemo: true);
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var directory = Create(file, numbers, $"file {Path.GetFullPath(path)}", isDemo: false);
            // Reading a big file leaves the GC holding more than the snapshot; nothing is served yet, so give it back
            // now (as SnapshotDirectory does after its first load).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return directory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InvalidDataException($"Cannot read directory file '{path}' (AgiIdent:Directory:File): {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public ValueTask<DirectoryAnswer> FindAsync(string e164, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DirectoryAnswer(Snapshot.Find(e164), ContractText.Snapshot));

    /// <summary>Reads the document party by party straight into the snapshot's store: no list of all parties is held.</summary>
    private static FileDirectory Create(Stream json, NumberParser numbers, string description, bool isDemo)
    {
        var builder = new DirectorySnapshotBuilder();
        var rejects = DirectoryJson.Read(json, numbers, (party, _) =>
        {
            var index = builder.Add(party);
            foreach (var phone in party.Phones)
            {
                foreach (var number in phone.Numbers)
                {
                    builder.AddNumber(index, number, phone.Contact, phone.Kind);
                }
            }
        });
        return new FileDirectory(builder.Build(numbers), rejects, description, isDemo);
    }
}
