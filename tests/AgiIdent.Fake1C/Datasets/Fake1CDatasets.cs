namespace AgiIdent.Fake1C;

/// <summary>Fresh infobases for the tests (one per preset, small and messy) and for the benchmark (large and regular).</summary>
public static class Fake1CDatasets
{
    /// <summary>Управление торговлей 11 (or КА 2, ERP 2) as the metadata fixture <paramref name="schema"/> has it: partners, counterparties, contact persons, users, debts in hryvnia and dollars (see <see cref="Ut11Facts"/>).</summary>
    public static Fake1CInfobase Ut11(string schema = Fake1CSchema.Ut115) => Ut11Dataset.Build(schema);

    /// <summary>Бухгалтерия предприятия 3.0: counterparties, contact persons, accounting-register debts (see <see cref="Bp30Facts"/>).</summary>
    public static Fake1CInfobase Bp30(string schema = Fake1CSchema.Bp30) => Bp30Dataset.Build(schema);

    /// <summary>Бухгалтерия для Казахстана 3.0: the BP30 data in that edition's objects (phones in a register, accounts 1210/3510).</summary>
    public static Fake1CInfobase BpKz() => Bp30Dataset.Build(Fake1CSchema.BpKz);

    /// <summary>Управление нашей фирмой 3.0: counterparties, employees, users with telephony settings, debts (see <see cref="Unf3Facts"/>).</summary>
    public static Fake1CInfobase Unf3(string schema = Fake1CSchema.Unf30) => Unf3Dataset.Build(schema);

    /// <summary>UT11-shaped data of <paramref name="customers"/> partners with <paramref name="phonesPerCustomer"/> phones each (see <see cref="Fake1CLargeInfobase"/>).</summary>
    public static Fake1CLargeInfobase Large(int customers, int phonesPerCustomer) => new(customers, phonesPerCustomer);
}
