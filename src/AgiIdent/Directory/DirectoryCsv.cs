using System.Globalization;
using System.Text;
using AgiIdent.Numbering;

namespace AgiIdent.Directory;

/// <summary>
/// Reads the CSV directory format: a header naming the columns, then one row per phone. Columns:
/// <c>id,code,kind,name,short_name,flags,debt,manager_name,manager_ext,language,greeting,deleted,changed,phone,phone_kind,contact</c>
/// and any <c>attr:NAME</c> for attributes; only <c>id</c> and <c>name</c> are required. A party with several phones
/// repeats its id on each row (its other columns are taken from its first row); <c>flags</c> are separated by
/// <c>;</c>. Fields are separated by commas and may be quoted with <c>"</c> (RFC 4180). Encoding UTF-8.
/// </summary>
public static class DirectoryCsv
{
    /// <summary>The columns AgiIdent knows (besides <c>attr:NAME</c>).</summary>
    public static readonly IReadOnlyList<string> KnownColumns =
        ["id", "code", "kind", "name", "short_name", "flags", "debt", "manager_name", "manager_ext", "language", "greeting", "deleted", "changed", "phone", "phone_kind", "contact"];

    /// <summary>Reads a CSV directory. Throws <see cref="InvalidDataException"/> when the header is unusable.</summary>
    public static DirectoryFileContent Read(TextReader csv, PhoneNumber numbers)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(numbers);
        var records = Records(csv).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new InvalidDataException("the CSV file is empty; the first line must name the columns, e.g. id,code,name,phone");
        }

        var header = records.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
        var unknown = header.Where(h => !KnownColumns.Contains(h, StringComparer.OrdinalIgnoreCase) && !h.StartsWith("attr:", StringComparison.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0 || !header.Contains("id", StringComparer.OrdinalIgnoreCase) || !header.Contains("name", StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"the CSV header must have the columns id and name, and may have {string.Join(", ", KnownColumns)} and attr:NAME" +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : string.Empty));
        }

        var builders = new List<PartyRows>();
        var byId = new Dictionary<string, PartyRows>(StringComparer.Ordinal);
        var rejects = new List<DirectoryReject>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            string Field(string column)
            {
                var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
                return i >= 0 && i < fields.Count ? fields[i].Trim() : string.Empty;
            }

            var id = Field("id");
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
                party = new PartyRows(line, id, header, fields);
                byId[id] = party;
                builders.Add(party);
            }

            var phone = Field("phone");
            if (phone.Length > 0)
            {
                party.Phones.Add((line, phone, Field("phone_kind"), Field("contact")));
            }
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

        return new DirectoryFileContent(parties, rejects);
    }

    /// <summary>The records of a CSV text with the line each starts on; quoted fields may span lines.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(TextReader csv)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        int c;
        while ((c = csv.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (csv.Peek() == '"')
                    {
                        field.Append('"');
                        csv.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (start, fields);
                    fields = [];
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }

    private sealed class PartyRows(int line, string id, string[] header, List<string> fields)
    {
        public int Line { get; } = line;

        public string Id { get; } = id;

        public List<(int Line, string Number, string Kind, string Contact)> Phones { get; } = [];

        public Party Build(PhoneNumber numbers, int index, List<DirectoryReject> rejects)
        {
            string? Field(string column)
            {
                var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
                var value = i >= 0 ? fields[i].Trim() : string.Empty;
                return value.Length == 0 ? null : value;
            }

            var name = Field("name") ?? throw new FormatException("\"name\" is empty");
            var kind = Field("kind") switch
            {
                null or "company" => PartyKind.Company,
                "person" => PartyKind.Person,
                var other => throw new FormatException($"\"kind\" is '{other}'; expected 'company' or 'person'"),
            };
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

            var managerName = Field("manager_name");
            var managerExt = Field("manager_ext");
            return new Party(
                Id,
                Field("code") ?? string.Empty,
                kind,
                name,
                Field("short_name"),
                (Field("flags") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                debt,
                managerName is null && managerExt is null ? null : new Manager(managerName ?? string.Empty, managerExt ?? string.Empty),
                Field("language"),
                Field("greeting"),
                attributes,
                deleted,
                phones)
            {
                Changed = changed,
            };
        }
    }
}
