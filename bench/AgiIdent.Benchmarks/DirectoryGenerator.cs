using System.Globalization;
using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Benchmarks;

/// <summary>
/// A deterministic directory like a Ukrainian distributor's 1C holds: companies with legal forms (ТОВ, ПП, ПрАТ, ООО,
/// ...), sole traders (ФОП) and private persons, in Ukrainian and some in Russian; flags, managers, debts, a few
/// attributes and deletion marks; phones typed the many ways people type them (<c>+38 (044) 123-45-67</c>,
/// <c>067 765 43 21</c>, a few <c>8 (916) ...</c>, extensions, labels, two numbers in one field), each parsed with
/// <see cref="NumberParser.ParseStored"/> as an import would. The same seed and sizes give the same directory.
/// </summary>
internal sealed class DirectoryGenerator
{
    private const long Ukraine = 380_000_000_000;
    private const long Russia = 70_000_000_000;

    private static readonly string[] MobileCodes = ["50", "66", "95", "99", "67", "68", "96", "97", "98", "63", "73", "93", "91", "92", "94"];

    // Area code and weight: Kyiv most, then the big cities, then oblast centres with three-digit codes.
    private static readonly (string Area, int Weight)[] AreaCodes =
        [("44", 40), ("56", 8), ("57", 8), ("48", 8), ("32", 7), ("61", 5), ("62", 3), ("352", 3), ("412", 3), ("462", 3), ("472", 3), ("342", 3), ("432", 3), ("522", 3)];

    private static readonly (string Short, string Full, int Weight)[] UkrainianForms =
    [
        ("ТОВ", "Товариство з обмеженою відповідальністю", 70), ("ПП", "Приватне підприємство", 15), ("ПрАТ", "Приватне акціонерне товариство", 5),
        ("АТ", "Акціонерне товариство", 3), ("ТДВ", "Товариство з додатковою відповідальністю", 4), ("КП", "Комунальне підприємство", 3),
    ];

    private static readonly (string Short, string Full, int Weight)[] RussianForms =
        [("ООО", "Общество с ограниченной ответственностью", 75), ("ЧП", "Частное предприятие", 15), ("АО", "Акционерное общество", 10)];

    private static readonly string[] UkrainianRoots =
        ["Агро", "Буд", "Тех", "Енерго", "Мет", "Укр", "Київ", "Дніпро", "Транс", "Фарм", "Інвест", "Лог", "Торг", "Еко", "Нафто", "Хім", "Мед", "Електро", "Спец", "Пром", "Текс", "Смарт", "Зерно", "Авто", "Термо", "Вест", "Поділля", "Карпат", "Полісся", "Оріон", "Альфа", "Вектор", "Меридіан"];

    private static readonly string[] UkrainianEndings =
        ["пром", "сервіс", "трейд", "груп", "буд", "постач", "імпекс", "комплект", "систем", "ресурс", "інвест", "маркет", "лайн", "тех", "актив", "світ", "дім", "торг", "логістик"];

    private static readonly string[] UkrainianWords =
        ["Ромашка", "Світанок", "Лелека", "Калина", "Барвінок", "Чайка", "Берізка", "Зоря", "Веселка", "Колос", "Явір", "Джерело", "Будмайстер", "Добробут", "Злагода", "Садиба"];

    private static readonly string[] RussianRoots =
        ["Агро", "Строй", "Тех", "Энерго", "Мет", "Транс", "Фарм", "Инвест", "Торг", "Нефте", "Хим", "Мед", "Электро", "Спец", "Пром", "Авто", "Север", "Юг", "Восток", "Сибирь"];

    private static readonly string[] RussianEndings = ["пром", "сервис", "трейд", "групп", "строй", "снаб", "импекс", "комплект", "систем", "ресурс", "маркет"];

    private static readonly string[] RussianWords = ["Северный ветер", "Рассвет", "Берёзка", "Заря", "Радуга", "Колос", "Родник", "Стройка", "Феникс", "Меркурий"];

