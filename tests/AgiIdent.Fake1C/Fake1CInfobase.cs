using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace AgiIdent.Fake1C;

/// <summary>An in-memory 1C infobase as its standard OData interface shows it: named entity sets of rows.</summary>
/// <remarks>
/// Values are strings (GUIDs as lower-case strings too), booleans, numbers or null. A <see cref="long"/> is served as
/// a JSON string, as OData v3 and 1C write Edm.Int64 (<c>LineNumber</c>); <see cref="int"/> and <see cref="decimal"/>
/// are JSON numbers. Fields starting with <c>@</c> are hidden: they are never served but conditions may read them
/// (<c>@Account</c> of an accounting-register balance row). Mutations are meant for the pauses between sync runs;
/// reads stay safe meanwhile, since every set takes a lock to pick a page.
/// </remarks>
public class Fake1CInfobase
{
    /// <summary>The name of a catalog's contact-information tabular section, appended to the catalog's set name.</summary>
    public const string ContactInformationSuffix = "_КонтактнаяИнформация";

    /// <summary>The name of a catalog's additional-attributes tabular section, appended to the catalog's set name.</summary>
    public const string AdditionalAttributesSuffix = "_ДополнительныеРеквизиты";

    private readonly ConcurrentDictionary<string, Fake1CEntitySet> _sets = new(StringComparer.Ordinal);
    private long _dataVersion;

    /// <summary>An infobase whose sets and fields are only those <paramref name="schema"/> (a real configuration's) has; any when null.</summary>
    public Fake1CInfobase(Fake1CSchema? schema = null)
    {
        Schema = schema;
    }

    /// <summary>The real configuration this infobase imitates; null for a free-form one.</summary>
    public Fake1CSchema? Schema { get; }

