namespace AgiIdent.Sync;

/// <summary>
/// УНФ (<see cref="ExtensionSource.TelephonyRegister"/>): a manager is an employee, and an employee's extension is the
/// <c>ВнутреннийНомер</c> that <see cref="SyncMapping.TelephonySettings"/> holds for the user who is the same person
/// (<c>ФизическоеЛицо</c>); a user who left (<c>Недействителен</c>) lends no extension.
/// </summary>
internal static class TelephonyExtensionReader
{
    /// <summary>The extension of each manager of <paramref name="persons"/> (manager reference → its person), where one is set up.</summary>
    public static async Task<Dictionary<string, string>> ReadAsync(ODataClient client, InfobaseCheck check, IEnumerable<(string Manager, string? Person)> persons, CancellationToken cancellationToken)
    {
        var userPerson = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in client.ReadAllAsync(SyncMapping.Users, check.Select(SyncMapping.Users)!, "Ref_Key", null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is { } user && ODataRows.Ref(row, "ФизическоеЛицо_Key") is { } person && !ODataRows.Flag(row, SyncMapping.InvalidUser))
            {
                userPerson[user] = person;
            }
        }

        var personExtension = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in client.ReadAllAsync(SyncMapping.TelephonySettings, check.Select(SyncMapping.TelephonySettings)!, "Пользователь_Key", null, cancellationToken).ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Пользователь_Key") is { } user && userPerson.TryGetValue(user, out var person) && ODataRows.Text(row, "ВнутреннийНомер")?.Trim() is { Length: > 0 } number)
            {
                personExtension.TryAdd(person, number);
            }
        }

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (manager, person) in persons)
        {
            if (person is not null && personExtension.TryGetValue(person, out var number))
            {
                extensions[manager] = number;
            }
        }

        return extensions;
    }
}
