using System.Text.RegularExpressions;
using AgiIdent.Contract;
using AgiIdent.CallerId;
using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Numbering;
using AgiIdent.Rules;

namespace AgiIdent.Tests.Directory;

/// <summary>The one field vocabulary of screen templates and rules: a name means the same in both, and both bind it when parsed.</summary>
public sealed partial class CallerFieldsTests
{
    private static readonly Party Romashka = new("id-1", "000123", PartyKind.Company, "Товариство з обмеженою відповідальністю «Ромашка»", null,
        ["VIP", "Prepayment"], 12500.5m, new Manager("Коваленко Олена Миколаївна", "101"), "uk", "agiident/romashka",
        new Dictionary<string, string> { ["segment"] = "Опт", ["hint"] = "Тільки передоплата" }, false,
        [new PartyPhone("+380441234567", null, "Мельник Андрій Петрович", [new StoredNumber("380441234567", "441234567")])]);

    private static readonly CallerNumber Kyiv = new("380441234567", "fixed", "UA");

    private static readonly ScreenProfile Wide = new("default", ScreenTemplate.Parse("{name}"), new ScreenWidth(200, null), [new("VIP", "*")], false, []);

    /// <summary>Every field both may name, as the screen writes it and as a rule's <c>{field}</c> gives it.</summary>
    public static TheoryData<string, string, string> SharedFields => new()
    {
        { "name", "ТОВ \"Ромашка\"", "Товариство з обмеженою відповідальністю «Ромашка»" },
        { "manager", "Коваленко О.М.", "Коваленко Олена Миколаївна" },
        { "contact", "Мельник А.П.", "Мельник Андрій Петрович" },
        { "number", "+380441234567", "380441234567" },
        { "code", "000123", "000123" },
        { "manager_ext", "101", "101" },
        { "flags", "VIP,Prepayment", "VIP,Prepayment" },
        { "debt", "12500.5", "12500.5" },
        { "number_type", "fixed", "fixed" },
        { "region", "UA", "UA" },
        { "attributes.segment", "Опт", "Опт" },
    };

    [Theory]
    [MemberData(nameof(SharedFields))]
    public void SharedField_ReadsTheSameValue_TheScreenWritesItShort(string field, string screen, string rule)
    {
        Assert.Equal(screen, Screen("{" + field + "}"));
        Assert.Equal(rule, Rule("{" + field + "}"));
    }

