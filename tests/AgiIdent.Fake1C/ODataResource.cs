namespace AgiIdent.Fake1C;

/// <summary>
/// The decoded resource path of a request: a set name and, for a register's virtual table, its parameters, as in
/// <c>AccountingRegister_Хозрасчетный/Balance(AccountCondition='Account/Code eq ''62.01''')</c>.
/// </summary>
internal sealed record ODataResource(string EntitySet, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The property an <c>AccountCondition</c> compares: the account's code, which rows keep in <see cref="AccountField"/>.</summary>
    public const string AccountCodePath = "Account/Code";

    /// <summary>The hidden field of an accounting-register balance row that holds its account's code.</summary>
    public const string AccountField = "@Account";

    public static string SetName(string resource)
    {
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? resource : resource[..open];
    }

    public static ODataResource Parse(string resource)
    {
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return new ODataResource(resource, new Dictionary<string, string>());
        }

        if (!resource.EndsWith(')'))
        {
            throw ODataRequestException.BadRequest($"Неправильные параметры виртуальной таблицы: '{resource[open..]}'");
        }

        return new ODataResource(resource[..open], ParseParameters(resource[(open + 1)..^1]));
    }

    /// <summary>
    /// The register's condition as a filter: <c>Condition</c> over its fields, <c>AccountCondition</c> over the
    /// account's code; other parameters of 1C's virtual tables (<c>Period</c>, <c>Dimensions</c>) change nothing here.
    /// </summary>
    public FilterNode? Condition(Fake1CEntitySet set)
    {
        FilterNode? condition = null;
        foreach (var (name, value) in Parameters)
        {
            FilterNode? part = name switch
            {
                "Condition" => ODataFilterParser.Parse(value, set.ServedColumn),
                "AccountCondition" => ODataFilterParser.Parse(value, field => field == AccountCodePath
                    ? set.AnyColumn(AccountField)
                    : throw ODataRequestException.UnknownProperty(field)),
                "Period" or "Dimensions" or "ExtraDimensions" => null,
                _ => throw ODataRequestException.BadRequest($"Неизвестный параметр виртуальной таблицы '{name}'"),
            };
            if (part is not null)
            {
                condition = condition is null ? part : new AndNode([condition, part]);
            }
        }

        return condition;
    }

    private static Dictionary<string, string> ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                throw ODataRequestException.BadRequest($"Неправильные параметры виртуальной таблицы: '{text}'");
            }

            var name = text[position..equals].Trim();
            position = equals + 1;
            var value = new System.Text.StringBuilder();
            var quoted = false;
            // A value runs to the next comma outside quotes; 1C quotes conditions and doubles the quotes inside them.
            while (position < text.Length && (quoted || text[position] != ','))
            {
                var c = text[position++];
                if (c == '\'')
                {
                    if (quoted && position < text.Length && text[position] == '\'')
                    {
                        value.Append('\'');
                        position++;
                        continue;
                    }

                    quoted = !quoted;
                    continue;
                }

                value.Append(c);
            }

            if (quoted)
            {
                throw ODataRequestException.BadRequest($"Незакрытая кавычка в параметрах виртуальной таблицы: '{text}'");
            }

            parameters[name] = value.ToString().Trim();
            position++;
        }

        return parameters;
    }
}
