using System.Globalization;

namespace AgiIdent.Fake1C;

/// <summary>
/// A large UT11-shaped infobase for the benchmark: numbered partners (<c>00000000-0000-0000-0000-{index:D12}</c>, from 1,
/// so ordinal order is creation order), Ukrainian mobile numbers in the current JSON generation, all unique, 100
/// managers with extensions 101–200, a hryvnia debt for every third partner; <see cref="ChangeSome"/> models edits.
/// </summary>
public sealed class Fake1CLargeInfobase : Fake1CInfobase
{
    /// <summary>The number of managers (users with extensions).</summary>
    public const int Managers = 100;

    private const int PartnerGroup = 0;
    private const int UserGroup = 1;
    private const int UahCodeGroup = 2;
    private const int KeyGroup = 3;

    // Mobile codes of Ukrainian operators; a phone's id picks the code and the 7-digit number, so ids give unique numbers.
    private static readonly string[] AreaCodes = ["050", "066", "095", "099", "067", "068", "096", "097", "098", "063", "073", "093"];

    private readonly int[] _phoneIds;
    private readonly string _phoneKind;
    private int _nextPhoneId;
    private int _nextChanged;

    internal Fake1CLargeInfobase(int customers, int phonesPerCustomer)
        : base(Fake1CSchema.Load(Fake1CSchema.Ut115))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        ArgumentOutOfRangeException.ThrowIfNegative(phonesPerCustomer);
        Customers = customers;
        PhonesPerCustomer = phonesPerCustomer;
        _phoneIds = new int[customers * phonesPerCustomer];

        var b = new InfobaseBuilder(
            "large",
            new PropertyRefs(
                Fake1CRef.Of("large/property/prepayment"), Fake1CRef.Of("large/property/category"), Fake1CRef.Of("large/property/blocked"),
                Fake1CRef.Of("large/property/segment"), Fake1CRef.Of("large/value/vip"), Fake1CRef.Of("large/value/ordinary")),
            Schema!,
            this);
        Ut11Dataset.AddSets(b);
        _phoneKind = b.Kind("ТелефонПартнера", "Телефон", Fake1CContactInformation.Phone);
        var userPhoneKind = b.Kind("ТелефонПользователя", "Телефон", Fake1CContactInformation.Phone);
        var uah = Fake1CRef.Numbered(UahCodeGroup, 980);
        AddRow(Ut11Facts.CurrenciesSet, new Dictionary<string, object?>
        {
            ["Ref_Key"] = uah,
            ["DeletionMark"] = false,
            ["Code"] = Ut11Facts.UahCode,
            ["Description"] = "грн",
            ["НаименованиеПолное"] = "Гривня",
        });

        for (var user = 1; user <= Managers; user++)
        {
            var reference = Fake1CRef.Numbered(UserGroup, user);
            AddRow(Ut11Facts.UsersSet, new Dictionary<string, object?>
            {
                ["Ref_Key"] = reference,
                ["DeletionMark"] = false,
                ["Predefined"] = false,
                ["PredefinedDataName"] = string.Empty,
                ["Description"] = string.Create(CultureInfo.InvariantCulture, $"Менеджер {user:D3}"),
                ["Недействителен"] = false,
                ["Служебный"] = false,
                ["ФизическоеЛицо_Key"] = Fake1CRef.Empty,
            });
            b.Phone(Ut11Facts.UsersSet, reference, userPhoneKind, ManagerExtension(user), Fake1CContactStorage.PresentationOnly);
        }

