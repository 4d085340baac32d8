using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AgiIdent.Settings;

namespace AgiIdent.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static AgiIdentOptions Bind(params (string Key, string Value)[] values) =>
        AgiIdentConfiguration.Bind(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_AreLoopbackAndTheDocumentedValues()
    {
        var options = Bind();
        Assert.Equal("127.0.0.1:4573", options.ListenEndPoint.ToString());
        Assert.Equal(1000, options.MaxSessions);
        Assert.Equal(300, options.SessionBudgetMs);
        Assert.Equal(DirectorySource.File, options.Directory.Source);
        var filter = new ClientFilter(options.AllowedNetworks);
        Assert.True(filter.IsAllowed(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1)));
        Assert.True(filter.IsAllowed(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("::ffff:127.0.0.1"), 1)));
        Assert.False(filter.IsAllowed(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.168.1.10"), 1)));
    }

    [Fact]
    public void AllowedClients_AsOneCommaSeparatedString_IsAList()
    {
        var options = Bind(("AgiIdent:AllowedClients", "10.0.0.0/8, 192.168.5.7/32"));
        var filter = new ClientFilter(options.AllowedNetworks);
        Assert.True(filter.IsAllowed(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.168.5.7"), 1)));
        Assert.False(filter.IsAllowed(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1)));
    }

    [Fact]
    public void EveryBadKey_IsReportedAtOnce()
    {
        var error = Assert.Throws<ConfigurationErrorsException>(() => Bind(
            ("AgiIdent:MaxSessions", "0"),
            ("AgiIdent:Listen", "nowhere"),
            ("AgiIdent:Display:Nonsense", "1")));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Display:", StringComparison.Ordinal) && e.Contains("unknown key", StringComparison.Ordinal));

        var values = Assert.Throws<ConfigurationErrorsException>(() => Bind(("AgiIdent:MaxSessions", "0"), ("AgiIdent:Listen", "nowhere")));
        Assert.Contains(values.Errors, e => e.StartsWith("AgiIdent:MaxSessions:", StringComparison.Ordinal));
        Assert.Contains(values.Errors, e => e.StartsWith("AgiIdent:Listen:", StringComparison.Ordinal));
    }

    [Fact]
    public void ProtocolCommands_IsArrayByDefault_AndSingleWhenSet()
    {
        Assert.Equal(AgiIdent.Agi.AgiVariableCommands.Array, Bind().Protocol.Commands);
        Assert.Equal(AgiIdent.Agi.AgiVariableCommands.Single, Bind(("AgiIdent:Protocol:Commands", "Single")).Protocol.Commands);
    }

    [Theory]
    [InlineData("AgiIdent:Protocol:Commands", "Multi")]
    [InlineData("AgiIdent:Protocol:Commands", "7")]
    [InlineData("AgiIdent:Protocol:Command", "Array")]
    public void ProtocolSection_BadValueOrUnknownKey_StopsStartupNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<ConfigurationErrorsException>(() => Bind((key, value)));

        Assert.Contains(error.Errors, e => e.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("DE", "030 12345678", "493012345678")]
    [InlineData("us", "(212) 812-0000", "12128120000")]
    [InlineData("UA", "80441234567", "380441234567")]
    public void NumberingCountry_AnyIsoRegion_ReadsItsNumbers(string country, string caller, string e164)
    {
        var numbers = Bind(("AgiIdent:Numbering:Country", country)).CreateNumberParser();
        numbers.ParseCaller(caller, out var number);
        Assert.Equal(e164, number);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("Germany")]
    public void NumberingCountry_NotARegion_StopsStartupNamingTheKey(string country)
    {
        var error = Assert.Throws<ConfigurationErrorsException>(() => Bind(("AgiIdent:Numbering:Country", country)));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Numbering:Country:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("? {name}", "not 'name'")]
    [InlineData("? {place", "expected '}'")]
    [InlineData("?", "at least one {field}")]
    public void UnknownTemplate_WithPartyFieldsOrBadSyntax_StopsStartupNamingTheKey(string template, string reason)
    {
        var error = Assert.Throws<ConfigurationErrorsException>(() => Bind(("AgiIdent:Display:UnknownTemplate", template)));
        Assert.Contains(error.Errors, e => e.StartsWith("AgiIdent:Display:UnknownTemplate:", StringComparison.Ordinal) && e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownTemplate_IsEmptyByDefault()
    {
        var options = Bind();
        var screens = ScreenProfileFactory.Create(options.Display, options.Numbering);
        Assert.Equal(string.Empty, Bind().Display.UnknownTemplate);
        Assert.Null(screens.Default.UnknownTemplate);
    }

    [Theory]
    [InlineData("AgiIdent:Directory:RefreshSeconds", "0", "AgiIdent:Directory:RefreshSeconds: 0 is out of range; allowed 1..86400")]
    [InlineData("AgiIdent:Sync:OData:PageSize", "0", "AgiIdent:Sync:OData:PageSize: 0 is out of range; allowed 1..10000 (objects per request)")]
    [InlineData("AgiIdent:Numbering:Country", "XX", "AgiIdent:Numbering:Country: 'XX' is not a region")]
    [InlineData("AgiIdent:Rules:0:When", "debt <", "AgiIdent:Rules:0:Set: rule '#1' sets nothing")]
    public void HostStart_ValidatesEachFeaturesSection_NamingTheKey(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]).Build();
        using var services = new ServiceCollection().AddAgiIdentOptions(configuration).BuildServiceProvider();

        // What ValidateOnStart has the host run before it serves.
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, e => e.StartsWith(message, StringComparison.Ordinal));
    }
}
