namespace AgiIdent.Directory;

/// <summary>
/// What a <see cref="CallerField"/>'s value is. Rules see the value as the directory has it; the screen writes it by its
/// type, the same way for every field of that type.
/// </summary>
public enum CallerFieldType
{
    /// <summary>A code or an identifier, shown as it is (<c>00-000123</c>, <c>101</c>, <c>mobile</c>).</summary>
    Code,

    /// <summary>Text typed in 1C; the screen writes its quotes plain and its spaces single.</summary>
    Text,

    /// <summary>A party's name; the screen writes its short form (the 1C short name, or the legal form abbreviated).</summary>
    PartyName,

    /// <summary>A person's name; the screen writes it with initials (<c>Мельник А.П.</c>).</summary>
    PersonName,

    /// <summary>A list of texts; the screen writes it comma-separated.</summary>
    List,

    /// <summary>An amount (<c>12500.5</c>); rules compare it as a number.</summary>
    Amount,

    /// <summary>A count; rules compare it as a number.</summary>
    Count,

    /// <summary>A number in E.164 digits (<c>380441234567</c>); the screen writes it with a <c>+</c>.</summary>
    Phone,
}
