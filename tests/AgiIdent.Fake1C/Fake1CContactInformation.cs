using System.Buffers;
using System.Security;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgiIdent.Fake1C;

/// <summary>How a БСП contact-information row stores its structured value: the generations found in real infobases.</summary>
public enum Fake1CContactStorage
{
    /// <summary>Current БСП: JSON in <c>Значение</c>, <c>ЗначенияПолей</c> empty.</summary>
    Json,

    /// <summary>Old БСП: <c>КодСтраны=…</c> lines (CR LF) in <c>ЗначенияПолей</c>, <c>Значение</c> empty.</summary>
    KeyValue,

    /// <summary>БСП 2.x: XML of the <c>http://www.v8.1c.ru/ssl/contactinfo</c> namespace in <c>ЗначенияПолей</c>.</summary>
    Xml,

    /// <summary>Only the presentation and the derived columns, as rows loaded by hand or by old exchanges have.</summary>
    PresentationOnly,
}

/// <summary>Builds rows of a <c>…_КонтактнаяИнформация</c> tabular section the way БСП fills them.</summary>
public static class Fake1CContactInformation
{
    /// <summary>The <c>Тип</c> of a phone.</summary>
    public const string Phone = "Телефон";

    /// <summary>The <c>Тип</c> of a fax.</summary>
    public const string Fax = "Факс";

    /// <summary>The <c>Тип</c> of free-form contact information (Skype, a messenger, sometimes a phone).</summary>
    public const string Other = "Другое";

    /// <summary>The <c>Тип</c> of an email address.</summary>
    public const string Email = "АдресЭлектроннойПочты";

    /// <summary>The <c>Тип</c> of a postal address.</summary>
    public const string Address = "Адрес";

    /// <summary>The fields of a contact-information tabular section, as the sets of the fake datasets declare them.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "Ref_Key", "LineNumber", "Тип", "Вид_Key", "Представление", "НомерТелефона", "НомерТелефонаБезКодов", "АдресЭП",
        "Значение", "ЗначенияПолей", "ВидДляСписка_Key",
    ];

    private const string ContactInfoNamespace = "http://www.v8.1c.ru/ssl/contactinfo";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A phone (or fax) row from a presentation typed in place, split as <see cref="Fake1CPhone.Parse"/> splits it.</summary>
    public static Dictionary<string, object?> PhoneRow(
        string ownerRef, long lineNumber, string kindKey, string presentation, Fake1CContactStorage storage = Fake1CContactStorage.Json, string type = Phone) =>
        PhoneRow(ownerRef, lineNumber, kindKey, Fake1CPhone.Parse(presentation), storage, type);

    /// <summary>A phone (or fax) row from its parts, stored in the given generation.</summary>
    public static Dictionary<string, object?> PhoneRow(
        string ownerRef, long lineNumber, string kindKey, Fake1CPhone phone, Fake1CContactStorage storage = Fake1CContactStorage.Json, string type = Phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return Row(
            ownerRef,
            lineNumber,
            type,
            kindKey,
            phone.Presentation,
            phone.PhoneNumberColumn,
            phone.NumberWithoutCodesColumn,
            storage == Fake1CContactStorage.Json ? PhoneJson(phone, type) : string.Empty,
            storage switch
            {
                Fake1CContactStorage.KeyValue => PhoneKeyValue(phone),
                Fake1CContactStorage.Xml => PhoneXml(phone),
                _ => string.Empty,
            });
    }

    /// <summary>
    /// A row that is not a phone (an email, an address, free text under <c>Другое</c>): current БСП JSON with the value
    /// and type, the phone columns empty, <c>АдресЭП</c> filled for an email. <paramref name="jsonValue"/>, when given, is
    /// the JSON's <c>value</c> instead of the presentation (real rows under <c>Другое</c> have it empty).
    /// </summary>
    public static Dictionary<string, object?> TextRow(string ownerRef, long lineNumber, string kindKey, string type, string presentation, string? jsonValue = null)
    {
        var row = Row(ownerRef, lineNumber, type, kindKey, presentation, string.Empty, string.Empty, TextJson(jsonValue ?? presentation, type), string.Empty);
        if (type == Email)
        {
            row["АдресЭП"] = presentation;
        }

        return row;
    }

    /// <summary>The current БСП JSON of a phone: <c>{"version":5,"value":…,"comment":…,"type":…,"countryCode":…,…}</c>.</summary>
    public static string PhoneJson(Fake1CPhone phone, string type = Phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return Json(writer =>
        {
            Common(writer, phone.Presentation, phone.Comment, type);
            writer.WriteString("countryCode", phone.CountryCode);
            writer.WriteString("areaCode", phone.AreaCode);
            writer.WriteString("number", phone.Number);
            writer.WriteString("extNumber", phone.Extension);
        });
    }

    /// <summary>The old key=value form: <c>КодСтраны=+7␍␊КодГорода=495␍␊НомерТелефона=987-65-43␍␊Добавочный=204␍␊Представление=…</c>.</summary>
    public static string PhoneKeyValue(Fake1CPhone phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var text = new StringBuilder()
            .Append("КодСтраны=").Append(phone.CountryCode).Append("\r\n")
            .Append("КодГорода=").Append(phone.AreaCode).Append("\r\n")
            .Append("НомерТелефона=").Append(phone.Number).Append("\r\n")
            .Append("Добавочный=").Append(phone.Extension).Append("\r\n")
            .Append("Представление=").Append(phone.Presentation);
        if (phone.Comment.Length > 0)
        {
            text.Append("\r\nКомментарий=").Append(phone.Comment);
        }

        return text.ToString();
    }

    /// <summary>The БСП 2.x XML form; its <c>КодСтраны</c> carries no '+'.</summary>
    public static string PhoneXml(Fake1CPhone phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var comment = phone.Comment.Length == 0 ? "<Комментарий/>" : $"<Комментарий>{Escape(phone.Comment)}</Комментарий>";
        return $"<КонтактнаяИнформация xmlns=\"{ContactInfoNamespace}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" " +
            $"Представление=\"{Escape(phone.Presentation)}\">{comment}<Состав xsi:type=\"НомерТелефона\" " +
            $"КодСтраны=\"{Escape(phone.CountryCode.TrimStart('+'))}\" КодГорода=\"{Escape(phone.AreaCode)}\" " +
            $"Номер=\"{Escape(phone.Number)}\" Добавочный=\"{Escape(phone.Extension)}\"/></КонтактнаяИнформация>";
    }

    private static string TextJson(string presentation, string type) => Json(writer => Common(writer, presentation, string.Empty, type));

    private static void Common(Utf8JsonWriter writer, string value, string comment, string type)
    {
        writer.WriteNumber("version", 5);
        writer.WriteString("value", value);
        writer.WriteString("comment", comment);
        writer.WriteString("type", type);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static Dictionary<string, object?> Row(
        string ownerRef, long lineNumber, string type, string kindKey, string presentation, string phoneNumber, string withoutCodes, string value, string fieldValues) =>
        new(StringComparer.Ordinal)
        {
            ["Ref_Key"] = ownerRef,
            ["LineNumber"] = lineNumber,
            ["Тип"] = type,
            ["Вид_Key"] = kindKey,
            ["Представление"] = presentation,
            ["НомерТелефона"] = phoneNumber,
            ["НомерТелефонаБезКодов"] = withoutCodes,
            ["АдресЭП"] = string.Empty,
            ["Значение"] = value,
            ["ЗначенияПолей"] = fieldValues,
            ["ВидДляСписка_Key"] = Fake1CRef.Empty,
        };
}
