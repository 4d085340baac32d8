namespace AgiIdent.Contract;

/// <summary>The four answers a lookup can give; <see cref="ContractText.Status"/> gives each its <c>AGIIDENT_STATUS</c> value.</summary>
public enum IdentStatus
{
    /// <summary>The number belongs to a party in the directory.</summary>
    Found,

    /// <summary>The number is usable but nobody in the directory has it.</summary>
    NotFound,

    /// <summary>The caller sent no usable number.</summary>
    Anonymous,

    /// <summary>Nothing could be answered (directory failed or too slow, server busy, unknown script).</summary>
    Error,
}
