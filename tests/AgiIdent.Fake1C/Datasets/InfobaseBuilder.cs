using System.Globalization;

namespace AgiIdent.Fake1C;

/// <summary>Writes a preset's data into a fresh infobase: the sets БСП shares, catalogs with their tabular sections, and rows.</summary>
internal sealed class InfobaseBuilder
{
    public const string ContactKindsSet = "Catalog_ВидыКонтактнойИнформации";

    /// <summary>Where Бухгалтерия для Казахстана keeps contact information: one register for every object.</summary>
    public const string ContactRegister = "InformationRegister_КонтактнаяИнформация";

    public static readonly string[] AttributeFields = ["Ref_Key", "LineNumber", "Свойство_Key", "Значение", "Значение_Type", "ТекстоваяСтрока"];

    private readonly string _preset;
    private readonly Dictionary<(string Set, string Owner), long> _lines = [];
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    /// <summary>Starts an infobase of the real configuration <paramref name="schema"/> (its sets and fields only), with the БСП properties every dataset has.</summary>
    public InfobaseBuilder(string preset, PropertyRefs properties, Fake1CSchema schema, Fake1CInfobase? infobase = null)
    {
        _preset = preset;
        Infobase = infobase ?? new Fake1CInfobase(schema);
        Schema = Infobase.Schema ?? schema;
        Infobase.AddSet(Fake1CProperties.PropertiesSet);
        Infobase.AddSet(Fake1CProperties.ValuesSet);
        if (Schema.Sets.ContainsKey(Fake1CProperties.HierarchicalValuesSet))
        {
            Infobase.AddSet(Fake1CProperties.HierarchicalValuesSet);
        }

        if (Schema.Sets.ContainsKey(Fake1CProperties.InformationSet))
        {
            Infobase.AddSet(Fake1CProperties.InformationSet);
        }

        Infobase.AddSet(ContactKindsSet);
        if (Schema.Sets.ContainsKey(ContactRegister))
        {
            Infobase.AddSet(ContactRegister);
        }

        Property(properties.Prepayment, Fake1CProperties.Prepayment, information: false);
        Property(properties.Category, Fake1CProperties.Category, information: false);
        Property(properties.Blocked, Fake1CProperties.Blocked, information: true);
        Property(properties.Segment, Fake1CProperties.Segment, information: false);
        PropertyValue(properties.Vip, properties.Category, Fake1CProperties.Vip);
        PropertyValue(properties.Ordinary, properties.Category, Fake1CProperties.OrdinaryCategory);
        if (Schema.Sets.ContainsKey(Fake1CProperties.HierarchicalValuesSet))
        {
            // A property whose values form groups: БСП keeps them in ЗначенияСвойствОбъектовИерархия, not in ЗначенияСвойствОбъектов.
            var industry = Ref("property/industry");
            Property(industry, Fake1CProperties.Industry, information: false);
            var trade = Ref("value/trade");
            HierarchicalValue(trade, industry, Fake1CRef.Empty, Fake1CProperties.Trade);
            HierarchicalValue(WholesaleValueRef, industry, trade, Fake1CProperties.Wholesale);
        }
    }

    /// <summary>The value <see cref="Fake1CProperties.Wholesale"/> of the hierarchical list <see cref="Fake1CProperties.Industry"/>.</summary>
    public string WholesaleValueRef => Ref("value/wholesale");

    public Fake1CInfobase Infobase { get; }

    /// <summary>The configuration version the infobase imitates.</summary>
    public Fake1CSchema Schema { get; }

    /// <summary>БСП 2.4 (УТ 11.4) writes a property's name as <c>Заголовок (set)</c>; 3.x as the title itself.</summary>
    public bool Bsp24 => Schema.Bsp?.StartsWith("2.", StringComparison.Ordinal) == true;

    public string Ref(string name) => Fake1CRef.Of(_preset + "/" + name);

    /// <summary>Adds (publishes) a catalog and those of its contact-information and additional-attribute sections the configuration has.</summary>
    public void Catalog(string name)
    {
        Infobase.AddSet(name);
        foreach (var suffix in (string[])[Fake1CInfobase.ContactInformationSuffix, Fake1CInfobase.AdditionalAttributesSuffix])
        {
            if (Schema.Sets.ContainsKey(name + suffix))
            {
                Infobase.AddSet(name + suffix);
            }
        }
    }

    /// <summary>Adds (publishes) a set of the configuration, e.g. a register's virtual table; <paramref name="hidden"/> are <c>@</c> fields conditions read.</summary>
    public void Set(string name, params string[] hidden) => Infobase.AddSet(name, hidden);

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
        if (!Schema.Sets.ContainsKey(set))
        {
            // The Kazakh edition's phone form: Поле1 country code, Поле2 city code, Поле3 number, Поле4 extension.
            AddRegisterRow(catalog, owner, kind, type, phone.Presentation, phone.CountryCode, phone.AreaCode, phone.Number, phone.Extension);
            return;
        }

        // БСП 2.4 has no Значение column: what a newer БСП keeps as JSON there, it kept as XML in ЗначенияПолей.
        if (storage == Fake1CContactStorage.Json && !Schema.Has(set, "Значение"))
        {
            storage = Fake1CContactStorage.Xml;
        }