    [Fact]
    public void EveryFieldBothMayName_HasItsSharedMeaningPinned()
    {
        var pinned = SharedFields.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var shared = CallerFields.All.Where(static f => f.IsFor(CallerFieldUse.Both)).Select(static f => Example(f.Name));
        Assert.Equal(shared.Order(StringComparer.Ordinal), pinned.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryField_IsReadWhereUsersMayWriteIt_AndRefusedElsewhere()
    {
        foreach (var name in CallerFields.All.Select(static f => Example(f.Name)))
        {
            var field = CallerFields.All.First(f => Example(f.Name) == name);
            if (field.IsFor(CallerFieldUse.Screen))
            {
                Assert.NotNull(Screen("{" + name + "}"));
                Assert.NotNull(ScreenComposer.Compose(Wide with { Template = ScreenTemplate.Parse("x{" + name + "}") }, Match(Romashka), 0, Kyiv));
            }
            else
            {
                Assert.Contains($"not '{name}'", Assert.Throws<TemplateException>(() => ScreenTemplate.Parse("{" + name + "}")).Message, StringComparison.Ordinal);
            }

            if (field.IsFor(CallerFieldUse.Rules))
            {
                var condition = RuleExpression.Compile(name);
                _ = condition.Evaluate(Facts(Romashka));
                _ = condition.Evaluate(Facts(null));
                Assert.NotNull(Rule("{" + name + "}"));
            }
            else
            {
                Assert.Contains($"not '{name}'", Assert.Throws<RuleSyntaxException>(() => RuleExpression.Compile(name)).Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void UnknownField_InATemplate_NamesItAndListsTheTemplatesFields()
    {
        var message = Assert.Throws<TemplateException>(() => ScreenTemplate.Parse("{name} {manger}")).Message;
        AssertNamesAndLists(message, "column 9: expected a field (", CallerFieldUse.Screen, elsewhereOnly: "status");
    }

    [Fact]
    public void UnknownFact_InARule_NamesItAndListsTheRulesFacts()
    {
        var errors = new List<string>();
        RuleSet.Compile([new RuleOptions { Name = "sales", When = "manger != ''", Set = { ["AGIIDENT_ROUTE"] = "{manager_ext}" } }], errors);
        AssertNamesAndLists(Assert.Single(errors), "AgiIdent:Rules:0:When: rule 'sales': column 1: expected a fact (", CallerFieldUse.Rules, elsewhereOnly: "marks");
    }

    [Fact]
    public void AttributesWithoutAName_IsRefusedInATemplate_AsInARule()
    {
        // A template used to take "{attributes.}" and show nothing for it; a rule has always refused "attributes.".
        Assert.Contains("not 'attributes.'", Assert.Throws<TemplateException>(() => ScreenTemplate.Parse("{name}[ {attributes.}]")).Message, StringComparison.Ordinal);
        Assert.Contains("not 'attributes.'", Assert.Throws<RuleSyntaxException>(() => RuleExpression.Compile("attributes. == ''")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeFieldTable_ListsEveryField_WhereUsersMayWriteIt()
    {
        var readme = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("## Fields of a call", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no 'Fields of a call' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var documented = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in readme[start..end].Split('\n').Where(static l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            var where = cells[^2].Trim();
            foreach (Match name in Backticked().Matches(cells[1]))
            {
                documented.Add(name.Groups[1].Value, where);
            }
        }

        var expected = CallerFields.All.ToDictionary(
            static f => f.Name,
            static f => f.Use switch { CallerFieldUse.Both => "both", CallerFieldUse.Screen => "screen", _ => "rules" },
            StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(static e => e.Key, StringComparer.Ordinal), documented.OrderBy(static e => e.Key, StringComparer.Ordinal));
    }

    private static void AssertNamesAndLists(string message, string start, CallerFieldUse use, string elsewhereOnly)
    {
        Assert.StartsWith(start, message, StringComparison.Ordinal);
        Assert.Contains("not 'manger'", message, StringComparison.Ordinal);
        foreach (var field in CallerFields.All.Where(f => f.IsFor(use)))
        {
            Assert.Contains(field.Name, message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(elsewhereOnly, message, StringComparison.Ordinal);
    }

    private static string Example(string name) => name switch
    {
        "attributes.NAME" => "attributes.segment",
        "options.NAME" => "options.campaign",
        _ => name,
    };

    private static PartyMatch Match(Party party) => new(party, party.Phones[0]);

    private static string Screen(string template) =>
        ScreenComposer.Compose(Wide with { Template = ScreenTemplate.Parse(template) }, Match(Romashka), 1, Kyiv);

    private static string Rule(string value)
    {
        var errors = new List<string>();
        var rules = RuleSet.Compile([new RuleOptions { Name = "show", Set = { ["AGIIDENT_SHOWN"] = value } }], errors);
        Assert.Empty(errors);
        return Assert.Single(rules.Evaluate(Facts(Romashka))).Value;
    }

    private static RuleFacts Facts(Party? party)
    {
        var identification = party is null
            ? new Identification(IdentStatus.NotFound, "380449999999", [], "snapshot", null)
            : new Identification(IdentStatus.Found, Kyiv.E164, [Match(party)], "snapshot", "screen") { NumberType = Kyiv.Type, Region = Kyiv.Region };
        return new RuleFacts(identification, "0443334455", "CALLER", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["campaign"] = "spring" });
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
