using System.Globalization;
using System.Text;
using AgiIdent.Numbering;
using nietras.SeparatedValues;

namespace AgiIdent.Directory;

/// <summary>
/// Reads the CSV directory format: a header naming the columns, then one row per phone. Columns:
/// <c>id,code,kind,name,short_name,flags,debt,manager_name,manager_ext,language,greeting,deleted,changed,phone,phone_kind,contact</c>
/// and any <c>attr:NAME</c> for attributes; only <c>id</c> and <c>name</c> are required. A party with several phones
/// repeats its id on each row (its other columns are taken from its first row); <c>flags</c> are separated by
/// <c>;</c>. Fields are separated by commas and may be quoted with <c>"</c> (RFC 4180); a field that does not start
/// with a quote is taken as it is. Encoding UTF-8. Rejects are named by the line their row, or its bad quote, starts on.
/// </summary>
public static class DirectoryCsv
{
    /// <summary>The columns AgiIdent knows (besides <c>attr:NAME</c>).</summary>
    public static readonly IReadOnlyList<string> KnownColumns =
        ["id", "code", "kind", "name", "short_name", "flags", "debt", "manager_name", "manager_ext", "language", "greeting", "deleted", "changed", "phone", "phone_kind", "contact"];

    /// <summary>Reads a CSV directory. Throws <see cref="InvalidDataException"/> when the header is unusable or a quote is never closed.</summary>
    public static DirectoryFileContent Read(TextReader csv, NumberParser numbers)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(numbers);

        // Sep (nietras/Sep 0.17) splits the rows: each row knows the line it starts on (Row.LineNumberFrom, line
        // breaks inside quoted fields counted), which rejects are named by, and it splits with SIMD (its README
        // measures it several times faster than CsvHelper, the other candidate, whose IParser.RawRow is the line the
        // parser is on once a record is read, its end, not its start: CsvHelper 33.1's source). Sep neither throws nor reports a quote left open at the end of
        // the file, and its unescaping does not say where a field is malformed, so the raw field is unquoted here
        // (RFC 4180: a field that starts with a quote ends with one, a quote inside it is doubled). With a
        // separator given Sep does not guess one, and with DisableColCountCheck it does not stop at a row of
        // another width: such a row is reported and skipped like any other bad row.
        using var reader = Sep.New(',').Reader(options => options with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).From(csv);
        string[]? header = null;
        Columns columns = default;
        var builders = new List<PartyRows>();
        var byId = new Dictionary<string, PartyRows>(StringComparer.Ordinal);
        var rejects = new List<DirectoryReject>();
        var fields = new List<string>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var problem = ReadFields(row, fields);
            if (problem is { AtEnd: true })
            {
                throw new InvalidDataException(
                    $"line {problem.Value.Line}: the quote that opens {Describe(header, problem.Value.Field)} is never closed, so the file ends inside it; " +
                    "close the quote, or double a quote that is part of the text (\"\")");
            }

            if (header is null)
            {
                header = ReadHeader(fields, problem);
                columns = new Columns(header);
                continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0 && problem is null)
            {
                continue;
            }

            var id = Field(fields, columns.Id);
            if (problem is { } quote)
            {
                var through = row.LineNumberToExcl - 1 > quote.Line ? $"; lines {quote.Line} to {row.LineNumberToExcl - 1} were read as one row" : string.Empty;
                rejects.Add(new DirectoryReject(builders.Count, id.Length == 0 ? null : id, $"the quote that opens {Describe(header, quote.Field)} is not closed where the field ends (a quote inside a quoted field is written \"\"){through}") { Line = quote.Line });
                continue;
            }

            if (fields.Count != header.Length)
            {
                rejects.Add(new DirectoryReject(builders.Count, id.Length == 0 ? null : id, $"{fields.Count} fields where the header has {header.Length}") { Line = line });
                continue;
            }

            if (id.Length == 0)
            {
                rejects.Add(new DirectoryReject(builders.Count, null, "\"id\" is empty") { Line = line });
                continue;
            }

