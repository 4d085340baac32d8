namespace AgiIdent.Directory.Postgres;

/// <summary>
/// The canonical schema as the code sees it (the tables are made by <c>Migrations/*.sql</c>): the columns of a party
/// and of a phone, how a party is upserted, the query of direct mode and the advisory locks. Import, sync, the
/// snapshot's loader and direct mode all take them from here.
/// </summary>
internal static class CanonicalSchema
{
    /// <summary>The columns of <c>agiident.party</c> that import and sync write, in the order they write them.</summary>
    public static readonly IReadOnlyList<string> PartyColumnNames =
        ["id", "code", "kind", "name", "short_name", "flags", "debt", "manager_name", "manager_ext", "language", "greeting", "attributes", "deleted", "changed_at"];

    /// <summary><see cref="PartyColumnNames"/> as a column list.</summary>
    public static readonly string PartyColumns = string.Join(", ", PartyColumnNames);

    /// <summary>The columns of <c>agiident.phone</c> that import and sync write.</summary>
    public const string PhoneColumns = "party_id, position, raw, kind, contact, e164, suffix";

    /// <summary>
    /// The party columns as <see cref="PartyRowReader"/> reads them, of the party aliased <c>p</c> (the attributes as
    /// JSON text); each keeps its column's name.
    /// </summary>
    public static readonly string SelectParty = string.Join(", ", PartyColumnNames.Select(static c => c == "attributes" ? "p.attributes::text AS attributes" : "p." + c));

    /// <summary>The phone columns <see cref="PartyRowReader.ReadPhone"/> reads, in its order, of the phone aliased <c>ph</c>.</summary>
    public const string SelectPhone = "ph.e164, ph.suffix, ph.contact, ph.kind";

    /// <summary>
    /// The query of direct mode: exact numbers, and last digits of numbers whose country is unknown; with the phone's
    /// contact and kind (<c>phone_kind</c>) and whether the full number matched (<c>exact</c>).
    /// </summary>
    public static readonly string DirectQuery =
        $"SELECT {SelectParty}, ph.contact, ph.kind AS phone_kind, true AS exact " +
        "FROM agiident.phone ph JOIN agiident.party p ON p.id = ph.party_id WHERE ph.e164 = @e164 " +
        "UNION ALL " +
        $"SELECT {SelectParty}, ph.contact, ph.kind, false " +
        "FROM agiident.phone ph JOIN agiident.party p ON p.id = ph.party_id WHERE ph.e164 IS NULL AND ph.suffix = @suffix";

    /// <summary>The lock <c>agiident db migrate</c> holds for its transaction (<c>pg_advisory_xact_lock</c>): one migrator at a time.</summary>
    public const long MigrationLock = 4573001;

    /// <summary>The lock a sync run holds for its transaction (<c>pg_try_advisory_xact_lock</c>): one run at a time.</summary>
    public const long SyncLock = 4573002;

    /// <summary>
    /// Inserts the parties of <paramref name="source"/> (a table with <see cref="PartyColumns"/>) into
    /// <c>agiident.party</c>, updating those already there. Import writes every column; sync (<paramref name="bySync"/>)
    /// leaves language and greeting as an admin set them (1C has neither) and rewrites only a row that differs, so a
    /// snapshot reloads only the parties that really changed.
    /// </summary>
    public static string UpsertParties(string source, bool bySync)
    {
        var updated = bySync ? PartyColumnNames.Where(static c => c is not ("id" or "language" or "greeting")).ToList() : [.. PartyColumnNames.Skip(1)];
        var sql = $"INSERT INTO agiident.party ({PartyColumns}) SELECT {PartyColumns} FROM {source} ON CONFLICT (id) DO UPDATE SET " +
            string.Join(", ", updated.Select(static c => $"{c} = EXCLUDED.{c}"));
        return bySync
            ? sql + $" WHERE ({string.Join(", ", updated.Select(static c => "agiident.party." + c))}) IS DISTINCT FROM ({string.Join(", ", updated.Select(static c => "EXCLUDED." + c))})"
            : sql;
    }
}
