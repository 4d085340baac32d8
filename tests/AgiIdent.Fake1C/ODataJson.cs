using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgiIdent.Fake1C;

/// <summary>Writes 1C's JSON answers straight into the response: feeds, the service document and error bodies.</summary>
internal static class ODataJson
{
    public const string ContentType = "application/json;charset=utf-8";

    // 1C sends Cyrillic as UTF-8 text, not as \uXXXX escapes; a client must read both, and this is the real form.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Big enough to amortize a flush, small enough that a large page never sits whole in memory.
    private const int FlushThreshold = 32 * 1024;

    public static async Task WriteFeedAsync(
        HttpResponse response, string metadata, Fake1CEntitySet set, int[] columns, List<object?[]> rows, int? count, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("odata.metadata", metadata);
        if (count is not null)
        {
            // OData v3 writes the count as a string, like any Edm.Int64.
            writer.WriteString("odata.count", count.Value.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteStartArray("value");
        var names = set.EncodedFields;
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            foreach (var column in columns)
            {
                writer.WritePropertyName(names[column]);
                WriteValue(writer, Fake1CEntitySet.Get(row, column));
            }

            writer.WriteEndObject();
            if (writer.BytesPending > FlushThreshold)
            {
                writer.Flush();
                await response.BodyWriter.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(ct);
    }

    public static async Task WriteServiceDocumentAsync(HttpResponse response, string metadata, IEnumerable<string> sets, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("odata.metadata", metadata);
        writer.WriteStartArray("value");
        foreach (var set in sets)
        {
            writer.WriteStartObject();
            writer.WriteString("name", set);
            writer.WriteString("url", set);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(ct);
    }

    /// <summary>Answers with 1C's error body: <c>{"odata.error":{"code":…,"message":{"lang":"ru","value":…}}}</c>.</summary>
    public static async Task WriteErrorAsync(HttpResponse response, int statusCode, string code, string message, CancellationToken ct)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartObject("odata.error");
        writer.WriteString("code", code);
        writer.WriteStartObject("message");
        writer.WriteString("lang", "ru");
        writer.WriteString("value", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(ct);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                // Edm.Int64, such as LineNumber: OData v3 JSON (and so 1C) writes it as a string.
                writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            default:
                throw new InvalidOperationException("Unexpected stored value of type " + value.GetType().Name);
        }
    }
}