    /// <summary>The names of all sets, sorted ordinally.</summary>
    public IReadOnlyList<string> SetNames => [.. _sets.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// What the service document lists: each set, a register once for its virtual tables
    /// (<c>AccumulationRegister_X/Balance</c> is published as <c>AccumulationRegister_X</c>).
    /// </summary>
    public IReadOnlyList<string> PublishedNames => [.. _sets.Keys.Select(static n => n.Split('/')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Takes a set out of the OData composition, with its tabular sections and virtual tables; false when it was not published.</summary>
    public bool Unpublish(string name)
    {
        var removed = false;
        foreach (var set in _sets.Keys)
        {
            if (set == name || set.StartsWith(name + "_", StringComparison.Ordinal) || set.StartsWith(name + "/", StringComparison.Ordinal))
            {
                removed |= _sets.TryRemove(set, out _);
            }
        }

        return removed;
    }

    /// <summary>The set named <paramref name="name"/>; throws when there is none.</summary>
    public Fake1CEntitySet this[string name] =>
        _sets.TryGetValue(name, out var set) ? set : throw new KeyNotFoundException($"The fake infobase has no set {name}.");

    /// <summary>
    /// Adds an empty set (publishes it). With a <see cref="Schema"/>, the set serves exactly the schema's fields, and
    /// <paramref name="fields"/> may name only those (or hidden <c>@</c> ones): a fake that served a field real 1C lacks
    /// would let a test pass on a fiction. Without one, <paramref name="fields"/> are the served fields in order.
    /// </summary>
    public Fake1CEntitySet AddSet(string name, params IEnumerable<string> fields)
    {
        var given = fields.ToList();
        if (Schema is { } schema)
        {
            if (!schema.Sets.TryGetValue(name, out var real))
            {
                throw new ArgumentException($"{schema.Id} ({schema.Source}) has no set {name}.", nameof(name));
            }

            if (given.FirstOrDefault(f => !f.StartsWith('@') && !real.Contains(f, StringComparer.Ordinal)) is { } fiction)
            {
                throw new ArgumentException($"{schema.Id} ({schema.Source}) has no field {fiction} in {name}.", nameof(fields));
            }

            given = [.. real, .. given.Where(static f => f.StartsWith('@'))];
        }

        var set = new Fake1CEntitySet(name, given);
        return _sets.TryAdd(name, set) ? set : throw new ArgumentException($"The fake infobase already has a set {name}.", nameof(name));
    }

    /// <summary>Finds a set by its decoded name.</summary>
    public bool TryGetSet(string name, [NotNullWhen(true)] out Fake1CEntitySet? set) => _sets.TryGetValue(name, out set);

    /// <summary>
    /// Adds a row. Fields it leaves out are null, except <c>DataVersion</c>, which gets a fresh version as 1C gives
    /// one on the first write. A field the set does not have is a mistake in the caller and throws.
    /// </summary>
    public void AddRow(string set, IReadOnlyDictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var target = this[set];
        if (!row.ContainsKey("DataVersion") && target.Fields.Contains("DataVersion"))
        {
            row = new Dictionary<string, object?>(row, StringComparer.Ordinal) { ["DataVersion"] = NewDataVersion() };
        }

        target.Add(row);
    }

    /// <summary>
    /// Removes an object the way 1C's deletion of marked objects does: its row and the rows of its tabular sections
    /// (every set named <c>{set}_…</c>, such as <c>{set}_КонтактнаяИнформация</c>). False when there was no such object.
    /// </summary>
    public bool Remove(string set, string refKey)
    {
        var removed = RemoveWhere(set, "Ref_Key", refKey) > 0;
        var prefix = set + "_";
        foreach (var (name, tabular) in _sets)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && tabular.Fields.Contains("Ref_Key"))
            {
                tabular.RemoveWhere(tabular.ServedColumn("Ref_Key"), refKey);
            }
        }

        return removed;
    }

    /// <summary>Removes every row of <paramref name="set"/> whose <paramref name="field"/> equals <paramref name="value"/>; returns how many.</summary>
    public int RemoveWhere(string set, string field, object? value)
    {
        var target = this[set];
        return target.RemoveWhere(target.ColumnOrThrow(field), value);
    }

    /// <summary>
    /// Sets a field of the object <paramref name="refKey"/> without touching its <c>DataVersion</c> (call
    /// <see cref="Touch"/> as well to model a write in 1C); throws when there is no such object.
    /// </summary>
    public void Update(string set, string refKey, string field, object? value)
    {
        if (UpdateWhere(set, "Ref_Key", refKey, field, value) == 0)
        {
            throw new KeyNotFoundException($"The set {set} has no object {refKey}.");
        }
    }

    /// <summary>Sets <paramref name="field"/> on every row whose <paramref name="matchField"/> equals <paramref name="matchValue"/>; returns how many.</summary>
    public int UpdateWhere(string set, string matchField, object? matchValue, string field, object? value)
    {
        var target = this[set];
        var column = target.ColumnOrThrow(field);
        var normalized = ODataValue.Normalize(value);
        return target.Change(target.ColumnOrThrow(matchField), matchValue, row => row[column] = normalized, column);
    }

    /// <summary>Gives the object a new <c>DataVersion</c>, as any write in 1C does; returns it.</summary>
    public string Touch(string set, string refKey)
    {
        var version = NewDataVersion();
        Update(set, refKey, "DataVersion", version);
        return version;
    }

    /// <summary>A copy of the first row of <paramref name="set"/> with this <c>Ref_Key</c>, or null.</summary>
    public IReadOnlyDictionary<string, object?>? Find(string set, string refKey)
    {
        var target = this[set];
        return target.Find(target.ColumnOrThrow("Ref_Key"), refKey);
    }

    /// <summary>A version never handed out before in this infobase, shaped as 1C's (<c>AAAAAQAAAAA=</c>: 8 bytes in base64).</summary>
    public string NewDataVersion()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Interlocked.Increment(ref _dataVersion));
        return Convert.ToBase64String(bytes);
    }
}
