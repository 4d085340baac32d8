using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>A directory loaded from a JSON file (or the embedded demo) and answered from memory.</summary>
public sealed class FileDirectory : IPartyDirectory, IDirectoryHealth
{
    /// <summary>The <c>AGIIDENT_SOURCE</c> of answers held in memory.</summary>
    public const string SnapshotSource = "snapshot";

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
    public DirectoryHealth Health => new(true, SnapshotSource, Snapshot.Parties.Count, Snapshot.PhoneCount, _loaded, 0, null);

    private readonly DateTimeOffset _loaded = DateTimeOffset.UtcNow;

    /// <summary>Loads <paramref name="path"/>, or the embedded demo directory when it is null or empty.</summary>
    public static FileDirectory Load(string? path, PhoneNumber numbers)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            using var demo = typeof(FileDirectory).Assembly.GetManifestResourceStream(DemoResource)
                ?? throw new InvalidOperationException($"embedded resource {DemoResource} is missing from the build");
            return Create(DirectoryFile.Read(demo, numbers), numbers, "embedded demo directory", isDemo: true);
        }

        try
        {
            using var file = File.OpenRead(path);
            return Create(DirectoryFile.Read(file, numbers), numbers, $"file {Path.GetFullPath(path)}", isDemo: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InvalidDataException($"Cannot read directory file '{path}' (AgiIdent:Directory:File): {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public ValueTask<DirectoryAnswer> FindAsync(string e164, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DirectoryAnswer(Snapshot.Find(e164), SnapshotSource));

    private static FileDirectory Create(DirectoryFileContent content, PhoneNumber numbers, string description, bool isDemo) =>
        new(new DirectorySnapshot(content.Parties, numbers), content.Rejects, description, isDemo);
}
