using System.Globalization;
using System.Text.Json;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>A row of a directory file that could not be used, and why: in JSON the party's position, in CSV its line.</summary>
public sealed record DirectoryReject(int Index, string? PartyId, string Reason)
{
    /// <summary>The line of a CSV file the row starts on; null for JSON.</summary>
    public int? Line { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line is { } line ? $"line {line}" : $"party #{Index + 1}";
        return PartyId is null ? $"{where}: {Reason}" : $"{where} ({PartyId}): {Reason}";
    }
}

/// <summary>The parties read from a directory file, and the rows left out.</summary>
public sealed record DirectoryFileContent(IReadOnlyList<Party> Parties, IReadOnlyList<DirectoryReject> Rejects)
{
    /// <summary>Where each party is in a JSON file (its index among all, skipped ones included); null when it is its index in <see cref="Parties"/>.</summary>
    public IReadOnlyList<int>? Positions { get; init; }
}

/// <summary>
/// Reads the JSON directory format of the public contract:
/// <c>{ "parties": [ { "id", "code", "kind", "name", "shortName"?, "flags", "debt"?, "manager"?, "language"?,
/// "greeting"?, "attributes"?, "deleted"?, "phones": [ { "number", "kind"?, "contact"? } ] } ] }</c>.
/// A party that cannot be used is reported and skipped; a phone with no usable number is reported and the party kept.
/// </summary>
public static class DirectoryFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Reads a directory document. Throws <see cref="InvalidDataException"/> when the file as a whole is not one.</summary>
    public static DirectoryFileContent Read(Stream json, PhoneNumber numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("parties", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("expected an object with a \"parties\" array");
            }

            var parties = new List<Party>(list.GetArrayLength());
            var positions = new List<int>(list.GetArrayLength());
            var rejects = new List<DirectoryReject>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var id = IdForReject(element);
                try
                {
                    parties.Add(ReadParty(element, numbers, index, rejects));
                    positions.Add(index);
                }
                catch (FormatException e)
                {
                    rejects.Add(new DirectoryReject(index, id, e.Message));
                }

                index++;
            }

            return new DirectoryFileContent(parties, rejects) { Positions = positions };
        }
    }

    private static Party ReadParty(JsonElement element, PhoneNumber numbers, int index, List<DirectoryReject> rejects)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        var id = RequiredString(element, "id");
        var name = RequiredString(element, "name");
        var kind = OptionalString(element, "kind") switch
        {
            null or "company" => PartyKind.Company,
            "person" => PartyKind.Person,
            var other => throw new FormatException($"\"kind\" is '{other}'; expected 'company' or 'person'"),
        };

        var phones = new List<PartyPhone>();
        if (element.TryGetProperty("phones", out var phoneList) && phoneList.ValueKind != JsonValueKind.Null)
        {
            if (phoneList.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("\"phones\" is not an array");
            }

            foreach (var phone in phoneList.EnumerateArray())
            {
                var raw = phone.ValueKind == JsonValueKind.Object ? OptionalString(phone, "number") : null;
                var parsed = numbers.ParseStored(raw);
                foreach (var problem in parsed.Problems)
                {
                    rejects.Add(new DirectoryReject(index, id, parsed.Numbers.Count == 0 ? $"phone left out: {problem}" : $"part of a phone left out: {problem}"));
                }

                if (parsed.Numbers.Count > 0)
                {
                    phones.Add(new PartyPhone(raw!, OptionalString(phone, "kind"), OptionalString(phone, "contact"), parsed.Numbers));
                }
            }
        }

        return new Party(
            id,
            OptionalString(element, "code") ?? string.Empty,
            kind,
            name,
            OptionalString(element, "shortName"),
            StringList(element, "flags"),
            OptionalDecimal(element, "debt"),
            ReadManager(element),
            OptionalString(element, "language"),
            OptionalString(element, "greeting"),
            StringMap(element, "attributes"),
            element.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True,
            phones)
        {
            Changed = OptionalTimestamp(element, "changed"),
        };
    }

    private static Manager? ReadManager(JsonElement party)
    {
        if (!party.TryGetProperty("manager", out var manager) || manager.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (manager.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"manager\" is not an object");
        }

        var name = OptionalString(manager, "name") ?? string.Empty;
        var extension = OptionalString(manager, "extension") ?? string.Empty;
        return name.Length == 0 && extension.Length == 0 ? null : new Manager(name, extension);
    }

    /// <summary>The id a reject names: null when the party has none that reads as text (an object, bytes that are not UTF-8).</summary>
    private static string? IdForReject(JsonElement party)
    {
        try
        {
            return party.ValueKind == JsonValueKind.Object ? OptionalString(party, "id") : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A JSON string's text. System.Text.Json checks the UTF-8 inside strings only when one is read, with an
    /// InvalidOperationException (found by fuzz/corpus/directory-json); here it rejects the party, naming the field.
    /// </summary>
    private static string Text(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e) when (value.ValueKind == JsonValueKind.String)
        {
            throw new FormatException($"\"{name}\" is not valid UTF-8", e);
        }
    }

    /// <summary>A value as JSON text; an object or array with a string inside that is not UTF-8 rejects the party like <see cref="Text"/>.</summary>
    private static string RawText(JsonElement value, string name)
    {
        try
        {
            return value.GetRawText();
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"\"{name}\" is not valid UTF-8", e);
        }
    }

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) is { Length: > 0 } value
            ? value
            : throw new FormatException($"\"{name}\" is missing or empty");

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Text(value, name).Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new FormatException($"\"{name}\" is not a string"),
        };
    }

    private static DateTimeOffset? OptionalTimestamp(JsonElement element, string name) =>
        OptionalString(element, name) is not { } text
            ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : throw new FormatException($"\"{name}\" is not a date and time (ISO 8601, e.g. 2026-11-01T09:30:00Z)");

    private static decimal? OptionalDecimal(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && DecimalText.TryParse(Text(value, name), out number))
        {
            return number;
        }

        throw new FormatException($"\"{name}\" is not a number");
    }

    private static string[] StringList(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"{name}\" is not an array of strings");
        }

        return [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? Text(item, name).Trim()
            : throw new FormatException($"\"{name}\" holds a value that is not a string")).Where(item => item.Length > 0)];
    }

    private static Dictionary<string, string> StringMap(JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"\"{name}\" is not an object");
        }

        foreach (var property in value.EnumerateObject())
        {
            string key;
            try
            {
                key = property.Name;
            }
            catch (InvalidOperationException e)
            {
                throw new FormatException($"\"{name}\" has a name that is not valid UTF-8", e);
            }

            map[key] = property.Value.ValueKind == JsonValueKind.String ? Text(property.Value, $"{name}.{key}") : RawText(property.Value, $"{name}.{key}");
        }

        return map;
    }
}
