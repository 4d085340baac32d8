using System.Collections.Frozen;
using AgiIdent.Contract;

namespace AgiIdent.Directory;

/// <summary>
/// Makes a <see cref="Party"/> from the fields a source read: the one place of the rules every source shares (the
/// JSON and CSV files, the cache file, PostgreSQL read for a snapshot or per call in direct mode, and so what import
/// and sync wrote there). A party has a manager only when the manager has a name or an extension; a missing code,
/// flag list or attribute map is empty; the kind is <c>company</c> unless it says <c>person</c>.
/// </summary>
public sealed class PartyBuilder
{
    /// <summary>Texts up to this length are interned by a sharing builder: languages, greetings, phone kinds.</summary>
    private const int InternedLength = 32;

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = FrozenDictionary<string, string>.Empty;

    private readonly Dictionary<string, string[]>? _flags;
    private readonly Dictionary<(string, string), Manager>? _managers;

    /// <summary>
    /// A builder; with <paramref name="share"/>, the flag lists, managers and short texts that repeat across the
    /// parties it makes are one object each, for a loader that keeps many parties (a sharing builder is for one thread).
    /// </summary>
    public PartyBuilder(bool share)
    {
        if (share)
        {
            _flags = new Dictionary<string, string[]>(StringComparer.Ordinal);
            _managers = [];
        }
    }

    /// <summary>A builder that shares nothing, for any thread.</summary>
    public static PartyBuilder Plain { get; } = new(share: false);

    /// <summary>The party of these fields.</summary>
    public Party Build(
        string id,
        string? code,
        PartyKind kind,
        string name,
        string? shortName,
        IReadOnlyList<string>? flags,
        decimal? debt,
        string? managerName,
        string? managerExtension,
        string? language,
        string? greeting,
        IReadOnlyDictionary<string, string>? attributes,
        bool deleted,
        DateTimeOffset? changed,
        IReadOnlyList<PartyPhone>? phones = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        return new Party(
            id,
            code ?? string.Empty,
            kind,
            name,
            shortName,
            Flags(flags),
            debt,
            Manager(managerName, managerExtension),
            Share(language),
            Share(greeting),
            attributes is null || attributes.Count == 0 ? NoAttributes : attributes,
            deleted,
            phones ?? [])
        {
            Changed = changed,
        };
    }

    /// <summary>The manager of a name and an extension as a source holds them; null when both are missing or empty.</summary>
    public static Manager? ManagerOf(string? name, string? extension) =>
        string.IsNullOrEmpty(name) && string.IsNullOrEmpty(extension) ? null : new Manager(name ?? string.Empty, extension ?? string.Empty);

    /// <summary>The kind a text names: none or <c>company</c> is a company, <c>person</c> a person; null for any other text.</summary>
    public static PartyKind? KindOf(string? text) => text switch
    {
        null or ContractText.Company => PartyKind.Company,
        ContractText.Person => PartyKind.Person,
        _ => null,
    };

    /// <summary>The kind a file names; throws <see cref="FormatException"/>, saying what is allowed, for any other text.</summary>
    public static PartyKind ParseKind(string? text) =>
        KindOf(text) ?? throw new FormatException($"\"kind\" is '{text}'; expected '{ContractText.Company}' or '{ContractText.Person}'");

    /// <summary>The text of a kind in the files and the canonical schema.</summary>
    public static string KindText(PartyKind kind) => kind == PartyKind.Person ? ContractText.Person : ContractText.Company;

    /// <summary>A short text as one string however often it is read (a phone kind, a language).</summary>
    internal static string? Intern(string? text) =>
        text is null ? null : string.IsInterned(text) ?? (text.Length <= InternedLength ? string.Intern(text) : text);

    private IReadOnlyList<string> Flags(IReadOnlyList<string>? flags)
    {
        if (flags is null || flags.Count == 0)
        {
            return [];
        }

        if (_flags is null)
        {
            return flags;
        }

        var key = string.Join('\u0001', flags);
        if (!_flags.TryGetValue(key, out var shared))
        {
            shared = [.. flags];
            _flags.Add(key, shared);
        }

        return shared;
    }

    private Manager? Manager(string? name, string? extension)
    {
        if (_managers is null || (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(extension)))
        {
            return ManagerOf(name, extension);
        }

        var key = (name ?? string.Empty, extension ?? string.Empty);
        if (!_managers.TryGetValue(key, out var manager))
        {
            manager = new Manager(key.Item1, key.Item2);
            _managers.Add(key, manager);
        }

        return manager;
    }

    private string? Share(string? text) => _flags is null ? text : Intern(text);
}