        var organization = Fake1CRef.Of("large/organization");
        for (var index = 1; index <= customers; index++)
        {
            var reference = CustomerRef(index);
            var name = string.Create(CultureInfo.InvariantCulture, $"ТОВ «Клієнт {index:D6}»");
            AddRow(Ut11Facts.CustomersSet, new Dictionary<string, object?>
            {
                ["Ref_Key"] = reference,
                ["DataVersion"] = NewDataVersion(),
                ["DeletionMark"] = false,
                ["Predefined"] = false,
                ["PredefinedDataName"] = string.Empty,
                ["Parent_Key"] = Fake1CRef.Empty,
                ["Code"] = index.ToString("D9", CultureInfo.InvariantCulture),
                ["Description"] = name,
                ["НаименованиеПолное"] = name,
                ["ЮрФизЛицо"] = "Компания",
                ["ОсновнойМенеджер_Key"] = Fake1CRef.Numbered(UserGroup, ManagerOf(index)),
                ["Клиент"] = true,
                ["Поставщик"] = false,
                ["ДатаРегистрации"] = "2020-01-01T00:00:00",
                ["Комментарий"] = string.Empty,
            });
            for (var phone = 0; phone < phonesPerCustomer; phone++)
            {
                var id = _nextPhoneId++;
                _phoneIds[Slot(index, phone)] = id;
                AddRow(
                    Ut11Facts.CustomersSet + ContactInformationSuffix,
                    Fake1CContactInformation.PhoneRow(reference, phone + 1, _phoneKind, Phone(id)));
            }

            if (index % 3 == 0)
            {
                // The register names the partner's analytics key with the organization, as УТ's does.
                var key = Fake1CRef.Numbered(KeyGroup, index);
                AddRow(Ut11Facts.KeysSet, new Dictionary<string, object?>
                {
                    ["Ref_Key"] = key,
                    ["DeletionMark"] = false,
                    ["Predefined"] = false,
                    ["PredefinedDataName"] = string.Empty,
                    ["Description"] = "Ключ аналитики",
                    ["Партнер_Key"] = reference,
                    ["Организация_Key"] = organization,
                });
                AddRow(Ut11Facts.DebtSet, new Dictionary<string, object?>
                {
                    [Ut11Facts.DebtKeyField] = key,
                    ["ОбъектРасчетов_Key"] = Fake1CRef.Empty,
                    ["Валюта_Key"] = uah,
                    // Mostly debts, every fourth an advance.
                    ["СуммаBalance"] = (index % 4 == 0 ? -1m : 1m) * (100m + (index % 997) * 12.5m),
                });
            }
        }
    }

    /// <summary>The number of partners.</summary>
    public int Customers { get; }

    /// <summary>The phones of each partner.</summary>
    public int PhonesPerCustomer { get; }

    /// <summary>The <c>Ref_Key</c> of partner <paramref name="index"/> (from 1).</summary>
    public static string CustomerRef(int index) => Fake1CRef.Numbered(PartnerGroup, index);

    /// <summary>The manager (from 1 to <see cref="Managers"/>) of partner <paramref name="index"/>.</summary>
    public static int ManagerOf(int index) => (index - 1) % Managers + 1;

    /// <summary>The extension of manager <paramref name="manager"/> (from 1): 101 to 200.</summary>
    public static string ManagerExtension(int manager) => (100 + manager).ToString(CultureInfo.InvariantCulture);

    /// <summary>The caller (E.164 digits) of partner <paramref name="index"/>'s phone <paramref name="phone"/> (from 0), as it is now.</summary>
    public string Caller(int index, int phone = 0)
    {
        var id = _phoneIds[Slot(index, phone)];
        return "380" + AreaCodes[id % AreaCodes.Length][1..] + Number(id);
    }

    /// <summary>
    /// Models <paramref name="count"/> edits in 1C: the next partners in turn (wrapping around) get a new
    /// <c>DataVersion</c> and a new, unique first phone. Returns their references.
    /// </summary>
    public IReadOnlyList<string> ChangeSome(int count)
    {
        if (PhonesPerCustomer == 0)
        {
            throw new InvalidOperationException("The partners have no phones to change.");
        }

        var changed = new List<string>(count);
        var phones = this[Ut11Facts.CustomersSet + ContactInformationSuffix];
        var refColumn = phones.ColumnOrThrow("Ref_Key");
        var lineColumn = phones.ColumnOrThrow("LineNumber");
        int[] columns = [.. new[] { "Представление", "НомерТелефона", "НомерТелефонаБезКодов", "Значение" }.Select(phones.ColumnOrThrow)];
        for (var i = 0; i < count; i++)
        {
            var index = _nextChanged++ % Customers + 1;
            var reference = CustomerRef(index);
            var id = _nextPhoneId++;
            _phoneIds[Slot(index, 0)] = id;
            var row = Fake1CContactInformation.PhoneRow(reference, 1, _phoneKind, Phone(id));
            phones.Change(
                refColumn,
                reference,
                stored =>
                {
                    if (Equals(stored[lineColumn], 1L))
                    {
                        foreach (var column in columns)
                        {
                            stored[column] = row[phones.Fields[column]];
                        }
                    }
                },
                columns);
            Touch(Ut11Facts.CustomersSet, reference);
            changed.Add(reference);
        }

        return changed;
    }

    private int Slot(int index, int phone) => (index - 1) * PhonesPerCustomer + phone;

    private static Fake1CPhone Phone(int id)
    {
        var number = Number(id);
        return new Fake1CPhone("+38", AreaCodes[id % AreaCodes.Length], $"{number[..3]}-{number[3..5]}-{number[5..]}");
    }

    private static string Number(int id) => (2_000_000 + id / AreaCodes.Length).ToString(CultureInfo.InvariantCulture);
}
