using System.Text;
using System.Text.Json;

namespace AgiIdent.Sync;

/// <summary>
/// Бухгалтерия для Казахстана: the phones of customers and contact persons from the contact-information register
/// (<see cref="SyncMapping.ContactInformationRegister"/>), read whole every run (a register carries no versions) and
/// compared with what is staged.
/// </summary>
internal static class RegisterPhoneReader
{
    public static async Task SyncAsync(ODataClient client, SyncRunState run, string register, PhoneRows phones, CancellationToken cancellationToken)
    {
        var mapping = run.Mapping;
        var roles = new Dictionary<string, string>(StringComparer.Ordinal) { ["StandardODATA." + mapping.Customers] = SyncStaging.Customer };
        if (mapping.Contacts is { } contacts)
        {
            roles["StandardODATA." + contacts] = SyncStaging.Contact;
        }

        var problems = new List<PhoneProblem>();
        var rows = client.ReadAllAsync(register, run.Check.Select(register)!, "Объект,Тип,Вид", null, cancellationToken);
        await run.Staging.ReplaceRegisterPhonesAsync(RegisterPhones(rows, roles, phones, problems), cancellationToken).ConfigureAwait(false);
        await PhoneRows.ReportAsync(run, register, problems, cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<StagedPhone> RegisterPhones(IAsyncEnumerable<JsonElement> rows, Dictionary<string, string> roles, PhoneRows phones, List<PhoneProblem> problems)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (!roles.TryGetValue(ODataRows.Text(row, "Объект_Type") ?? string.Empty, out var role) || ODataRows.Ref(row, "Объект") is not { } reference ||
                PhoneRows.Kind(row) is not { } kind)
            {
                continue;
            }

            // The register has no line numbers: rows of an object come ordered by type and kind, and are counted.
            var line = lines[reference] = lines.GetValueOrDefault(reference) + 1;
            var presentation = ODataRows.Text(row, "Представление")?.Trim() ?? string.Empty;
            var parsed = phones.ParseStored(presentation);
            if (parsed.Numbers.Count == 0 && RegisterParts(row) is { } parts)
            {
                parsed = phones.ParseStored(parts);
            }

            foreach (var staged in PhoneRows.Staged(parsed, role, reference, line, kind, presentation, problems))
            {
                yield return staged;
            }
        }
    }

    /// <summary>A phone of the register from its parts (<c>Поле1</c> country code, <c>Поле2</c> city code, <c>Поле3</c> number, <c>Поле4</c> extension).</summary>
    private static string? RegisterParts(JsonElement row)
    {
        var number = ODataRows.Text(row, "Поле3")?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }

        var country = ODataRows.Text(row, "Поле1")?.Trim() ?? string.Empty;
        var city = ODataRows.Text(row, "Поле2")?.Trim() ?? string.Empty;
        var extension = ODataRows.Text(row, "Поле4")?.Trim() ?? string.Empty;
        var text = new StringBuilder();
        if (country.Length > 0)
        {
            text.Append(country.StartsWith('+') ? country : "+" + country).Append(' ');
        }

        if (city.Length > 0)
        {
            text.Append('(').Append(city).Append(") ");
        }

        text.Append(number);
        if (extension.Length > 0)
        {
            text.Append(", доб. ").Append(extension);
        }

        return text.ToString();
    }
}
