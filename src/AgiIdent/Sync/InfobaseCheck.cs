using System.Globalization;
using System.Text;

namespace AgiIdent.Sync;

/// <summary>
/// A preset compared with what an infobase publishes: every set missing from the OData composition and every field
/// missing from a set, all at once, and the fields to read where optional ones exist.
/// </summary>
internal sealed class InfobaseCheck
{
    private readonly Dictionary<string, IReadOnlyList<string>> _select = new(StringComparer.Ordinal);

    private readonly ODataMetadata _metadata;

    private InfobaseCheck(string preset, string url, ODataMetadata metadata)
    {
        Preset = preset;
        Url = url;
        _metadata = metadata;
    }

    /// <summary>The edition of the preset the check was made for, when known (<see cref="WithEdition"/>).</summary>
    public SyncMapping? Edition { get; private set; }

    /// <summary>Records which edition of the preset this check is of.</summary>
    public InfobaseCheck WithEdition(SyncMapping edition)
    {
        Edition = edition;
        return this;
    }

    /// <summary>The preset checked.</summary>
    public string Preset { get; }

    /// <summary>The OData root checked.</summary>
    public string Url { get; }

    /// <summary>Required sets the service document does not list, with what they are for.</summary>
    public List<SetNeed> MissingSets { get; } = [];

    /// <summary>Optional sets the service document does not list (read when published).</summary>
    public List<SetNeed> SkippedSets { get; } = [];

    /// <summary>Published sets that lack a required field.</summary>
    public List<(SetNeed Need, string Field)> MissingFields { get; } = [];

    /// <summary>Optional fields this infobase does not have (not read here).</summary>
    public List<(SetNeed Need, string Field)> AbsentOptional { get; } = [];

    /// <summary>Whether every required set and field is there.</summary>
    public bool Fits => MissingSets.Count == 0 && MissingFields.Count == 0;

    /// <summary>Every set's path that a run reads, checked.</summary>
    public IEnumerable<string> Sets => _select.Keys;

    /// <summary>Compares <paramref name="needs"/> with <paramref name="metadata"/>.</summary>
    public static InfobaseCheck Compare(string preset, string url, IReadOnlyList<SetNeed> needs, ODataMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(metadata);
        var check = new InfobaseCheck(preset, url, metadata);
        foreach (var need in needs)
        {
            if (!metadata.IsPublished(need.Set))
            {
                (need.Required ? check.MissingSets : check.SkippedSets).Add(need);
                continue;
            }

            // A set published but not described (an older platform's $metadata without it) is taken at its word.
            var described = metadata.Fields.ContainsKey(need.Set);
            var select = new List<string>();
            foreach (var field in need.Fields)
            {
                if (described && !metadata.Has(need.Set, field))
                {
                    check.MissingFields.Add((need, field));
                }

                select.Add(field);
            }

            foreach (var field in need.Optional)
            {
                if (!described || metadata.Has(need.Set, field))
                {
                    select.Add(field);
                }
                else
                {
                    check.AbsentOptional.Add((need, field));
                }
            }

            check._select[need.Set] = select;
        }

        return check;
    }

    /// <summary>The <c>$select</c> of <paramref name="set"/> for this infobase; null when the set is not read here (optional and unpublished).</summary>
    public IReadOnlyList<string>? Select(string set) => _select.GetValueOrDefault(set);

    /// <summary>The dimensions of a register's virtual table as <c>$metadata</c> lists them (no resources, no <c>_Type</c> fields); empty when not described.</summary>
    public IReadOnlyList<string> Dimensions(string table) =>
        _metadata.Fields.TryGetValue(table, out var fields)
            ? [.. fields.Where(ODataMetadata.IsDimension)]
            : [];

    /// <summary>Whether the run reads <paramref name="field"/> of <paramref name="set"/> in this infobase.</summary>
    public bool Reads(string set, string field) => _select.TryGetValue(set, out var fields) && fields.Contains(field, StringComparer.Ordinal);

