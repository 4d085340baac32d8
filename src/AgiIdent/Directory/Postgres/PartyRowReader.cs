using System.Globalization;
using System.Text.Json;
using AgiIdent.Numbering;
using Npgsql;

namespace AgiIdent.Directory.Postgres;

/// <summary>
/// Turns rows of a query into parties through <see cref="PartyBuilder"/>: the snapshot's loader over the canonical
/// schema and direct mode over it or over the admin's own SQL. Columns are found by name
/// (<see cref="CanonicalSchema.PartyColumnNames"/>, any case) once per query; only <c>id</c> and <c>name</c> must be
/// there, a missing one reads as empty. A column of the canonical type is read as that type; any other (an admin's
/// <c>uuid</c> id, flags as one text separated by <c>,</c> or <c>;</c>, a debt as an integer) is converted.
/// </summary>
internal sealed class PartyRowReader
{
    private readonly PartyBuilder _builder;
    private readonly Column _id, _code, _kind, _name, _shortName, _flags, _debt, _managerName, _managerExt, _language, _greeting, _attributes, _deleted, _changed;

    /// <summary>Finds the columns of <paramref name="reader"/>'s result.</summary>
    public PartyRowReader(NpgsqlDataReader reader, PartyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _builder = builder;
        (_id, _code, _kind, _name, _shortName, _flags, _debt) = (Find(reader, "id"), Find(reader, "code"), Find(reader, "kind"), Find(reader, "name"), Find(reader, "short_name"), Find(reader, "flags"), Find(reader, "debt"));
        (_managerName, _managerExt, _language, _greeting) = (Find(reader, "manager_name"), Find(reader, "manager_ext"), Find(reader, "language"), Find(reader, "greeting"));
        (_attributes, _deleted, _changed) = (Find(reader, "attributes"), Find(reader, "deleted"), Find(reader, "changed_at"));
    }

    /// <summary>The ordinal of the column named <paramref name="name"/> in any case; -1 when there is none.</summary>
    public static int Ordinal(NpgsqlDataReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (string.Equals(reader.GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The party of the current row (without phones).</summary>
    public Party Read(NpgsqlDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _builder.Build(
            Text(row, _id) ?? string.Empty,
            Text(row, _code),
            PartyBuilder.KindOf(Text(row, _kind)) ?? PartyKind.Company,
            Text(row, _name) ?? string.Empty,
            Text(row, _shortName),
            Flags(row),
            Debt(row),
            Text(row, _managerName),
            Text(row, _managerExt),
            Text(row, _language),
            Text(row, _greeting),
            Attributes(Text(row, _attributes)),
            _deleted.Ordinal >= 0 && !row.IsDBNull(_deleted.Ordinal) && row.GetBoolean(_deleted.Ordinal),
            _changed.Ordinal < 0 || row.IsDBNull(_changed.Ordinal) ? null : new DateTimeOffset(row.GetDateTime(_changed.Ordinal), TimeSpan.Zero));
    }

    /// <summary>
    /// A phone number row (<see cref="CanonicalSchema.SelectPhone"/>) starting at <paramref name="offset"/>; null when
    /// its digits are not digits (a row written by hand): such a row is left out, not allowed to stop the load.
    /// </summary>
    public static (StoredNumber Number, string? Contact, string? Kind)? ReadPhone(NpgsqlDataReader row, int offset)
    {
        ArgumentNullException.ThrowIfNull(row);
        var e164 = row.IsDBNull(offset) ? null : row.GetString(offset);
        var suffix = row.GetString(offset + 1);
        if ((e164 is not null && !IsDigits(e164)) || !IsDigits(suffix))
        {
            return null;
        }

        return (new StoredNumber(e164, suffix), row.IsDBNull(offset + 2) ? null : row.GetString(offset + 2), PartyBuilder.Intern(row.IsDBNull(offset + 3) ? null : row.GetString(offset + 3)));
    }

    /// <summary>A party's attributes from the JSON object the schema stores them in; none for <c>{}</c> or anything but an object.</summary>
    public static IReadOnlyDictionary<string, string>? Attributes(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return attributes;
    }

    private static bool IsDigits(string text) => text.Length is > 0 and <= NumberParser.MaxE164Length && text.All(char.IsAsciiDigit);

    private static Column Find(NpgsqlDataReader reader, string name)
    {
        var ordinal = Ordinal(reader, name);
        return new Column(ordinal, ordinal >= 0 ? reader.GetFieldType(ordinal) : null);
    }

    private string[]? Flags(NpgsqlDataReader row)
    {
        if (_flags.Ordinal < 0 || row.IsDBNull(_flags.Ordinal))
        {
            return null;
        }

        if (_flags.Type == typeof(string[]))
        {
            return row.GetFieldValue<string[]>(_flags.Ordinal);
        }

        return row.GetValue(_flags.Ordinal) switch
        {
            string[] list => list,
            string text => text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => null,
        };
    }

    private decimal? Debt(NpgsqlDataReader row)
    {
        if (_debt.Ordinal < 0 || row.IsDBNull(_debt.Ordinal))
        {
            return null;
        }

        return _debt.Type == typeof(decimal) ? row.GetDecimal(_debt.Ordinal) : Convert.ToDecimal(row.GetValue(_debt.Ordinal), CultureInfo.InvariantCulture);
    }

    private static string? Text(NpgsqlDataReader row, Column column)
    {
        if (column.Ordinal < 0 || row.IsDBNull(column.Ordinal))
        {
            return null;
        }

        return column.Type == typeof(string) ? row.GetString(column.Ordinal) : Convert.ToString(row.GetValue(column.Ordinal), CultureInfo.InvariantCulture);
    }

    /// <summary>Where a column is in the result (-1: not there) and the type it reads as.</summary>
    private readonly record struct Column(int Ordinal, Type? Type);
}
