namespace AgiIdent.Sync;

/// <summary>The configurations whose 1C objects the sync knows (<c>AgiIdent:Sync:Preset</c>); docs/SYNC.md lists what each reads.</summary>
public enum SyncPreset
{
    /// <summary>Управление торговлей 11, Комплексная автоматизация 2, ERP 2: partners.</summary>
    UT11,

    /// <summary>Бухгалтерия предприятия 3.0: counterparties, debt on account 62.</summary>
    BP30,

    /// <summary>Управление нашей фирмой 3.0: counterparties with a responsible employee.</summary>
    UNF3,

    /// <summary>Entity sets and fields named in <c>AgiIdent:Sync:Custom</c>.</summary>
    Custom,
}

/// <summary>The <c>AgiIdent:Sync</c> configuration section: replication from 1C's standard OData interface.</summary>
public sealed class SyncOptions
{
    /// <summary>Seconds between background syncs in the daemon; 0 (default) leaves syncing to <c>agiident sync</c>.</summary>
    public int IntervalSeconds { get; set; }

    /// <summary>Hours between full runs, which re-read every object and remove what vanished from 1C.</summary>
    public int FullEveryHours { get; set; } = 24;

    /// <summary>
    /// A run that would remove more than this share (percent) of the staged customers, and more than
    /// <see cref="MassRemovalFloor"/> of them, stops instead: a 1C user whose rights shrank, or a wrong infobase, lists
    /// few customers, and that must not empty the directory. 100 turns the guard off.
    /// </summary>
    public int MaxRemovedPercent { get; set; } = 50;

    /// <summary>Removals up to this many customers never trip <see cref="MaxRemovedPercent"/>.</summary>
    public const int MassRemovalFloor = 10;

    /// <summary>Which configuration 1C runs; required to sync.</summary>
    public SyncPreset? Preset { get; set; }

    /// <summary>The code of the currency debt is shown in (<c>Catalog_Валюты.Code</c>); the numbering country's when empty.</summary>
    public string? Currency { get; set; }

    /// <summary>BP30: the accounts whose balance is the customer's debt.</summary>
    public string[]? DebtAccounts { get; set; }

    /// <summary>1C property (<c>Name</c> or <c>Name=Value</c>) to flag, e.g. <c>"Без оплаты не отгружать": "Prepayment"</c>.</summary>
    public Dictionary<string, string> Flags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The <c>AgiIdent:Sync:OData</c> section.</summary>
    public ODataOptions OData { get; set; } = new();

    /// <summary>The <c>AgiIdent:Sync:Custom</c> section, for <c>Preset=Custom</c>.</summary>
    public CustomMappingOptions Custom { get; set; } = new();

    /// <summary>
    /// The accounts BP30 reads when <see cref="DebtAccounts"/> is not set: 62.01 and 62.02 and their currency
    /// twins 62.21, 62.22, 62.31, 62.32 (all predefined in БП 3.0's Хозрасчетный; an account an infobase lacks matches
    /// no rows). The amount read is <c>Сумма</c>, in the national currency, for every one.
    /// </summary>
    public static IReadOnlyList<string> DefaultDebtAccounts { get; } = ["62.01", "62.02", "62.21", "62.22", "62.31", "62.32"];

    /// <summary>The accounts of Бухгалтерия для Казахстана (chart Типовой): 1210 receivables, 3510 advances received.</summary>
    public static IReadOnlyList<string> DefaultKazakhDebtAccounts { get; } = ["1210", "3510"];
}

/// <summary>The <c>AgiIdent:Sync:OData</c> section: where 1C publishes its standard OData interface.</summary>
public sealed class ODataOptions
{
    /// <summary>The service root, <c>http://1c-server/base/odata/standard.odata/</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The 1C user the sync logs in as (HTTP Basic, UTF-8: Cyrillic logins work).</summary>
    public string? User { get; set; }

    /// <summary>That user's password; prefer <c>AgiIdent__Sync__OData__Password_FILE</c>.</summary>
    public string? Password { get; set; }

    /// <summary>Objects per request (<c>$top</c>).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>References per <c>$filter</c> when reading changed objects; keeps URLs short for 1C's web server.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Seconds one request may take, reading its whole answer included.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of a request that failed for a network error, a timeout or HTTP 408/429/5xx.</summary>
    public int Retries { get; set; } = 4;

    /// <summary>Milliseconds before the first retry; doubled for each next one.</summary>
    public int RetryDelayMs { get; set; } = 1000;
}

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
