using System.Text;
using AgiIdent.Directory;
using AgiIdent.Numbering;
using AgiIdent.Tests.Server;

namespace AgiIdent.Tests.Directory;

public sealed class DirectoryJsonTests
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    [Fact]
    public void BadRows_AreReportedAndSkipped_TheRestLoads()
    {
        var directory = FileDirectory.Load(TestServer.FixtureDirectory, Numbers);

        Assert.Equal(9, directory.Snapshot.Parties.Count);
        Assert.Contains(directory.Rejects, r => r.Index == 5 && r.Reason.Contains("\"id\" is missing", StringComparison.Ordinal));
        var junk = Assert.Single(directory.Rejects, r => r.PartyId == "77777777-7777-4777-8777-777777777777");
        Assert.Contains("Иван Петрович", junk.Reason, StringComparison.Ordinal);
        Assert.Single(directory.Snapshot.Find("74955550707"));
    }

    [Fact]
    public void Regression_AFileStartingWithAByteOrderMark_IsRead()
    {
        // Notepad and PowerShell's Out-File write UTF-8 with a BOM; the streamed reader skips it as JsonDocument did.
        var json = "{\"parties\":[{\"id\":\"a\",\"code\":\"T-1\",\"name\":\"Ромашка\",\"phones\":[{\"number\":\"044 555 01 01\"}]}]}";
        using var stream = new MemoryStream([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)]);

        var content = DirectoryJson.Read(stream, Numbers);

        Assert.Empty(content.Rejects);
        Assert.Equal("Ромашка", Assert.Single(content.Parties).Name);
    }

    [Fact]
    public void EmbeddedDemoDirectory_IsRealisticAndLoadsWithoutRejectingParties()
    {
        var demo = FileDirectory.Load(null, Numbers);

        Assert.True(demo.IsDemo);
        Assert.True(demo.Snapshot.Parties.Count >= 50);
        Assert.DoesNotContain(demo.Rejects, r => !r.Reason.StartsWith("phone left out", StringComparison.Ordinal) && !r.Reason.StartsWith("part of a phone", StringComparison.Ordinal));
        Assert.Contains(demo.Snapshot.Parties, p => p.Deleted);
        Assert.Contains(demo.Snapshot.Parties, p => p.Kind == PartyKind.Person);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", demo.Snapshot.Find("380441234567")[0].Party.Id);
        Assert.Equal(2, demo.Snapshot.Find("380322456789").Count);
    }

    [Fact]
    public void DeletedDuplicate_RanksAfterTheActiveParty_WhateverTheFileOrder()
    {
        const string json = """
            { "parties": [
              { "id": "a", "name": "Old", "deleted": true, "phones": [ { "number": "0441112233" } ] },
              { "id": "b", "name": "Company", "phones": [ { "number": "0441112233" } ] },
              { "id": "c", "name": "Person", "phones": [ { "number": "044 111 22 33", "contact": "Contact" } ] }
            ] }
            """;
        var snapshot = new DirectorySnapshot(DirectoryJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Numbers).Parties, Numbers);
        Assert.Equal(["c", "b", "a"], snapshot.Find("380441112233").Select(m => m.Party.Id));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"people\": []}")]
    public void NotADirectory_FailsAsAWhole(string json) =>
        Assert.Throws<InvalidDataException>(() => DirectoryJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Numbers));

    [Theory]
    [InlineData("{\"id\": \"x\"}", "\"name\" is missing")]
    [InlineData("{\"id\": \"x\", \"name\": \"n\", \"kind\": \"robot\"}", "'robot'")]
    [InlineData("{\"id\": \"x\", \"name\": \"n\", \"debt\": \"lots\"}", "\"debt\" is not a number")]
    [InlineData("{\"id\": \"x\", \"name\": \"n\", \"flags\": \"VIP\"}", "\"flags\" is not an array")]
    [InlineData("42", "not a JSON object")]
    public void BadParty_IsRejectedWithAReason(string party, string reason)
    {
        var json = $"{{\"parties\": [{party}, {{\"id\": \"ok\", \"name\": \"Fine\"}}]}}";
        var content = DirectoryJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Numbers);
        Assert.Equal("ok", Assert.Single(content.Parties).Id);
        Assert.Contains(reason, Assert.Single(content.Rejects).Reason, StringComparison.Ordinal);
    }
}
