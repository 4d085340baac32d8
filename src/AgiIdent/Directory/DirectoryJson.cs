using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// Reads the JSON directory format of the public contract:
/// <c>{ "parties": [ { "id", "code", "kind", "name", "shortName"?, "flags", "debt"?, "manager"?, "language"?,
/// "greeting"?, "attributes"?, "deleted"?, "phones": [ { "number", "kind"?, "contact"? } ] } ] }</c>.
/// A party that cannot be used is reported and skipped; a phone with no usable number is reported and the party kept.
/// </summary>
public static class DirectoryJson
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Reads a directory document. Throws <see cref="InvalidDataException"/> when the file as a whole is not one.</summary>
    public static DirectoryFileContent Read(Stream json, NumberParser numbers)
    {
        var parties = new List<Party>();
        var positions = new List<int>();
        var rejects = Read(json, numbers, (party, index) =>
        {
            parties.Add(party);
            positions.Add(index);
        });
        return new DirectoryFileContent(parties, rejects) { Positions = positions };
    }

    /// <summary>
    /// Reads a directory document party by party, handing each usable one to <paramref name="add"/> with its index
    /// among all parties of the file, and returns the rows left out. The document is read through a buffer of a few
    /// tens of kilobytes (grown only for a party bigger than that): a file of a million phones is never held whole.
    /// Throws <see cref="InvalidDataException"/> when the file as a whole is not a directory document; parties handed
    /// over before the error was reached are then not to be used.
    /// </summary>
    public static IReadOnlyList<DirectoryReject> Read(Stream json, NumberParser numbers, Action<Party, int> add)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(add);
        var rejects = new List<DirectoryReject>();
        var index = 0;
        try
        {
            ReadParties(json, element =>
            {
                var id = IdForReject(element);
                try
                {
                    add(ReadParty(element, numbers, index, rejects), index);
                }
                catch (FormatException e)
                {
                    rejects.Add(new DirectoryReject(index, id, e.Message));
                }

                index++;
            });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not valid JSON: {e.Message}", e);
        }

        return rejects;
    }

    /// <summary>
    /// Walks <c>{ "parties": [ ... ] }</c> with a <see cref="Utf8JsonReader"/> over chunks of the stream and hands each
    /// element of the array over as a <see cref="JsonElement"/> of its own (other properties are skipped). A token
    /// or an element cut by the end of the buffer is read again once more bytes are in: the reader's state is taken
    /// from before it (the documented way to resume: a new reader over the rest with <see cref="Utf8JsonReader.CurrentState"/>).
    /// </summary>
    private static void ReadParties(Stream json, Action<JsonElement> element)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var length = 0;
            var final = false;
            var state = new JsonReaderState(ReaderOptions);
            var stage = Stage.Root;
            var first = true;
            while (true)
            {
                while (!final && length < buffer.Length)
                {
                    var read = json.Read(buffer, length, buffer.Length - length);
                    final = read == 0;
                    length += read;
                }

                // A file saved by Windows tools starts with the UTF-8 byte order mark, which JsonDocument.Parse skips
                // and Utf8JsonReader does not.
                if (first && buffer.AsSpan(0, length).StartsWith("\uFEFF"u8))
                {
                    buffer.AsSpan(3, length - 3).CopyTo(buffer);
                    length -= 3;
                }

                first = false;

                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                stage = Step(ref reader, stage, element);
                if (stage == Stage.Done)
                {
                    return;
                }

                if (final)
                {
                    // A reader over the final block throws on a cut document rather than stopping: not reached.
                    throw new InvalidDataException("expected an object with a \"parties\" array");
                }

                var consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                if (consumed == 0 && length == buffer.Length)
                {
                    // One party is bigger than the buffer: make room for it.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                else
                {
                    buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                    length -= consumed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads what the buffer holds; the reader is left after the last token or element read whole.</summary>
    private static Stage Step(ref Utf8JsonReader reader, Stage stage, Action<JsonElement> element)
    {
        while (true)
        {
            var before = reader;
            if (!reader.Read())
            {
                reader = before;
                // At the end of the final block the document is complete (else the reader has thrown).
                return reader.IsFinalBlock && stage == Stage.After ? Stage.Done : stage;
            }

            switch (stage)
            {
                case Stage.Root when reader.TokenType == JsonTokenType.StartObject:
                    stage = Stage.Properties;
                    break;
                case Stage.Properties when reader.TokenType == JsonTokenType.EndObject:
                    throw new InvalidDataException("expected an object with a \"parties\" array");
                case Stage.Properties when reader.ValueTextEquals("parties"u8):
                    var value = reader;
                    if (!value.Read())
                    {
                        reader = before;
                        return stage;
                    }

                    if (value.TokenType != JsonTokenType.StartArray)
                    {
                        throw new InvalidDataException("expected an object with a \"parties\" array");
                    }

                    reader = value;
                    stage = Stage.Parties;
                    break;
                case Stage.Properties or Stage.Rest when reader.TokenType == JsonTokenType.PropertyName:
                    var skipped = reader;
                    if (!skipped.TrySkip())
                    {
                        reader = before;
                        return stage;
                    }

                    reader = skipped;
                    break;
                case Stage.Parties when reader.TokenType == JsonTokenType.EndArray:
                    stage = Stage.Rest;
                    break;
                case Stage.Parties:
                    var whole = reader;
                    if (!whole.TrySkip())
                    {
                        reader = before;
                        return stage;
                    }

                    using (var party = JsonDocument.ParseValue(ref reader))
                    {
                        element(party.RootElement);
                    }

                    break;
                case Stage.Rest when reader.TokenType == JsonTokenType.EndObject:
                    stage = Stage.After;
                    break;
                default:
                    throw new InvalidDataException("expected an object with a \"parties\" array");
            }
        }
    }

    private enum Stage
    {
        Root,
        Properties,
        Parties,
        Rest,
        After,
        Done,
    }

    private static Party ReadParty(JsonElement element, NumberParser numbers, int index, List<DirectoryReject> rejects)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        var id = RequiredString(element, "id");
        var name = RequiredString(element, "name");
        var kind = PartyBuilder.ParseKind(OptionalString(element, "kind"));

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

        // Read in this order, so that of two bad fields the same one is named as ever.
        var code = OptionalString(element, "code");
        var shortName = OptionalString(element, "shortName");
        var flags = StringList(element, "flags");
        var debt = OptionalDecimal(element, "debt");
        var (managerName, managerExtension) = ReadManager(element);
        return PartyBuilder.Plain.Build(
            id,
            code,
            kind,
            name,
            shortName,
            flags,
            debt,
            managerName,
            managerExtension,
            OptionalString(element, "language"),
            OptionalString(element, "greeting"),
            StringMap(element, "attributes"),
            element.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True,
            OptionalTimestamp(element, "changed"),
            phones);
    }

    private static (string? Name, string? Extension) ReadManager(JsonElement party)
    {
        if (!party.TryGetProperty("manager", out var manager) || manager.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (manager.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"manager\" is not an object");
        }

        return (OptionalString(manager, "name"), OptionalString(manager, "extension"));
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
