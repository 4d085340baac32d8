using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgiIdent.Directory;

namespace AgiIdent.Benchmarks;

/// <summary>Writes parties as the JSON directory file of the public contract (README, "Directory file").</summary>
internal static class GeneratedDirectoryJson
{
    /// <summary>Writes <paramref name="parties"/> with their phones as typed to <paramref name="path"/>.</summary>
    public static void Write(IReadOnlyList<Party> parties, string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false });
        json.WriteStartObject();
        json.WriteStartArray("parties");
        foreach (var party in parties)
        {
            json.WriteStartObject();
            json.WriteString("id", party.Id);
            json.WriteString("code", party.Code);
            json.WriteString("kind", party.Kind == PartyKind.Person ? "person" : "company");
            json.WriteString("name", party.Name);
            Optional(json, "shortName", party.ShortName);
            json.WriteStartArray("flags");
            foreach (var flag in party.Flags)
            {
                json.WriteStringValue(flag);
            }

            json.WriteEndArray();
            if (party.Debt is { } debt)
            {
                json.WriteNumber("debt", debt);
            }

            if (party.Manager is { } manager)
            {
                json.WriteStartObject("manager");
                json.WriteString("name", manager.Name);
                json.WriteString("extension", manager.Extension);
                json.WriteEndObject();
            }

            Optional(json, "language", party.Language);
            Optional(json, "greeting", party.Greeting);
            if (party.Attributes.Count > 0)
            {
                json.WriteStartObject("attributes");
                foreach (var (key, value) in party.Attributes)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            if (party.Deleted)
            {
                json.WriteBoolean("deleted", true);
            }

            if (party.Changed is { } changed)
            {
                json.WriteString("changed", changed.ToString("O", CultureInfo.InvariantCulture));
            }

            json.WriteStartArray("phones");
            foreach (var phone in party.Phones)
            {
                json.WriteStartObject();
                json.WriteString("number", phone.Raw);
                Optional(json, "kind", phone.Kind);
                Optional(json, "contact", phone.Contact);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