            if (!byId.TryGetValue(id, out var party))
            {
                party = new PartyRows(line, id, header, [.. fields]);
                byId[id] = party;
                builders.Add(party);
            }

            var phone = Field(fields, columns.Phone);
            if (phone.Length > 0)
            {
                party.Phones.Add((line, phone, Field(fields, columns.PhoneKind), Field(fields, columns.Contact)));
            }
        }

        if (header is null)
        {
            throw new InvalidDataException("the CSV file is empty; the first line must name the columns, e.g. id,code,name,phone");
        }

        var parties = new List<Party>(builders.Count);
        foreach (var rows in builders)
        {
            try
            {
                parties.Add(rows.Build(numbers, parties.Count, rejects));
            }
            catch (FormatException e)
            {
                rejects.Add(new DirectoryReject(parties.Count, rows.Id, e.Message) { Line = rows.Line });
            }
        }

        // A party's phone rows and its own problems are found after the rows read: list them all in file order.
        return new DirectoryFileContent(parties, [.. rejects.OrderBy(r => r.Line)]);
    }

    private static string[] ReadHeader(List<string> fields, QuoteProblem? problem)
    {
        var header = fields.Select(f => f.Trim().TrimStart('\uFEFF').Trim()).ToArray();
        var unknown = header.Where(h => !KnownColumns.Contains(h, StringComparer.OrdinalIgnoreCase) && !h.StartsWith("attr:", StringComparison.OrdinalIgnoreCase)).ToList();
        if (problem is not null || unknown.Count > 0 || !header.Contains("id", StringComparer.OrdinalIgnoreCase) || !header.Contains("name", StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"the CSV header must have the columns id and name, and may have {string.Join(", ", KnownColumns)} and attr:NAME" +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : string.Empty) +
                (problem is { } quote ? $"; a quote in it is not closed where its field ends (line {quote.Line})" : string.Empty));
        }

        return header;
    }

    private static string Field(List<string> fields, int index) => index >= 0 && index < fields.Count ? fields[index].Trim() : string.Empty;

    private static string Describe(string[]? header, int field) =>
        header is not null && field < header.Length ? $"field {field + 1} (\"{header[field]}\")" : $"field {field + 1}";

    /// <summary>
    /// Fills <paramref name="fields"/> with the row's fields, unquoted: a field that starts with <c>"</c> is quoted
    /// (doubled quotes inside are one, spaces after the closing quote are ignored); any other field is taken as it is,
    /// quotes and all (<c>ТОВ "Ромашка"</c>). Returns the first quoted field that is not closed where it ends, and the
    /// line its quote is on.
    /// </summary>
    private static QuoteProblem? ReadFields(SepReader.Row row, List<string> fields)
    {
        fields.Clear();
        QuoteProblem? problem = null;
        var text = row.Span;
        var offset = 0;
        for (var i = 0; i < row.ColCount; i++)
        {
            var raw = row[i].Span;
            if (raw.IndexOf('"') < 0)
            {
                fields.Add(raw.Length == 0 ? string.Empty : new string(raw));
            }
            else if (raw[0] == '"' && Unquote(raw) is { } value)
            {
                fields.Add(value);
            }
            else
            {
                fields.Add(new string(raw));
                // Sep pairs quotes anywhere in a field, so only the last field of the file can hold an odd number:
                // the file ended inside a quote. Its opening quote is the first of this field, or of a malformed
                // quoted field before it.
                var atEnd = i == row.ColCount - 1 && raw.Count('"') % 2 == 1;
                if ((raw[0] == '"' || atEnd) && problem is null)
                {
                    var quote = offset + raw.IndexOf('"');
                    problem = new QuoteProblem(row.LineNumberFrom + text[..quote].Count('\n'), i, false);
                }

                if (atEnd)
                {
                    problem = problem!.Value with { AtEnd = true };
                }
            }

            offset += raw.Length + 1;
        }

        return problem;
    }

    /// <summary>The text of a quoted field; null when it is not closed where it ends.</summary>
    private static string? Unquote(ReadOnlySpan<char> raw)
    {
        var value = new StringBuilder(raw.Length);
        var rest = raw[1..];
        while (true)
        {
            var quote = rest.IndexOf('"');
            if (quote < 0)
            {
                return null;
            }

            value.Append(rest[..quote]);
            rest = rest[(quote + 1)..];
            if (rest.Length > 0 && rest[0] == '"')
            {
                value.Append('"');
                rest = rest[1..];
                continue;
            }

            return rest.IsWhiteSpace() ? value.ToString() : null;
        }
    }

    private readonly record struct QuoteProblem(int Line, int Field, bool AtEnd);

    /// <summary>Where the columns read for every row are (-1 when the header lacks one).</summary>
    private readonly struct Columns(string[] header)
    {
        public int Id { get; } = Array.FindIndex(header, h => string.Equals(h, "id", StringComparison.OrdinalIgnoreCase));

        public int Phone { get; } = Array.FindIndex(header, h => string.Equals(h, "phone", StringComparison.OrdinalIgnoreCase));

        public int PhoneKind { get; } = Array.FindIndex(header, h => string.Equals(h, "phone_kind", StringComparison.OrdinalIgnoreCase));

        public int Contact { get; } = Array.FindIndex(header, h => string.Equals(h, "contact", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class PartyRows(int line, string id, string[] header, string[] fields)
    {
        public int Line { get; } = line;

        public string Id { get; } = id;

        public List<(int Line, string Number, string Kind, string Contact)> Phones { get; } = [];

        public Party Build(NumberParser numbers, int index, List<DirectoryReject> rejects)
        {
            string? Field(string column)
            {
                var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
                var value = i >= 0 ? fields[i].Trim() : string.Empty;
                return value.Length == 0 ? null : value;
            }

            var name = Field("name") ?? throw new FormatException("\"name\" is empty");
            var kind = PartyBuilder.ParseKind(Field("kind"));
            decimal? debt = Field("debt") is { } debtText
                ? DecimalText.TryParse(debtText, out var d) ? d : throw new FormatException($"\"debt\" is '{debtText}', not a number like 12500.00")
                : null;
            var deleted = Field("deleted") switch
            {
                null or "false" or "0" or "no" => false,
                "true" or "1" or "yes" => true,
                var other => throw new FormatException($"\"deleted\" is '{other}'; expected true or false"),
            };
            DateTimeOffset? changed = Field("changed") is { } changedText
                ? DateTimeOffset.TryParse(changedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var c) ? c : throw new FormatException($"\"changed\" is '{changedText}', not a date and time like 2026-11-01T09:30:00Z")
                : null;
            var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].StartsWith("attr:", StringComparison.OrdinalIgnoreCase) && fields[i].Trim().Length > 0)
                {
                    attributes[header[i]["attr:".Length..]] = fields[i].Trim();
                }
            }

            var phones = new List<PartyPhone>();
            foreach (var (phoneLine, number, phoneKind, contact) in Phones)
            {
                var parsed = numbers.ParseStored(number);
                foreach (var problem in parsed.Problems)
                {
                    rejects.Add(new DirectoryReject(index, Id, parsed.Numbers.Count == 0 ? $"phone left out: {problem}" : $"part of a phone left out: {problem}") { Line = phoneLine });
                }

                if (parsed.Numbers.Count > 0)
                {
                    phones.Add(new PartyPhone(number, phoneKind.Length == 0 ? null : phoneKind, contact.Length == 0 ? null : contact, parsed.Numbers));
                }
            }

            return PartyBuilder.Plain.Build(
                Id,
                Field("code"),
                kind,
                name,
                Field("short_name"),
                (Field("flags") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                debt,
                Field("manager_name"),
                Field("manager_ext"),
                Field("language"),
                Field("greeting"),
                attributes,
                deleted,
                changed,
                phones);
        }
    }
}
