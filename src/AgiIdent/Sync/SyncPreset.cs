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
