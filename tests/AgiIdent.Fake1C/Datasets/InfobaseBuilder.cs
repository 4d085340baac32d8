using System.Globalization;

namespace AgiIdent.Fake1C;

/// <summary>Writes a preset's data into a fresh infobase: the sets БСП shares, catalogs with their tabular sections, and rows.</summary>
internal sealed class InfobaseBuilder
{
    public const string ContactKindsSet = "Catalog_ВидыКонтактнойИнформации";

    public static readonly string[] AttributeFields = ["Ref_Key", "LineNumber", "Свойство_Key", "Значение", "Значение_Type", "ТекстоваяСтрока"];

    private readonly string _preset;
    private readonly Dictionary<(string Set, string Owner), long> _lines = [];
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    public InfobaseBuilder(string preset, PropertyRefs properties, Fake1CInfobase? infobase = null)
    {
        _preset = preset;
        Infobase = infobase ?? new Fake1CInfobase();
        Infobase.AddSet(
            Fake1CProperties.PropertiesSet,
            "Ref_Key", "DataVersion", "DeletionMark", "Predefined", "PredefinedDataName", "Description", "Заголовок", "ЭтоДополнительноеСведение");
        Infobase.AddSet(Fake1CProperties.ValuesSet, "Ref_Key", "DataVersion", "DeletionMark", "Owner_Key", "Code", "Description");
        // SYNC.md reads both Свойство and Свойство_Key; 1C itself exposes the reference only as Свойство_Key.
        Infobase.AddSet(Fake1CProperties.InformationSet, "Объект", "Объект_Type", "Свойство", "Свойство_Key", "Значение", "Значение_Type");
        Infobase.AddSet(ContactKindsSet, "Ref_Key", "DataVersion", "DeletionMark", "Predefined", "PredefinedDataName", "Description", "Тип");

        Property(properties.Prepayment, Fake1CProperties.Prepayment, information: false);
        Property(properties.Category, Fake1CProperties.Category, information: false);
        Property(properties.Blocked, Fake1CProperties.Blocked, information: true);
        Property(properties.Segment, Fake1CProperties.Segment, information: false);
        PropertyValue(properties.Vip, properties.Category, Fake1CProperties.Vip);
        PropertyValue(properties.Ordinary, properties.Category, Fake1CProperties.OrdinaryCategory);
    }

    public Fake1CInfobase Infobase { get; }

    public string Ref(string name) => Fake1CRef.Of(_preset + "/" + name);

    /// <summary>Adds a catalog and, when it has them, its contact-information and additional-attribute sets.</summary>
    public void Catalog(string name, bool withSections, params string[] fields)
    {
        Infobase.AddSet(name, fields);
        if (withSections)
        {
            Infobase.AddSet(name + Fake1CInfobase.ContactInformationSuffix, Fake1CContactInformation.Fields);
            Infobase.AddSet(name + Fake1CInfobase.AdditionalAttributesSuffix, AttributeFields);
        }
    }

    /// <summary>A contact-information kind (<c>Вид_Key</c> of phone rows), findable by its predefined name as in БСП.</summary>
    public string Kind(string predefinedName, string description, string type)
    {
        var reference = Ref("kind/" + predefinedName);
        Add(ContactKindsSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Predefined"] = true,
            ["PredefinedDataName"] = predefinedName,
            ["Description"] = description,
            ["Тип"] = type,
        });
        return reference;
    }

    /// <summary>The next code of a catalog, as 1C numbers them (<c>000000001</c>).</summary>
    public string NextCode(string set)
    {
        var code = _codes.GetValueOrDefault(set) + 1;
        _codes[set] = code;
        return code.ToString("D9", CultureInfo.InvariantCulture);
    }

    public void Add(string set, Dictionary<string, object?> row) => Infobase.AddRow(set, row);

    public void Phone(
        string catalog, string owner, string kind, string presentation, Fake1CContactStorage storage = Fake1CContactStorage.Json, string type = Fake1CContactInformation.Phone) =>
        Phone(catalog, owner, kind, Fake1CPhone.Parse(presentation), storage, type);

    public void Phone(
        string catalog, string owner, string kind, Fake1CPhone phone, Fake1CContactStorage storage = Fake1CContactStorage.Json, string type = Fake1CContactInformation.Phone)
    {
        var set = catalog + Fake1CInfobase.ContactInformationSuffix;
        Add(set, Fake1CContactInformation.PhoneRow(owner, NextLine(set, owner), kind, phone, storage, type));
    }

    public void Text(string catalog, string owner, string kind, string type, string text)
    {
        var set = catalog + Fake1CInfobase.ContactInformationSuffix;
        Add(set, Fake1CContactInformation.TextRow(owner, NextLine(set, owner), kind, type, text));
    }

    /// <summary>An additional attribute in the object's <c>…_ДополнительныеРеквизиты</c>.</summary>
    public void Attribute(string catalog, string owner, string property, object value, string valueType)
    {
        var set = catalog + Fake1CInfobase.AdditionalAttributesSuffix;
        Add(set, new()
        {
            ["Ref_Key"] = owner,
            ["LineNumber"] = NextLine(set, owner),
            ["Свойство_Key"] = property,
            ["Значение"] = value,
            ["Значение_Type"] = valueType,
            ["ТекстоваяСтрока"] = string.Empty,
        });
    }

    /// <summary>Additional information about any object, in <c>InformationRegister_ДополнительныеСведения</c>.</summary>
    public void Information(string objectType, string objectRef, string property, object value, string valueType) =>
        Add(Fake1CProperties.InformationSet, new()
        {
            ["Объект"] = objectRef,
            ["Объект_Type"] = objectType,
            ["Свойство"] = property,
            ["Свойство_Key"] = property,
            ["Значение"] = value,
            ["Значение_Type"] = valueType,
        });

    private long NextLine(string set, string owner)
    {
        var line = _lines.GetValueOrDefault((set, owner)) + 1;
        _lines[(set, owner)] = line;
        return line;
    }

    private void Property(string reference, string description, bool information) =>
        Add(Fake1CProperties.PropertiesSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            ["Description"] = description,
            ["Заголовок"] = description,
            ["ЭтоДополнительноеСведение"] = information,
        });

    private void PropertyValue(string reference, string property, string description) =>
        Add(Fake1CProperties.ValuesSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Owner_Key"] = property,
            ["Code"] = NextCode(Fake1CProperties.ValuesSet),
            ["Description"] = description,
        });
}

/// <summary>The references of a dataset's properties and property values.</summary>
internal sealed record PropertyRefs(string Prepayment, string Category, string Blocked, string Segment, string Vip, string Ordinary);
