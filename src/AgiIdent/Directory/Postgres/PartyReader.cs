using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using AgiIdent.Contract;
using AgiIdent.Numbering;
using Npgsql;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// Turns rows of the canonical schema into parties, sharing the strings and lists that repeat across a big
/// directory (flags, managers, languages) so that a million phones stay within memory.
/// </summary>
internal sealed class PartyReader
{
    /// <summary>The party columns, in the order <see cref="ReadParty"/> reads them.</summary>
    public const string PartyColumns =
        "p.id, p.code, p.kind, p.name, p.short_name, p.flags, p.debt, p.manager_name, p.manager_ext, p.language, p.greeting, p.attributes::text, p.deleted, p.changed_at";

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = FrozenDictionary<string, string>.Empty;

    private readonly ConcurrentDictionary<string, string[]> _flags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), Manager> _managers = new();

    /// <summary>Reads the party columns starting at <paramref name="offset"/>.</summary>
    public Party ReadParty(NpgsqlDataReader row, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(row);
        var flags = row.IsDBNull(offset + 5) ? [] : row.GetFieldValue<string[]>(offset + 5);
        return new Party(
            row.GetString(offset),
            row.GetString(offset + 1),
            row.GetString(offset + 2) == ContractText.Person ? PartyKind.Person : PartyKind.Company,
            row.GetString(offset + 3),
            Text(row, offset + 4),
            flags.Length == 0 ? [] : _flags.GetOrAdd(string.Join('\u0001', flags), _ => flags),
            row.IsDBNull(offset + 6) ? null : row.GetDecimal(offset + 6),
            ReadManager(Text(row, offset + 7), Text(row, offset + 8)),
            Shared(Text(row, offset + 9)),
            Shared(Text(row, offset + 10)),
            Attributes(Text(row, offset + 11)),
            row.GetBoolean(offset + 12),
            [])
        {
            Changed = row.IsDBNull(offset + 13) ? null : new DateTimeOffset(row.GetDateTime(offset + 13), TimeSpan.Zero),
        };
    }

    /// <summary>
    /// A phone number row (<c>e164, suffix, contact, kind</c>) starting at <paramref name="offset"/>; null when its digits
    /// are not digits (a row written by hand): such a row is left out, not allowed to stop the load.
    /// </summary>
    public static (StoredNumber Number, string? Contact, string? Kind)? ReadPhone(NpgsqlDataReader row, int offset)
    {
        ArgumentNullException.ThrowIfNull(row);
        var e164 = Text(row, offset);
        var suffix = row.GetString(offset + 1);
        if ((e164 is not null && !IsDigits(e164)) || !IsDigits(suffix))
        {
            return null;
        }

        return (new StoredNumber(e164, suffix), Text(row, offset + 2), Shared(Text(row, offset + 3)));
    }

    private static bool IsDigits(string text) => text.Length is > 0 and <= NumberParser.MaxE164Length && text.All(char.IsAsciiDigit);

    private Manager? ReadManager(string? name, string? extension)
    {
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(extension))
        {
            return null;
        }

        return _managers.GetOrAdd((name ?? string.Empty, extension ?? string.Empty), static key => new Manager(key.Item1, key.Item2));
    }

    /// <summary>A party's attributes from the JSON object the schema stores them in; a shared empty map for <c>{}</c>.</summary>
    public static IReadOnlyDictionary<string, string> Attributes(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return NoAttributes;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return NoAttributes;
        }

        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return attributes;
    }

    private static string? Text(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static string? Shared(string? text) => text is null ? null : string.IsInterned(text) ?? (text.Length <= 32 ? string.Intern(text) : text);
}
