namespace AgiIdent.Tests.Server;

/// <summary>Numbers, screens, profiles and rules through real FastAGI sessions.</summary>
public sealed class IdentificationQualityTests
{
    private static readonly Dictionary<string, string?> ProfilesAndRules = new()
    {
        ["AgiIdent:Display:Profiles:accounting:Extensions:0"] = "201-209",
        ["AgiIdent:Display:Profiles:accounting:Template"] = "{name} {debt}",
        ["AgiIdent:Display:Profiles:accounting:MaxLength"] = "30",
        ["AgiIdent:Display:Profiles:latin:Extensions:0"] = "300",
        ["AgiIdent:Display:Profiles:latin:Transliterate"] = "true",
        ["AgiIdent:Rules:0:Name"] = "vip",
        ["AgiIdent:Rules:0:When"] = "flags has 'VIP' and debt < 100000",
        ["AgiIdent:Rules:0:Set:AGIIDENT_ROUTE"] = "vip",
        ["AgiIdent:Rules:0:Set:CHANNEL(language)"] = "{language}",
        ["AgiIdent:Rules:0:Stop"] = "true",
        ["AgiIdent:Rules:1:Name"] = "kyiv-unknown",
        ["AgiIdent:Rules:1:When"] = "status == 'NOTFOUND' and tenant == 'kyiv'",
        ["AgiIdent:Rules:1:Set:AGIIDENT_ROUTE"] = "kyiv-reception",
    };

    [Fact]
    public async Task StoredWithoutCountryCode_IsFoundByItsLastNationalDigits()
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "+79165550808");
        Assert.Equal("T-008", variables["AGIIDENT_CODE"]);
        Assert.Equal("Московский клиент", variables["CALLERID(name)"]);
    }

    [Fact]
    public async Task SharedNumber_MostRecentlyChangedFirst()
    {
        await using var server = await TestServer.StartAsync();
        var variables = await FakeAsterisk.CallAsync(server.EndPoint, "0445550909");
        Assert.Equal("T-010", variables["AGIIDENT_CODE"]);
        Assert.Equal("New Branch +1", variables["CALLERID(name)"]);
        Assert.Equal("2", variables["AGIIDENT_MATCHES"]);
    }

    [Fact]
    public async Task Rules_SetRouteAndDialplanFunctions_OverTheWire()
    {
        await using var server = await TestServer.StartAsync(ProfilesAndRules);
        var vip = await FakeAsterisk.CallAsync(server.EndPoint, "0445550101");
        Assert.Equal("vip", vip["AGIIDENT_ROUTE"]);
        Assert.Equal("uk", vip["CHANNEL(language)"]);

        var unknown = await FakeAsterisk.CallAsync(server.EndPoint, "0449998877", "ident?tenant=kyiv");
        Assert.Equal("kyiv-reception", unknown["AGIIDENT_ROUTE"]);

        var elsewhere = await FakeAsterisk.CallAsync(server.EndPoint, "0449998877", "ident?tenant=lviv");
        Assert.False(elsewhere.ContainsKey("AGIIDENT_ROUTE"));
    }

    [Theory]
    [InlineData("205", "ТОВ \"Тест-Сервіс\" 1234.5")]
    [InlineData("300", "$* TOV \"Test-Servis\"")]
    [InlineData("101", "$* ТОВ \"Тест-Сервіс\"")]
    public async Task RingingPhone_ReadsConnectedLine_AndSetsItsOwnScreen(string extension, string screen)
    {
        await using var server = await TestServer.StartAsync(ProfilesAndRules);
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        // On the phone's leg agi_callerid is the dialled DID, not the caller: the server must not use it.
        await fake.SendAsync(FakeAsterisk.Environment("0443334455", $"ident?for={extension}"));
        var variables = await fake.AnswerAllAsync(channel: new Dictionary<string, string> { ["CONNECTEDLINE(num)"] = "+380445550101" });

        Assert.Equal("GET VARIABLE CONNECTEDLINE(num)", fake.Commands[0]);
        Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "FOUND", ["CONNECTEDLINE(name,i)"] = screen }, variables);
    }

    [Fact]
    public async Task RingingPhone_WithoutConnectedLine_IsAnonymous_AndLeavesTheScreenAlone()
    {
        await using var server = await TestServer.StartAsync(ProfilesAndRules);
        await using var fake = await FakeAsterisk.ConnectAsync(server.EndPoint);
        await fake.SendAsync(FakeAsterisk.Environment("0445550101", "ident?for=205"));
        var variables = await fake.AnswerAllAsync(channel: new Dictionary<string, string>());
        Assert.Equal(new Dictionary<string, string> { ["AGIIDENT_STATUS"] = "ANONYMOUS" }, variables);
    }
}