    /// <summary>One line for a log and an exception: what to publish and which fields are missing.</summary>
    public string Summary()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"1C at {Url} lacks what preset {Preset} reads");
        if (MissingSets.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; add to the OData composition ({Composition}): ")
                .AppendJoin(", ", MissingSets.Select(static n => $"{CompositionName(n.Set)} for {n.Purpose}"));
        }

        if (MissingFields.Count > 0)
        {
            text.Append("; missing fields: ").AppendJoin(", ", MissingFields.Select(static m => $"{m.Need.Set}.{m.Field} ({m.Need.Purpose})"))
                .Append(CultureInfo.InvariantCulture, $" — this configuration or its version is not one preset {Preset} is for ({PresetFor(Preset)}); run 'agiident sync --detect', or use Preset=Custom (docs/SYNC.md)");
        }

        return text.ToString();
    }

    /// <summary>What <c>agiident sync --check</c> prints.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        if (Fits)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"OK: 1C at {Url} publishes every set and field preset {Preset} reads ({_select.Count} sets).");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"1C at {Url} lacks what preset {Preset} reads.");
        }

        if (MissingSets.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Add to the OData composition ({Composition}):");
            foreach (var need in MissingSets)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {CompositionName(need.Set)} — {need.Purpose}");
            }
        }

        if (MissingFields.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Fields preset {Preset} reads that this infobase lacks ({PresetFor(Preset)} have them; run 'agiident sync --detect', or use Preset=Custom):");
            foreach (var (need, field) in MissingFields)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {need.Set}.{field} — {need.Purpose}");
            }
        }

        foreach (var need in SkippedSets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Not published, not read: {CompositionName(need.Set)} — {need.Purpose}.");
        }

        foreach (var (need, field) in AbsentOptional)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Not in this version, not read: {need.Set}.{field}.");
        }

        return text.ToString();
    }

    /// <summary>Where an admin ticks objects for OData.</summary>
    public const string Composition =
        "Администрирование → Общие настройки → Интеграция с другими программами → Настройка стандартного интерфейса OData, or the data processor НастройкаСтандартногоИнтерфейсаOData";

    /// <summary>The configurations a preset is for, as README names them.</summary>
    public static string PresetFor(string preset) => preset switch
    {
        "UT11" => "Управление торговлей 11.4/11.5, Комплексная автоматизация 2, ERP 2",
        "BP30" => "Бухгалтерия предприятия 3.0, Бухгалтерия для Казахстана 3.0",
        "UNF3" => "Управление нашей фирмой 3.0",
        _ => "the sets named in AgiIdent:Sync:Custom",
    };

    /// <summary>
    /// An object as the OData composition shows it: its kind and its name (the default synonym: words of the name)
    /// with the set's name, e.g. <c>Справочник «Ключи аналитики учета по партнерам» (Catalog_КлючиАналитикиУчетаПоПартнерам)</c>;
    /// a tabular section or a register's virtual table is published with its object.
    /// </summary>
    public static string CompositionName(string set)
    {
        var published = ODataMetadata.PublishedName(set);
        var underscore = published.IndexOf('_', StringComparison.Ordinal);
        if (underscore < 0)
        {
            return published;
        }

        var kind = published[..underscore] switch
        {
            "Catalog" => "Справочник",
            "Document" => "Документ",
            "InformationRegister" => "Регистр сведений",
            "AccumulationRegister" => "Регистр накопления",
            "AccountingRegister" => "Регистр бухгалтерии",
            "ChartOfCharacteristicTypes" => "План видов характеристик",
            "ChartOfAccounts" => "План счетов",
            _ => published[..underscore],
        };
        var name = published[(underscore + 1)..];
        var section = name.IndexOf('_', StringComparison.Ordinal);
        var objectName = section < 0 ? name : name[..section];
        var objectSet = published[..(underscore + 1 + objectName.Length)];
        return $"{kind} «{Words(objectName)}» ({objectSet})";
    }

    /// <summary>1C's default synonym of a name: <c>КлючиАналитикиУчетаПоПартнерам</c> reads "Ключи аналитики учета по партнерам".</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            // A word starts at a capital after a small letter, or at the last capital of a run before a small letter
            // ("РасчетыСКлиентами": "Расчеты", "с", "клиентами").
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