    private static readonly (string Male, string Female)[] UkrainianSurnames =
    [
        ("Коваленко", "Коваленко"), ("Бондаренко", "Бондаренко"), ("Ткаченко", "Ткаченко"), ("Кравченко", "Кравченко"), ("Шевченко", "Шевченко"),
        ("Олійник", "Олійник"), ("Шевчук", "Шевчук"), ("Поліщук", "Поліщук"), ("Мельник", "Мельник"), ("Бойко", "Бойко"), ("Ковальчук", "Ковальчук"),
        ("Кравчук", "Кравчук"), ("Лисенко", "Лисенко"), ("Мороз", "Мороз"), ("Марченко", "Марченко"), ("Савченко", "Савченко"), ("Руденко", "Руденко"),
        ("Гнатюк", "Гнатюк"), ("Петренко", "Петренко"), ("Павленко", "Павленко"), ("Левченко", "Левченко"), ("Харченко", "Харченко"),
        ("Кузьменко", "Кузьменко"), ("Клименко", "Клименко"), ("Приходько", "Приходько"), ("Іваненко", "Іваненко"), ("Гончаренко", "Гончаренко"),
        ("Романенко", "Романенко"), ("Карпенко", "Карпенко"), ("Литвиненко", "Литвиненко"), ("Мазур", "Мазур"), ("Сидоренко", "Сидоренко"),
        ("Панченко", "Панченко"), ("Ярошенко", "Ярошенко"), ("Дмитренко", "Дмитренко"), ("Семенюк", "Семенюк"), ("Тимошенко", "Тимошенко"),
        ("Федоренко", "Федоренко"), ("Костенко", "Костенко"), ("Гуменюк", "Гуменюк"), ("Бондар", "Бондар"), ("Коваль", "Коваль"),
        ("Ткачук", "Ткачук"), ("Демченко", "Демченко"), ("Степаненко", "Степаненко"), ("Онищенко", "Онищенко"), ("Зінченко", "Зінченко"),
        ("Ковальський", "Ковальська"), ("Савицький", "Савицька"), ("Яворський", "Яворська"), ("Білецький", "Білецька"), ("Вишневський", "Вишневська"),
    ];

    private static readonly string[] UkrainianMaleNames =
        ["Олександр", "Сергій", "Андрій", "Олег", "Володимир", "Микола", "Іван", "Василь", "Дмитро", "Петро", "Юрій", "Віктор", "Михайло", "Богдан", "Тарас", "Ігор", "Роман", "Максим", "Євген", "Павло"];

    private static readonly string[] UkrainianFemaleNames =
        ["Олена", "Ольга", "Наталія", "Тетяна", "Ірина", "Світлана", "Юлія", "Оксана", "Марія", "Людмила", "Галина", "Катерина", "Анна", "Вікторія", "Надія"];

    private static readonly (string Male, string Female)[] UkrainianPatronymics =
    [
        ("Олександрович", "Олександрівна"), ("Сергійович", "Сергіївна"), ("Андрійович", "Андріївна"), ("Олегович", "Олегівна"),
        ("Володимирович", "Володимирівна"), ("Миколайович", "Миколаївна"), ("Іванович", "Іванівна"), ("Васильович", "Василівна"),
        ("Дмитрович", "Дмитрівна"), ("Петрович", "Петрівна"), ("Юрійович", "Юріївна"), ("Вікторович", "Вікторівна"),
        ("Михайлович", "Михайлівна"), ("Богданович", "Богданівна"), ("Тарасович", "Тарасівна"), ("Ігорович", "Ігорівна"),
        ("Романович", "Романівна"), ("Євгенович", "Євгенівна"), ("Павлович", "Павлівна"),
    ];

    private static readonly (string Male, string Female)[] RussianSurnames =
    [
        ("Смирнов", "Смирнова"), ("Иванов", "Иванова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"), ("Соколов", "Соколова"),
        ("Лебедев", "Лебедева"), ("Козлов", "Козлова"), ("Новиков", "Новикова"), ("Морозов", "Морозова"), ("Петров", "Петрова"),
        ("Волков", "Волкова"), ("Соловьёв", "Соловьёва"), ("Васильев", "Васильева"), ("Зайцев", "Зайцева"), ("Павлов", "Павлова"),
        ("Семёнов", "Семёнова"), ("Голубев", "Голубева"), ("Виноградов", "Виноградова"), ("Орлов", "Орлова"), ("Фёдоров", "Фёдорова"),
    ];

    private static readonly string[] RussianMaleNames =
        ["Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Иван", "Николай", "Владимир", "Павел", "Евгений", "Игорь", "Юрий", "Виктор", "Константин"];

    private static readonly string[] RussianFemaleNames = ["Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Юлия", "Екатерина"];

    private static readonly (string Male, string Female)[] RussianPatronymics =
    [
        ("Алексеевич", "Алексеевна"), ("Дмитриевич", "Дмитриевна"), ("Сергеевич", "Сергеевна"), ("Андреевич", "Андреевна"),
        ("Михайлович", "Михайловна"), ("Иванович", "Ивановна"), ("Николаевич", "Николаевна"), ("Владимирович", "Владимировна"),
        ("Павлович", "Павловна"), ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"), ("Петрович", "Петровна"),
    ];

