using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
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

    /// <summary>
    /// The <c>$metadata</c> document of the published sets, shaped as 1C's: an <c>EntityType</c> and an
    /// <c>EntitySet</c> per set, a <c>ComplexType</c> <c>{register}_{table}</c> per virtual table with a bound
    /// <c>FunctionImport</c>.
    /// </summary>
    public static async Task WriteMetadataAsync(HttpResponse response, IEnumerable<Fake1CEntitySet> sets, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/xml;charset=utf-8";
        XNamespace edmx = "http://schemas.microsoft.com/ado/2007/06/edmx";
        XNamespace m = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
        XNamespace edm = "http://schemas.microsoft.com/ado/2009/11/edm";
        var schema = new XElement(edm + "Schema", new XAttribute("Namespace", "StandardODATA"));
        var container = new XElement(edm + "EntityContainer", new XAttribute("Name", "InfoBase"), new XAttribute(m + "IsDefaultEntityContainer", "true"));
        foreach (var set in sets)
        {
            var slash = set.Name.IndexOf('/', StringComparison.Ordinal);
            var typeName = slash < 0 ? set.Name : set.Name[..slash] + "_" + set.Name[(slash + 1)..];
            var type = new XElement(edm + (slash < 0 ? "EntityType" : "ComplexType"), new XAttribute("Name", typeName));
            foreach (var field in set.Fields)
            {
                type.Add(new XElement(edm + "Property", new XAttribute("Name", field), new XAttribute("Type", EdmType(field)), new XAttribute("Nullable", "true")));
            }

            schema.Add(type);
            container.Add(slash < 0
                ? new XElement(edm + "EntitySet", new XAttribute("Name", set.Name), new XAttribute("EntityType", "StandardODATA." + typeName))
                : new XElement(edm + "FunctionImport", new XAttribute("Name", set.Name[(slash + 1)..]), new XAttribute("ReturnType", $"Collection(StandardODATA.{typeName})"), new XAttribute("IsBindable", "true")));
        }

        schema.Add(container);
        var document = new XDocument(new XElement(edmx + "Edmx", new XAttribute("Version", "1.0"), new XElement(edmx + "DataServices", new XAttribute(m + "DataServiceVersion", "3.0"), schema)));
        await using var writer = XmlWriter.Create(response.Body, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) });
        await document.SaveAsync(writer, ct);
    }

    private static string EdmType(string field) => field switch
    {
        "Ref_Key" or "Parent_Key" or "Owner_Key" => "Edm.Guid",
        "DeletionMark" or "Predefined" or "IsFolder" => "Edm.Boolean",
        "LineNumber" => "Edm.Int64",
        _ when field.EndsWith("_Key", StringComparison.Ordinal) => "Edm.Guid",
        _ when field.EndsWith("Balance", StringComparison.Ordinal) => "Edm.Double",
        _ => "Edm.String",
    };

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
