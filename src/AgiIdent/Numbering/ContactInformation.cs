using System.Text.Json;
using System.Xml;

namespace AgiIdent.Numbering;

/// <summary>
/// The parts of a phone as БСП stores them in its structured forms: the JSON <c>Значение</c>
/// (<c>{"countryCode":"+38","areaCode":"044","number":"123-45-67","extNumber":"12","value":"..."}</c>),
/// the older key=value text (<c>КодСтраны=</c>, <c>КодГорода=</c>, <c>НомерТелефона=</c>), and the XML of the
/// <c>http://www.v8.1c.ru/ssl/contactinfo</c> namespace.
/// </summary>
internal sealed record ContactInformation(string CountryCode, string AreaCode, string Number, string Extension, string Presentation)
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 64 * 1024,
    };

    /// <summary>Reads a structured form; false for plain text (a presentation or a digits column).</summary>
    public static bool TryRead(string text, out ContactInformation parts)
    {
        parts = null!;
        if (text.StartsWith('{'))
        {
            return TryReadJson(text, out parts);
        }

        if (text.StartsWith('<'))
        {
            return TryReadXml(text, out parts);
        }

        return text.Contains("НомерТелефона=", StringComparison.OrdinalIgnoreCase) || text.Contains("КодСтраны=", StringComparison.OrdinalIgnoreCase)
            ? TryReadKeyValue(text, out parts)
            : false;
    }

    private static bool TryReadJson(string text, out ContactInformation parts)
    {
        parts = null!;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            string Get(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
            parts = new ContactInformation(Get("countryCode"), Get("areaCode"), Get("number"), Get("extNumber"), Get("value"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadXml(string text, out ContactInformation parts)
    {
        parts = null!;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), XmlSettings);
            var presentation = string.Empty;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                presentation = reader.GetAttribute("Представление") is { } shown ? shown : presentation;
                if (reader.GetAttribute("Номер") is { } number)
                {
                    parts = new ContactInformation(
                        reader.GetAttribute("КодСтраны") ?? string.Empty,
                        reader.GetAttribute("КодГорода") ?? string.Empty,
                        number,
                        reader.GetAttribute("Добавочный") ?? string.Empty,
                        presentation);
                    return true;
                }
            }

            parts = new ContactInformation(string.Empty, string.Empty, string.Empty, string.Empty, presentation);
            return presentation.Length > 0;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Read as БСП reads it (<c>УправлениеКонтактнойИнформациейСлужебный.СтруктураЗначенийПолей</c> and
    /// <c>ДесериализацияТелефонаФаксаВJSON</c>): a line starting with a tab continues the value before it, and the
    /// field names are compared in upper case.
    /// </summary>
    private static bool TryReadKeyValue(string text, out ContactInformation parts)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('\t') && last is not null)
            {
                values[last] += "\n" + line[1..].Trim();
            }
            else if (equals > 0)
            {
                last = line[..equals].Trim();
                values[last] = line[(equals + 1)..].Trim();
            }
        }

        string Get(string name) => values.TryGetValue(name, out var value) ? value : string.Empty;
        parts = new ContactInformation(Get("КодСтраны"), Get("КодГорода"), Get("НомерТелефона"), Get("Добавочный"), Get("Представление"));
        return true;
    }
}
