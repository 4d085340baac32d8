using System.Text;
using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Tests.Directory;

/// <summary>The CSV directory format as README documents it, and what a bad file gets: a line number and nothing lost.</summary>
public sealed class DirectoryCsvTests
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [Fact]
    public void EverythingReadmeDocuments_IsReadAsDocumented()
    {
        // A BOM, Windows line ends, a header in another case with spaces, quoted fields with commas, doubled quotes
        // and a line break, an unquoted field with quotes in it, flags split on ';', attr: columns, a party over two
        // rows, a blank line, and no line end after the last row.
        const string csv = "\uFEFFID, Name ,kind,flags,debt,deleted,changed,phone,phone_kind,contact,attr:hint\r\n" +
            "c-1,\"ТОВ \"\"Кома, і лапки\"\"\",company, VIP ; Prepayment ;,100.50,false,2026-10-01T09:30:00Z,+38 (044) 700-00-01,phone,,\"Дзвонити\r\nзранку\"\r\n" +
            "\r\n" +
            "c-1,,,,,,,067 700 00 02,mobile,Мельник Андрій,\r\n" +
            "c-2,ТОВ \"Ромашка\",person,,,yes,,0447000003,,,";
        var content = DirectoryCsv.Read(new StringReader(csv), Numbers);

        Assert.Empty(content.Rejects);
        Assert.Equal(["c-1", "c-2"], content.Parties.Select(p => p.Id));
        var first = content.Parties[0];
        Assert.Equal("ТОВ \"Кома, і лапки\"", first.Name);
        Assert.Equal(PartyKind.Company, first.Kind);
        Assert.Equal(["VIP", "Prepayment"], first.Flags);
        Assert.Equal(100.50m, first.Debt);
        Assert.False(first.Deleted);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 9, 30, 0, TimeSpan.Zero), first.Changed);
        Assert.Equal("Дзвонити\r\nзранку", first.Attributes["hint"]);
        Assert.Equal(["+38 (044) 700-00-01", "067 700 00 02"], first.Phones.Select(p => p.Raw));
        Assert.Equal("Мельник Андрій", first.Phones[1].Contact);
        Assert.Equal("mobile", first.Phones[1].Kind);
        var second = content.Parties[1];
        Assert.Equal("ТОВ \"Ромашка\"", second.Name);
        Assert.Equal(PartyKind.Person, second.Kind);
        Assert.True(second.Deleted);
        Assert.Equal("380447000003", Assert.Single(Assert.Single(second.Phones).Numbers).E164);
    }

    [Fact]
    public void UnclosedQuote_IsReportedAtTheLineWhereItOpened_AndNothingIsRead()
    {
        // The quote of line 3 is never closed: every later quote pairs with the wrong one and the file ends inside a
        // field. A reader that only knows where it stopped would name line 4 or the end of the file.
        const string csv = "id,name,phone\n" +
            "c-1,\"Перший\",0447000001\n" +
            "c-2,\"ТОВ Ромашка,0447000002\n" +
            "c-3,\"Третій\",0447000003\n" +
            "c-4,Четвертий,0447000004\n";
        var error = Assert.Throws<InvalidDataException>(() => DirectoryCsv.Read(new StringReader(csv), Numbers));
        Assert.StartsWith("line 3: the quote that opens field 2 (\"name\") is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedQuote_InTheLastField_IsReportedAtItsLine()
    {
        const string csv = "id,name,contact\nc-1,Перший,\nc-2,Другий,\"Мельник\n";
        var error = Assert.Throws<InvalidDataException>(() => DirectoryCsv.Read(new StringReader(csv), Numbers));
        Assert.StartsWith("line 3: the quote that opens field 3 (\"contact\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedFieldNotClosedWhereItEnds_IsRejectedAtItsLine_TheRestLoads()
    {
        const string csv = "id,name,phone\nc-1,\"Ромашка\" ТОВ,0447000001\nc-2,Другий,0447000002\n";
        var content = DirectoryCsv.Read(new StringReader(csv), Numbers);
        Assert.Equal("c-2", Assert.Single(content.Parties).Id);
        var reject = Assert.Single(content.Rejects);
        Assert.StartsWith("line 2 (c-1): the quote that opens field 2 (\"name\") is not closed where the field ends", reject.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_AreListedInFileOrder()
    {
        // Row problems (field count, empty id) are found while reading, a party's own (kind, phones) once all its
        // rows are in: the list is still in line order.
        const string csv = "id,name,kind,phone\n" +
            "c-1,Робот,robot,0447000001\n" +
            ",Без коду,company,0447000002\n" +
            "c-3,Телефон,company,Иван Петрович\n" +
            "c-4,Ширина,company\n" +
            "c-3,,,не номер\n" +
            "c-5,Добре,company,0447000005\n";
        var content = DirectoryCsv.Read(new StringReader(csv), Numbers);
        Assert.Equal(["c-3", "c-5"], content.Parties.Select(p => p.Id));
        Assert.Equal([2, 3, 4, 5, 6], content.Rejects.Select(r => r.Line!.Value));
        Assert.StartsWith("line 2 (c-1): \"kind\" is 'robot'", content.Rejects[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("line 5 (c-4): 3 fields where the header has 4", content.Rejects[3].ToString());
    }

    [Fact]
    public void HeaderOnly_HoldsNoParty_AndAnEmptyFileIsAnError()
    {
        Assert.Empty(DirectoryCsv.Read(new StringReader("id,name,phone\n"), Numbers).Parties);
        var error = Assert.Throws<InvalidDataException>(() => DirectoryCsv.Read(new StringReader(string.Empty), Numbers));
        Assert.Contains("the CSV file is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonPartiesWithAWrongType_AreSkippedWithTheirPositionAndKey_TheRestLoads()
    {
        const string json = """
            { "parties": [
              { "id": "a", "name": "Перший", "phones": [ { "number": "0447000001" } ] },
              { "id": "b", "name": "Другий", "phones": 5 },
              { "id": "c", "name": "Третій", "code": {} },
              { "id": {}, "name": "Четвертий" },
              { "id": ["d"], "name": "П'ятий" },
              { "id": "e", "name": "Шостий", "manager": "Коваленко" },
              { "id": "f", "name": "Сьомий", "phones": [ { "number": "0447000007" } ] }
            ] }
            """;
        var content = DirectoryJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Numbers);

        Assert.Equal(["a", "f"], content.Parties.Select(p => p.Id));
        Assert.Equal([0, 6], content.Positions!);
        Assert.Equal(
            [
                "party #2 (b): \"phones\" is not an array",
                "party #3 (c): \"code\" is not a string",
                "party #4: \"id\" is not a string",
                "party #5: \"id\" is not a string",
                "party #6 (e): \"manager\" is not an object",
            ],
            content.Rejects.Select(r => r.ToString()));
    }

    [Theory]
    [InlineData("12500.00", "12500.00")]
    [InlineData("12500,00", "12500.00")]
    [InlineData("12 500,50", "12500.50")]
    [InlineData("12,500.50", "12500.50")]
    [InlineData("-620,5", "-620.5")]
    public void Regression_DecimalComma_IsTheDecimalPoint(string text, string expected)
    {
        Assert.True(DecimalText.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void Regression_CsvDebtWithADecimalComma_IsNotAHundredTimesLarger()
    {
        var content = DirectoryCsv.Read(new StringReader("id,name,debt\nx,Name,\"12500,00\"\n"), Numbers);
        Assert.Equal(12500m, Assert.Single(content.Parties).Debt);
    }
}