        AddContactRow(set, Fake1CContactInformation.PhoneRow(owner, NextLine(set, owner), kind, phone, storage, type));
    }

    public void Text(string catalog, string owner, string kind, string type, string text, string? jsonValue = null)
    {
        var set = catalog + Fake1CInfobase.ContactInformationSuffix;
        if (!Schema.Sets.ContainsKey(set))
        {
            AddRegisterRow(catalog, owner, kind, type, text, string.Empty, string.Empty, string.Empty, string.Empty);
            return;
        }

        var row = Fake1CContactInformation.TextRow(owner, NextLine(set, owner), kind, type, text, jsonValue);
        if (!Schema.Has(set, "Значение"))
        {
            // БСП 2.4 keeps free text in the presentation alone.
            row.Remove("Значение");
        }

        AddContactRow(set, row);
    }

    private void AddRegisterRow(string catalog, string owner, string kind, string type, string presentation, string country, string city, string number, string extension) =>
        Add(ContactRegister, new()
        {
            ["Объект"] = owner,
            ["Объект_Type"] = "StandardODATA." + catalog,
            ["Тип"] = type,
            ["Вид"] = kind,
            ["Вид_Type"] = "StandardODATA." + ContactKindsSet,
            ["Представление"] = presentation,
            ["Поле1"] = country,
            ["Поле2"] = city,
            ["Поле3"] = number,
            ["Поле4"] = extension,
            ["Комментарий"] = string.Empty,
            ["ЗначениеПоУмолчанию"] = false,
        });

    /// <summary>A contact-information row carries every column some БСП generation has; the set keeps the ones its configuration has.</summary>
    private void AddContactRow(string set, Dictionary<string, object?> row)
    {
        foreach (var field in row.Keys.Where(f => !Schema.Has(set, f)).ToList())
        {
            if (row[field] is string { Length: > 0 } value && value != Fake1CRef.Empty)
            {
                throw new InvalidOperationException($"{Schema.Id} has no {set}.{field} to hold '{row[field]}'.");
            }

            row.Remove(field);
        }

        Add(set, row);
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

    /// <summary>
    /// The additional attribute <see cref="Fake1CProperties.Industry"/> = <see cref="Fake1CProperties.Wholesale"/>, a value of a
    /// hierarchical list, where the configuration has such lists.
    /// </summary>
    public void Wholesale(string catalog, string owner)
    {
        if (Schema.Sets.ContainsKey(Fake1CProperties.HierarchicalValuesSet))
        {
            Attribute(catalog, owner, Ref("property/industry"), WholesaleValueRef, Fake1CProperties.HierarchicalValueReferenceType);
        }
    }

    /// <summary>Additional information about any object, in <c>InformationRegister_ДополнительныеСведения</c>.</summary>
    /// <remarks>The Kazakh dump lacks this register's description, so its fixture has no such set and the dataset no such rows.</remarks>
    public void Information(string objectType, string objectRef, string property, object value, string valueType)
    {
        if (!Schema.Sets.ContainsKey(Fake1CProperties.InformationSet))
        {
            return;
        }

        Add(Fake1CProperties.InformationSet, new()
        {
            ["Объект"] = objectRef,
            ["Объект_Type"] = objectType,
            ["Свойство_Key"] = property,
            ["Значение"] = value,
            ["Значение_Type"] = valueType,
        });
    }

    private long NextLine(string set, string owner)
    {
        var line = _lines.GetValueOrDefault((set, owner)) + 1;
        _lines[(set, owner)] = line;
        return line;
    }

    private void Property(string reference, string title, bool information)
    {
        var row = new Dictionary<string, object?>
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Predefined"] = false,
            ["PredefinedDataName"] = string.Empty,
            // БСП 2.4 names a property of a set "Заголовок (set name)"; БСП 3.x names it by its title.
            ["Description"] = Bsp24 ? $"{title} ({PropertySetName})" : title,
            ["Заголовок"] = title,
        };
        if (Schema.Has(Fake1CProperties.PropertiesSet, "ЭтоДополнительноеСведение"))
        {
            row["ЭтоДополнительноеСведение"] = information;
        }

        Add(Fake1CProperties.PropertiesSet, row);
    }

    /// <summary>The property set (НаборСвойств) the dataset's properties belong to, as БСП 2.4 shows it in their names.</summary>
    public const string PropertySetName = "Справочник \"Партнеры\"";

    private void HierarchicalValue(string reference, string property, string parent, string description) =>
        Add(Fake1CProperties.HierarchicalValuesSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Owner_Key"] = property,
            ["Parent_Key"] = parent,
            ["Description"] = description,
        });

    private void PropertyValue(string reference, string property, string description) =>
        Add(Fake1CProperties.ValuesSet, new()
        {
            ["Ref_Key"] = reference,
            ["DeletionMark"] = false,
            ["Owner_Key"] = property,
            ["Description"] = description,
        });
}

/// <summary>The references of a dataset's properties and property values.</summary>
internal sealed record PropertyRefs(string Prepayment, string Category, string Blocked, string Segment, string Vip, string Ordinary);
