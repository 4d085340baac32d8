namespace AgiIdent.Sync;

/// <summary>
/// Where a register keeps debts: the path (with parameters), the customer field, the amount and optionally the
/// currency. With <paramref name="KeyCatalog"/> the customer field is a reference to that catalog (УТ's analytics
/// keys), whose <paramref name="KeyCustomer"/> is the customer.
/// </summary>
internal sealed record DebtSource(
    string Path, string Customer, string Amount, string? Currency = null, string? CustomerType = null, string? KeyCatalog = null, string? KeyCustomer = null)
{
    /// <summary>The register's virtual table without its parameters, as <c>$metadata</c> names it.</summary>
    public string Table => Path.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? Path[..open] : Path;
}
