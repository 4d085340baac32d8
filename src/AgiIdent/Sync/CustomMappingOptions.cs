namespace AgiIdent.Sync;

/// <summary>The <c>AgiIdent:Sync:Custom</c> section: entity sets and fields for configurations without a preset.</summary>
public sealed class CustomMappingOptions
{
    /// <summary>The customers' catalog, e.g. <c>Catalog_Контрагенты</c>; its phones come from <c>{Customers}_КонтактнаяИнформация</c>.</summary>
    public string? Customers { get; set; }

    /// <summary>The field with the full (legal) name; the screen prefers <c>Description</c>.</summary>
    public string? FullName { get; set; }

    /// <summary>The field that tells a person from a company.</summary>
    public string? Kind { get; set; }

    /// <summary>The value of <see cref="Kind"/> that means a private person.</summary>
    public string? PersonKind { get; set; }

    /// <summary>Whether the customers' catalog has folders (<c>IsFolder</c>).</summary>
    public bool IsFolder { get; set; }

    /// <summary>The customer's manager reference field, e.g. <c>Менеджер_Key</c>.</summary>
    public string? Manager { get; set; }

    /// <summary>The catalog that field refers to; extensions from its <c>…_КонтактнаяИнформация</c>.</summary>
    public string? Managers { get; set; }

    /// <summary>The contact persons' catalog.</summary>
    public string? Contacts { get; set; }

    /// <summary>The contact person's field referring to the customer; <c>Owner_Key</c> when empty.</summary>
    public string? ContactOwner { get; set; }

    /// <summary>A register path whose rows are debts, e.g. <c>AccumulationRegister_Взаиморасчеты/Balance</c>.</summary>
    public string? Debt { get; set; }

    /// <summary>The register's customer reference field.</summary>
    public string? DebtCustomer { get; set; }

    /// <summary>The register's amount field, e.g. <c>СуммаBalance</c>.</summary>
    public string? DebtAmount { get; set; }
}
