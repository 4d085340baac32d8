namespace AgiIdent.Fake1C;

/// <summary>Fresh infobases for the tests (one per preset, small and messy) and for the benchmark (large and regular).</summary>
public static class Fake1CDatasets
{
    /// <summary>Управление торговлей 11: partners, counterparties, contact persons, users, debts in hryvnia and dollars (see <see cref="Ut11Facts"/>).</summary>
    public static Fake1CInfobase Ut11() => Ut11Dataset.Build();

    /// <summary>Бухгалтерия предприятия 3.0: counterparties, contact persons, accounting-register debts (see <see cref="Bp30Facts"/>).</summary>
    public static Fake1CInfobase Bp30() => Bp30Dataset.Build();

    /// <summary>Управление нашей фирмой 3.0: counterparties, employees, users with telephony settings, debts (see <see cref="Unf3Facts"/>).</summary>
    public static Fake1CInfobase Unf3() => Unf3Dataset.Build();

    /// <summary>UT11-shaped data of <paramref name="customers"/> partners with <paramref name="phonesPerCustomer"/> phones each (see <see cref="Fake1CLargeInfobase"/>).</summary>
    public static Fake1CLargeInfobase Large(int customers, int phonesPerCustomer) => new(customers, phonesPerCustomer);
}
