using AgiIdent.Hosting;
using Microsoft.Extensions.Configuration;

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
        Assert.Equal(string.Empty, Bind().Display.UnknownTemplate);
        Assert.Null(Bind().Screens.Default.UnknownTemplate);
    }
}
