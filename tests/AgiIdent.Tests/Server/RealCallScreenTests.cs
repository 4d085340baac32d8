namespace AgiIdent.Tests.Server;

/// <summary>What real calls through a real Asterisk showed (issue 15), through real FastAGI sessions.</summary>
public sealed class RealCallScreenTests : IDisposable
{
    private const string Directory = """
        { "parties": [
          { "id": "old", "code": "D-1", "name": "Стара Ромашка", "deleted": true, "phones": [ { "number": "044 235 00 11" } ] },
          { "id": "live", "code": "L-1", "name": "Ромашка", "phones": [ { "number": "(044) 235-00-11" } ] },
          { "id": "gone", "code": "D-2", "name": "Лише видалений", "deleted": true, "phones": [ { "number": "067 111 22 33" } ] },
          { "id": "gone2", "code": "D-3", "name": "Теж видалений", "deleted": true, "phones": [ { "number": "+380671112233" } ] }
        ] }
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"agiident-realcall-{Guid.NewGuid():N}.json");

    public RealCallScreenTests() => File.WriteAllText(_file, Directory);

    public void Dispose() => File.Delete(_file);

    private Task<TestServer> StartAsync(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["AgiIdent:Directory:File"] = _file };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return TestServer.StartAsync(values);
    }

    [Fact]
    public async Task DeletedDuplicate_BesideALiveParty_IsNeitherCountedNorMarked()
    {
        await using var server = await StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0442350011");
        Assert.Equal("L-1", variables["AGIIDENT_CODE"]);
        Assert.Equal("1", variables["AGIIDENT_MATCHES"]);
        Assert.Equal("Ромашка", variables["CALLERID(name)"]);
    }

    [Fact]
    public async Task NumberOnlyDeletedPartiesHave_StillNamesThem()
    {
        await using var server = await StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0671112233");
        Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);
        Assert.Equal("2", variables["AGIIDENT_MATCHES"]);
        Assert.StartsWith("Лише видалений", variables["CALLERID(name)"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("89161234567", "79161234567")]
    [InlineData("80442350011", "380442350011")]
    [InlineData("+380442350011", "380442350011")]
    public async Task AgiIdentNumber_IsE164_WhateverFormTheTrunkSent(string caller, string e164)
    {
        await using var server = await StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, caller);
        Assert.Equal(e164, variables["AGIIDENT_NUMBER"]);
    }

    [Fact]
    public async Task InvalidNumber_IsAnonymous()
    {
        await using var server = await StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0000000000");
        Assert.Equal("ANONYMOUS", variables["AGIIDENT_STATUS"]);
        Assert.False(variables.ContainsKey("AGIIDENT_NUMBER"));
    }

    [Fact]
    public async Task NumberTypeAndRegion_AreFactsForWhenAndTemplates()
    {
        await using var server = await StartAsync(
            ("AgiIdent:Rules:0:Name", "foreign-mobile"),
            ("AgiIdent:Rules:0:When", "region != 'UA' and number_type == 'mobile'"),
            ("AgiIdent:Rules:0:Set:AGIIDENT_ROUTE", "foreign-{region}-{number_type}"),
            ("AgiIdent:Display:Template", "{name} {region}"));
        var foreign = await FakeAsterisk.CallAsync(server.EndPoint, "89161234567");
        Assert.Equal("foreign-RU-mobile", foreign["AGIIDENT_ROUTE"]);

        var home = await FakeAsterisk.CallAsync(server.EndPoint, "0442350011");
        Assert.False(home.ContainsKey("AGIIDENT_ROUTE"));
        Assert.Equal("Ромашка UA", home["CALLERID(name)"]);
    }

    [Theory]
    [InlineData("? {place}", "0442350099", "? м. Київ")]
    [InlineData("? {place}", "0322971122", "? Брюховичі/Львів")]
    [InlineData("? {place}", "0677000001", "? Україна")]
    [InlineData("? {region} {number_type}", "0800500500", "? UA tollfree")]
    [InlineData("? {region} {number_type}", "+48226143790", "? PL fixed")]
    public async Task UnknownCaller_GetsTheHintOfTheTemplate(string template, string caller, string screen)
    {
        await using var server = await StartAsync(("AgiIdent:Display:UnknownTemplate", template));
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, caller);
        Assert.Equal("NOTFOUND", variables["AGIIDENT_STATUS"]);
        Assert.Equal(screen, variables["CALLERID(name)"]);
    }

    [Theory]
    [InlineData("PL", "226143790", "? Warszawa")]
    [InlineData("RU", "88123456789", "? г. Санкт-Петербург")]
    [InlineData("BY", "80171234567", "? Минск")]
    [InlineData("DE", "00493012345678", "? Berlin")]
    [InlineData("RU", "810493012345678", "? Berlin")]
    public async Task UnknownCaller_PlaceIsInTheLanguageOfTheNumberingCountry(string country, string caller, string screen)
    {
        await using var server = await StartAsync(("AgiIdent:Numbering:Country", country), ("AgiIdent:Display:UnknownTemplate", "? {place}"));
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, caller);
        Assert.Equal("NOTFOUND", variables["AGIIDENT_STATUS"]);
        Assert.Equal(screen, variables["CALLERID(name)"]);
    }

    [Fact]
    public async Task UnknownCaller_OnALatinScreen_PlaceIsInEnglish()
    {
        await using var server = await StartAsync(("AgiIdent:Display:UnknownTemplate", "? {place}"), ("AgiIdent:Display:Transliterate", "true"));
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0442350099");
        Assert.Equal("? Kyiv city", variables["CALLERID(name)"]);
    }

    [Fact]
    public async Task UnknownTemplate_KnownCallersKeepTheirScreen()
    {
        await using var server = await StartAsync(("AgiIdent:Display:UnknownTemplate", "? {place}"));
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0442350011");
        Assert.Equal("Ромашка", variables["CALLERID(name)"]);
    }
}