    private static readonly string[] Hints = ["Тільки передоплата", "Дзвонити після 10:00", "Постійний клієнт", "Уточнити адресу доставки", "Не турбувати у вихідні"];
    private static readonly string[] Segments = ["Опт", "Роздріб", "Дилер", "HoReCa"];
    private static readonly DateTimeOffset ChangedFrom = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random _random;
    private readonly NumberParser _numbers;
    private readonly HashSet<long> _used = [];
    private readonly List<long> _known = [];
    private readonly HashSet<long> _shared = [];
    private readonly int _areaWeight = AreaCodes.Sum(a => a.Weight);
    private readonly Manager[] _managers;
    private int _mismatches;
    private int _fields;

    private DirectoryGenerator(int seed, NumberParser numbers)
    {
        _random = new Random(seed);
        _numbers = numbers;
        _managers = [.. Enumerable.Range(0, 150).Select(i => new Manager(PersonName(ukrainian: true, out _), (101 + (i * 2)).ToString(CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// Generates <paramref name="parties"/> parties with <paramref name="numbers"/> numbers in all (at least one each),
    /// read with <paramref name="plan"/> as an import would.
    /// </summary>
    public static GeneratedDirectory Generate(int parties, int numbers, int seed, NumberParser plan)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numbers, parties);
        return new DirectoryGenerator(seed, plan).Run(parties, numbers, seed);
    }

    /// <summary>A party's id as 1C writes its <c>Ref_Key</c>: a GUID, here derived from the seed and the party's position.</summary>
    public static string PartyId(int seed, int index)
    {
        var high = SplitMix(((ulong)(uint)seed << 32) | (uint)index);
        var low = SplitMix(high ^ 0x9E3779B97F4A7C15);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, high);
        BitConverter.TryWriteBytes(bytes[8..], low);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    // The generator is deterministic on purpose: a benchmark directory, not a secret.
#pragma warning disable CA5394
    private GeneratedDirectory Run(int partyCount, int numberCount, int seed)
    {
        // Who is what first, then how many numbers each has: every party one, the rest mostly to companies.
        var kinds = new byte[partyCount];
        var russian = new bool[partyCount];
        for (var i = 0; i < partyCount; i++)
        {
            var roll = _random.Next(100);
            kinds[i] = (byte)(roll < 45 ? 0 : roll < 70 ? 1 : 2);
            russian[i] = _random.Next(100) < 12;
        }

        var counts = new int[partyCount];
        Array.Fill(counts, 1);
        for (var extra = numberCount - partyCount; extra > 0; extra--)
        {
            int party;
            do
            {
                party = _random.Next(partyCount);
            }
            while (kinds[party] == 2 && _random.Next(100) < 60);
            counts[party]++;
        }

        var parties = new List<Party>(partyCount);
        var probes = new long[partyCount];
        for (var i = 0; i < partyCount; i++)
        {
            parties.Add(NewParty(seed, i, kinds[i], russian[i], counts[i], out probes[i]));
        }

        // A probe must belong to its party alone: drop those another party was given later.
        for (var i = 0; i < probes.Length; i++)
        {
            if (_shared.Contains(probes[i]))
            {
                probes[i] = 0;
            }
        }

        var unknown = new List<long>();
        while (unknown.Count < Math.Clamp(partyCount / 10, 100, 50_000))
        {
            var candidate = Ukraine + (long.Parse(MobileCodes[_random.Next(MobileCodes.Length)], CultureInfo.InvariantCulture) * 10_000_000) + _random.Next(10_000_000);
            if (!_used.Contains(candidate))
            {
                unknown.Add(candidate);
            }
        }

        return new GeneratedDirectory(new DirectoryFileContent(parties, []), [.. _known], [.. unknown], probes, numberCount, _fields, _shared.Count, _mismatches);
    }

    private Party NewParty(int seed, int index, byte kind, bool russian, int numberCount, out long probe)
    {
        string name;
        string? shortName = null;
        var person = kind == 2;
        if (kind == 0)
        {
            var forms = russian ? RussianForms : UkrainianForms;
            var form = forms[Weighted(forms.Select(f => f.Weight))];
            var brand = Brand(russian);
            var (open, close) = russian ? ("«", "»") : ("\"", "\"");
            name = $"{form.Full} {open}{brand}{close}";
            shortName = $"{form.Short} {open}{brand}{close}";
        }
        else
        {
            var full = PersonName(!russian, out var initials);
            if (person)
            {
                name = full;
            }
            else
            {
                name = (russian ? "Физическое лицо-предприниматель " : "Фізична особа-підприємець ") + full;
                shortName = (russian ? "ФЛП " : "ФОП ") + initials;
            }
        }

        var flags = new List<string>(1);
        if (_random.Next(1000) < 15)
        {
            flags.Add("Blocked");
        }

        if (_random.Next(100) < 6)
        {
            flags.Add("Prepayment");
        }

        if (_random.Next(100) < 3)
        {
            flags.Add("VIP");
        }

        var debtRoll = _random.Next(100);
        decimal? debt = debtRoll < 35 ? Math.Round((decimal)(_random.NextDouble() * 250_000), 2) : debtRoll < 45 ? 0m : null;
        var manager = !person && _random.Next(100) < 70 ? _managers[_random.Next(_managers.Length)] : null;
        var language = russian ? "ru" : _random.Next(100) < 85 ? "uk" : null;
        var greeting = _random.Next(1000) < 5 ? "agiident/greeting-" + _random.Next(1, 20).ToString(CultureInfo.InvariantCulture) : null;
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (_random.Next(100) < 4)
        {
            attributes["hint"] = Hints[_random.Next(Hints.Length)];
        }

        if (!person && _random.Next(100) < 3)
        {
            attributes["segment"] = Segments[_random.Next(Segments.Length)];
        }

        var phones = new List<PartyPhone>(numberCount);
        probe = 0;
        for (var left = numberCount; left > 0;)
        {
            var two = left >= 2 && _random.Next(100) < 3;
            phones.Add(NewField(person, two ? 2 : 1, ref probe));
            left -= two ? 2 : 1;
        }

        return new Party(
            PartyId(seed, index),
            (index + 1).ToString("D9", CultureInfo.InvariantCulture),
            person ? PartyKind.Person : PartyKind.Company,
            name,
            shortName,
            flags.Count == 0 ? [] : flags,
            debt,
            manager,
            language,
            greeting,
            attributes,
            _random.Next(1000) < 15,
            phones)
        {
            Changed = ChangedFrom.AddSeconds(_random.Next(6 * 365 * 86_400)),
        };
    }

    /// <summary>One phone field holding <paramref name="count"/> numbers, parsed as an import parses it.</summary>
    private PartyPhone NewField(bool person, int count, ref long probe)
    {
        _fields++;
        var texts = new string[count];
        var expected = new long[count];
        var suffixOnly = new bool[count];
        var mobile = false;
        for (var i = 0; i < count; i++)
        {
            texts[i] = NewNumber(out expected[i], out suffixOnly[i], out mobile);
            if (probe == 0)
            {
                probe = expected[i];
            }
        }

        var raw = count == 1 ? texts[0] : string.Join(_random.Next(2) == 0 ? ", " : "; ", texts);
        var kind = mobile ? "mobile" : _random.Next(100) < 3 ? "fax" : "phone";
        var contact = !person && mobile && _random.Next(100) < 50 ? PersonName(_random.Next(100) < 88, out _) : null;
        var parsed = _numbers.ParseStored(raw);
        if (parsed.Problems.Count > 0 || parsed.Numbers.Count != count || !parsed.Numbers.Select(n => n.E164).SequenceEqual(expected.Select((e, i) => suffixOnly[i] ? null : e.ToString(CultureInfo.InvariantCulture))))
        {
            _mismatches++;
        }

        return new PartyPhone(raw, kind, contact, parsed.Numbers);
    }

    /// <summary>A number as someone typed it; <paramref name="e164"/> is what a caller with it presents.</summary>
    private string NewNumber(out long e164, out bool suffixOnly, out bool mobile)
    {
        suffixOnly = false;
        var roll = _random.Next(1000);
        if (roll < 5 && _known.Count > 0)
        {
            // The same number in another party: a shared switchboard, a family, a re-registered business.
            e164 = _known[_random.Next(_known.Count)];
            _shared.Add(e164);
            mobile = false;
            suffixOnly = e164 / 1_000_000_000 == 79;
            return suffixOnly ? $"8{e164 - Russia}" : $"+{e164}";
        }

        if (roll < 15)
        {
            // Russian numbers: a mobile written with the trunk 8 (its country is not known, only its last digits
            // are matched), or a Moscow landline with +7.
            mobile = roll < 10;
            var national = (mobile ? 9_160_000_000L + (_random.Next(4) * 10_000_000L) : 4_950_000_000L) + _random.Next(2_000_000, 10_000_000);
            e164 = Unique(Russia + national);
            national = e164 - Russia;
            var text = national.ToString(CultureInfo.InvariantCulture);
            suffixOnly = mobile;
            return mobile
                ? $"8 ({text[..3]}) {text[3..6]}-{text[6..8]}-{text[8..]}"
                : $"+7 ({text[..3]}) {text[3..6]}-{text[6..8]}-{text[8..]}";
        }

        mobile = roll < 575;
        string area;
        if (mobile)
        {
            area = MobileCodes[_random.Next(MobileCodes.Length)];
        }
        else
        {
            area = AreaCodes[Weighted(AreaCodes.Select(a => a.Weight), _areaWeight)].Area;
        }

        var subscriberDigits = 9 - area.Length;
        var scale = (long)Math.Pow(10, subscriberDigits);
        long subscriber = mobile ? _random.Next((int)scale) : _random.Next((int)(scale / 5), (int)(scale * 7 / 10));
        e164 = Unique(Ukraine + (long.Parse(area, CultureInfo.InvariantCulture) * scale) + subscriber);
        var sub = (e164 % scale).ToString(CultureInfo.InvariantCulture).PadLeft(subscriberDigits, '0');
        return Format(area, sub, mobile);
    }

    private long Unique(long e164)
    {
        // Move to the next free number: collisions are rare, and this keeps the generator's sequence stable.
        while (!_used.Add(e164))
        {
            e164++;
        }

        _known.Add(e164);
        return e164;
    }

    private string Format(string area, string sub, bool mobile)
    {
        var dashed = sub.Length == 7 ? $"{sub[..3]}-{sub[3..5]}-{sub[5..]}" : $"{sub[..2]}-{sub[2..4]}-{sub[4..]}";
        var spaced = dashed.Replace('-', ' ');
        var text = _random.Next(mobile ? 7 : 8) switch
        {
            0 => $"+38 (0{area}) {dashed}",
            1 => $"(0{area}) {dashed}",
            2 => $"0{area} {spaced}",
            3 => $"0{area}-{dashed}",
            4 => $"+380 {area} {spaced}",
            5 => $"0{area}{sub}",
            6 => mobile ? $"+380{area}{sub}" : $"+38(0{area}){sub}",
            _ => $"+380 ({area}) {dashed}",
        };
        var extra = _random.Next(100);
        if (!mobile && extra < 3)
        {
            text += extra == 0 ? $", вн. {_random.Next(100, 400)}" : $" доб. {_random.Next(10, 400)}";
        }
        else if (extra is >= 3 and < 5)
        {
            text = (mobile ? "моб. " : "тел. ") + text;
        }

        return text;
    }

    private string Brand(bool russian)
    {
        string brand;
        if (_random.Next(100) < 25)
        {
            var words = russian ? RussianWords : UkrainianWords;
            brand = words[_random.Next(words.Length)];
        }
        else
        {
            var roots = russian ? RussianRoots : UkrainianRoots;
            var endings = russian ? RussianEndings : UkrainianEndings;
            brand = roots[_random.Next(roots.Length)] + endings[_random.Next(endings.Length)];
        }

        return _random.Next(100) switch
        {
            < 12 => brand + "-Плюс",
            < 20 => brand + (russian ? " Украина" : " Україна"),
            < 28 => brand + "-" + _random.Next(1, 30).ToString(CultureInfo.InvariantCulture),
            _ => brand,
        };
    }

    private string PersonName(bool ukrainian, out string initials)
    {
        var male = _random.Next(100) < 55;
        string surname, first, patronymic;
        if (ukrainian)
        {
            var s = UkrainianSurnames[_random.Next(UkrainianSurnames.Length)];
            var p = UkrainianPatronymics[_random.Next(UkrainianPatronymics.Length)];
            surname = male ? s.Male : s.Female;
            first = male ? UkrainianMaleNames[_random.Next(UkrainianMaleNames.Length)] : UkrainianFemaleNames[_random.Next(UkrainianFemaleNames.Length)];
            patronymic = male ? p.Male : p.Female;
        }
        else
        {
            var s = RussianSurnames[_random.Next(RussianSurnames.Length)];
            var p = RussianPatronymics[_random.Next(RussianPatronymics.Length)];
            surname = male ? s.Male : s.Female;
            first = male ? RussianMaleNames[_random.Next(RussianMaleNames.Length)] : RussianFemaleNames[_random.Next(RussianFemaleNames.Length)];
            patronymic = male ? p.Male : p.Female;
        }

        initials = $"{surname} {first[0]}.{patronymic[0]}.";
        return $"{surname} {first} {patronymic}";
    }

    private int Weighted(IEnumerable<int> weights, int? total = null)
    {
        var list = weights as IList<int> ?? [.. weights];
        var roll = _random.Next(total ?? list.Sum());
        for (var i = 0; i < list.Count; i++)
        {
            roll -= list[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return list.Count - 1;
    }
#pragma warning restore CA5394
}
