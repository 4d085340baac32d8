namespace AgiIdent.Sync;

/// <summary>
/// УНФ's links of contact persons to counterparties (<see cref="ContactLinks"/>): the latest record of each pair
/// counts, and a pair whose latest record says <c>СвязьНедействительна</c> is no link. A contact linked to several
/// counterparties belongs to the first of them (by reference), as the directory has one customer per contact.
/// </summary>
internal static class ContactLinkReader
{
    /// <summary>The customer of each linked contact person, by the contact's reference.</summary>
    public static async Task<Dictionary<string, string>> ReadAsync(ODataClient client, InfobaseCheck check, ContactLinks links, CancellationToken cancellationToken)
    {
        var select = check.Select(links.Register)!;
        var hasPeriod = select.Contains(links.Period, StringComparer.Ordinal);
        var latest = new Dictionary<(string Contact, string Customer), (string Period, bool Valid)>();
        var order = hasPeriod ? $"{links.Customer},{links.Contact},{links.Period}" : $"{links.Customer},{links.Contact}";
        await foreach (var row in client.ReadAllAsync(links.Register, select, order, null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, links.Contact) is not { } contact || ODataRows.Ref(row, links.Customer) is not { } customer)
            {
                continue;
            }

            var period = hasPeriod ? ODataRows.Text(row, links.Period) ?? string.Empty : string.Empty;
            // ISO 8601 periods compare as text.
            if (!latest.TryGetValue((contact, customer), out var seen) || string.CompareOrdinal(period, seen.Period) >= 0)
            {
                latest[(contact, customer)] = (period, !ODataRows.Flag(row, links.Invalid));
            }
        }

        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ((contact, customer), (_, valid)) in latest.OrderBy(static l => l.Key.Customer, StringComparer.Ordinal))
        {
            if (valid)
            {
                owners.TryAdd(contact, customer);
            }
        }

        return owners;
    }
}
