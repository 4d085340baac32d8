using System.Globalization;
using System.Text.Json;
using AgiIdent.Numbering;

namespace AgiIdent.Sync;

/// <summary>
/// Makes numbers of contact-information rows, whichever object or register holds them: every БСП storage generation,
/// the kinds the directory keeps, and the report of numbers that cannot be read.
/// </summary>
internal sealed class PhoneRows(NumberParser numbers)
{
    /// <summary>Where a phone row keeps its number, newest БСП generation first.</summary>
    private static readonly string[] StoredPhoneFields = ["Значение", "ЗначенияПолей", "Представление", "НомерТелефона"];

    /// <summary>Parses one stored text (a presentation, JSON, key=value or XML) with the numbering plan.</summary>
    public StoredPhone ParseStored(string text) => numbers.ParseStored(text);

    /// <summary>The numbers of phone rows of a tabular section; the problems of the rows that are phones (not <c>Другое</c>) are collected.</summary>
    public async IAsyncEnumerable<StagedPhone> Phones(IAsyncEnumerable<JsonElement> rows, string role, List<PhoneProblem> problems)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (ODataRows.Ref(row, "Ref_Key") is not { } reference || Kind(row) is not { } kind || ParsePhoneRow(row) is not { } parsed)
            {
                continue;
            }

            var line = ODataRows.Amount(row, "LineNumber") is { } lineNumber and >= 0 and <= int.MaxValue ? (int)lineNumber : 0;
            var raw = ODataRows.Text(row, "Представление") is { Length: > 0 } presentation ? presentation : ODataRows.Text(row, "НомерТелефона") ?? string.Empty;
            foreach (var staged in Staged(parsed, role, reference, line, kind, raw, problems))
            {
                yield return staged;
            }
        }
    }

    /// <summary>The kind of a contact-information row the directory keeps; null for addresses, emails and the rest.</summary>
    public static string? Kind(JsonElement row) => ODataRows.Text(row, "Тип") switch
    {
        "Телефон" => "phone",
        "Факс" => "fax",
        "Другое" => "other",
        _ => null,
    };

    /// <summary>The distinct numbers of one parsed row; its problems are collected unless it is <c>Другое</c> (free text, no phone by intent).</summary>
    public static IEnumerable<StagedPhone> Staged(StoredPhone parsed, string role, string reference, int line, string kind, string raw, List<PhoneProblem> problems)
    {
        if (kind != "other")
        {
            problems.AddRange(parsed.Problems.Select(p => new PhoneProblem(role, reference, line, p)));
        }

        return parsed.Numbers.DistinctBy(static n => n.Suffix).Select(n => new StagedPhone(role, reference, line, raw, kind, n.E164, n.Suffix));
    }

    /// <summary>Reports unreadable numbers with their customer's code and name, which an admin can find in 1C.</summary>
    public static async Task ReportAsync(SyncRunState run, string set, List<PhoneProblem> problems, CancellationToken cancellationToken)
    {
        foreach (var byRole in problems.GroupBy(static p => p.Role))
        {
            var customers = await run.Staging.CustomersOfAsync(byRole.Key, [.. byRole.Select(static p => p.Ref).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
            foreach (var (_, reference, line, problem) in byRole)
            {
                var whose = customers.TryGetValue(reference, out var customer) && (customer.Code.Length > 0 || customer.Name.Length > 0)
                    ? $"customer {customer.Code} «{customer.Name}», "
                    : string.Empty;
                run.Reject($"{set} {whose}{reference} line {line.ToString(CultureInfo.InvariantCulture)}: {problem}");
            }
        }
    }

    /// <summary>
    /// The numbers of one phone row: the first stored form (newest БСП generation first) that gives any. A JSON
    /// value without a number (under <c>Другое</c>, <c>Viber: +380…</c> is only in the presentation) falls through
    /// to the next; when none gives a number, the first one's problems are the row's.
    /// </summary>
    private StoredPhone? ParsePhoneRow(JsonElement row)
    {
        StoredPhone? first = null;
        foreach (var field in StoredPhoneFields)
        {
            if (ODataRows.Text(row, field) is not { } text || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var parsed = numbers.ParseStored(text);
            if (parsed.Numbers.Count > 0)
            {
                return parsed;
            }

            first ??= parsed;
        }

        return first;
    }
}
