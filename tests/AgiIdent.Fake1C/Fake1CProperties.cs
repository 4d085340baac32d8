namespace AgiIdent.Fake1C;

/// <summary>The additional attributes and information (БСП properties) every fake dataset defines, by <c>Description</c>.</summary>
public static class Fake1CProperties
{
    /// <summary>A boolean additional attribute (<c>Значение_Type</c> <c>Edm.Boolean</c>).</summary>
    public const string Prepayment = "Без оплаты не отгружать";

    /// <summary>An additional attribute whose value is a reference to <c>Catalog_ЗначенияСвойствОбъектов</c>.</summary>
    public const string Category = "Категория клиента";

    /// <summary>The value of <see cref="Category"/> that makes a VIP.</summary>
    public const string Vip = "VIP";

    /// <summary>Another value of <see cref="Category"/>, which must not make a VIP.</summary>
    public const string OrdinaryCategory = "Обычный";

    /// <summary>A boolean additional information (register <c>InformationRegister_ДополнительныеСведения</c>).</summary>
    public const string Blocked = "Заблокирован";

    /// <summary>A string additional attribute (<c>Edm.String</c>) that no flag setting names.</summary>
    public const string Segment = "Сегмент";

    /// <summary>An additional attribute whose values are a hierarchical list (<c>Catalog_ЗначенияСвойствОбъектовИерархия</c>).</summary>
    public const string Industry = "Отрасль";

    /// <summary>A value of <see cref="Industry"/> in the group <see cref="Trade"/>: what a flag setting names.</summary>
    public const string Wholesale = "Оптовая торговля";

    /// <summary>The group (parent value) of <see cref="Wholesale"/>.</summary>
    public const string Trade = "Торговля";

    /// <summary>The <c>Значение_Type</c> of a boolean value.</summary>
    public const string BooleanType = "Edm.Boolean";

    /// <summary>The <c>Значение_Type</c> of a string value.</summary>
    public const string StringType = "Edm.String";

    /// <summary>The <c>Значение_Type</c> of a reference to a property value.</summary>
    public const string ValueReferenceType = "StandardODATA.Catalog_ЗначенияСвойствОбъектов";

    /// <summary>The <c>Значение_Type</c> of a reference to a value of a hierarchical list.</summary>
    public const string HierarchicalValueReferenceType = "StandardODATA.Catalog_ЗначенияСвойствОбъектовИерархия";

    /// <summary>The set of property definitions.</summary>
    public const string PropertiesSet = "ChartOfCharacteristicTypes_ДополнительныеРеквизитыИСведения";

    /// <summary>The set of property values.</summary>
    public const string ValuesSet = "Catalog_ЗначенияСвойствОбъектов";

    /// <summary>The set of values of hierarchical property lists.</summary>
    public const string HierarchicalValuesSet = "Catalog_ЗначенияСвойствОбъектовИерархия";

    /// <summary>The register of additional information.</summary>
    public const string InformationSet = "InformationRegister_ДополнительныеСведения";
}
