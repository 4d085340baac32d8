using System.Text;
using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Tests.Directory;

/// <summary>
/// What the dense snapshot store could get wrong: every field of a party back as it went in (through the index and
/// through the cache file), the ranking of shared numbers, ids that are not GUIDs, texts that are long or not ASCII.
/// </summary>
public sealed class DenseSnapshotTests
{
    private static readonly NumberParser Numbers = new(NumberingPlan.Ukraine);

    private static readonly string LongName = string.Concat(Enumerable.Range(0, 20_000).Select(i => (i % 4) switch
    {
        0 => "Товариство ",
        1 => "𝔄𝔤𝔦 😀 ",
        2 => "東京 ",
        _ => "\"quoted\" \\ \u00A0",
    }));

    /// <summary>The long name of <see cref="Variety"/> in the version 2 fixture, which was written with it.</summary>
    private const string ShortLongName = "Довга назва «Ромашка» 😀 \"quoted\" \\";

    [Fact]
    public void EveryFieldOfAParty_ComesBackAsItWentIn()
    {
        var parties = Variety();
        var snapshot = new DirectorySnapshot(parties, Numbers);

        Assert.Equal(parties.Count, snapshot.PartyCount);
        for (var i = 0; i < parties.Count; i++)
        {
            AssertSame(parties[i], snapshot.PartyAt(i));
            Assert.Equal(parties[i].Id, snapshot.IdOf(i));
        }
    }

    [Fact]
    public void CacheFile_RoundTripsEverythingAPartyHas_WithItsNumbers()
    {
        var parties = Variety();
        var snapshot = new DirectorySnapshot(parties, Numbers);
        var path = TemporaryPath();
        try
        {
            SnapshotCacheFile.Write(path, snapshot, 7, 42, "test");

            var (read, generation, watermark, _) = SnapshotCacheFile.Read(path, Numbers, "test");
            Assert.Equal((7L, 42L), (generation, watermark));
            Assert.Equal(parties.Count, read.PartyCount);
            for (var i = 0; i < parties.Count; i++)
            {
                AssertSame(parties[i], read.PartyAt(i));
            }

            Assert.Equal(snapshot.Numbers().ToList(), read.Numbers().ToList());
            Assert.Equal(LongName, Assert.Single(read.Find("380441110003")).Party.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CacheFile_OfVersion2_WrittenPartyByParty_IsStillRead()
    {
        // Fixtures/snapshot-v2.cache was written by the version 2 writer (one party after another) from Variety with
        // the short long name, for the database "127.0.0.1:5432/agiident": a daemon upgraded while PostgreSQL is down
        // still starts from the file its predecessor left.
        var parties = Variety(ShortLongName);
        var (read, generation, watermark, _) = SnapshotCacheFile.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "snapshot-v2.cache"), Numbers, "127.0.0.1:5432/agiident");

        Assert.Equal((7L, 42L), (generation, watermark));
        Assert.Equal(parties.Count, read.PartyCount);
        for (var i = 0; i < parties.Count; i++)
        {
            AssertSame(parties[i], read.PartyAt(i));
        }

        Assert.Equal(new DirectorySnapshot(parties, Numbers).Numbers().ToList(), read.Numbers().ToList());
    }

    [Fact]
    public void CacheFile_OfVersion2_WithAnyByteDamaged_IsRefused_OrServesEveryPartyAndNumberWithoutFailing()
    {
        // A version 2 file has no hash: what its reader takes in must be checked as it is read.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "snapshot-v2.cache"));
        var path = TemporaryPath();
        try
        {
            for (var at = 0; at < bytes.Length; at++)
            {
                foreach (var damage in new byte[] { 0xFF, 0x80, 0x01 })
                {
                    var damaged = (byte[])bytes.Clone();
                    damaged[at] ^= damage;
                    File.WriteAllBytes(path, damaged);
                    ServeEverything(path, "127.0.0.1:5432/agiident");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CacheFile_CutAnywhere_IsRefused()
    {
        var bytes = WrittenVariety();
        var path = TemporaryPath();
        try
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                File.WriteAllBytes(path, bytes[..length]);
                Assert.Throws<InvalidDataException>(() => SnapshotCacheFile.Read(path, Numbers, "test"));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CacheFile_WithAnyByteDamaged_IsRefused()
    {
        var bytes = WrittenVariety();
        var path = TemporaryPath();
        try
        {
            for (var at = 0; at < bytes.Length; at++)
            {
                var damaged = (byte[])bytes.Clone();
                damaged[at] ^= 0x10;
                File.WriteAllBytes(path, damaged);
                Assert.Throws<InvalidDataException>(() => SnapshotCacheFile.Read(path, Numbers, "test"));
            }

            File.WriteAllBytes(path, [.. bytes, 0]);
            Assert.Throws<InvalidDataException>(() => SnapshotCacheFile.Read(path, Numbers, "test"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CacheFile_DamagedUnderAMatchingHash_IsRefused_OrServesEveryPartyAndNumberWithoutFailing()
    {
        // Past the hash, the store's offsets and indexes are still checked as they are read: a bad one must stop the
        // read, not a later call that looks up a party whose name points outside the texts.
        var bytes = WrittenVariety();
        var path = TemporaryPath();
        var refused = 0;
        try
        {
            for (var at = 0; at < bytes.Length - 8; at++)
            {
                foreach (var damage in new byte[] { 0xFF, 0x80, 0x01 })
                {
                    var damaged = (byte[])bytes.Clone();
                    damaged[at] ^= damage;
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(damaged.AsSpan(damaged.Length - 8), System.IO.Hashing.XxHash3.HashToUInt64(damaged.AsSpan(0, damaged.Length - 8)));
                    File.WriteAllBytes(path, damaged);
                    refused += ServeEverything(path, "test") ? 0 : 1;
                }
            }
        }
        finally
        {
            File.Delete(path);
        }

        // Damage inside a text changes the text and is served; damage to lengths, counts, offsets and indexes is not.
        Assert.InRange(refused, bytes.Length / 2, bytes.Length * 3);
    }

    [Fact]
    public void PartyWithNoPhones_IsHeldButMatchesNothing()
    {
        var lonely = Party("lonely", phones: []);
        var other = Party("other", phones: [Phone("0441110001")]);
        var snapshot = new DirectorySnapshot([lonely, other], Numbers);

        Assert.Equal(2, snapshot.PartyCount);
        Assert.Equal(1, snapshot.PhoneCount);
        Assert.Equal("lonely", snapshot.PartyAt(0).Id);
        Assert.Equal("other", Assert.Single(snapshot.Find("380441110001")).Party.Id);
        Assert.Empty(snapshot.Find("380441110002"));
    }

    [Fact]
    public void NumberSharedByParties_LiveThenContactThenLatestChangeThenLoadOrder()
    {
        var day = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var parties = new[]
        {
            Party("deleted-contact", deleted: true, changed: day.AddDays(9), phones: [Phone("0441112233", contact: "Someone")]),
            Party("old-line", changed: day, phones: [Phone("0441112233")]),
            Party("unknown-change", phones: [Phone("0441112233")]),
            Party("new-line", changed: day.AddDays(1), phones: [Phone("0441112233")]),
            Party("contact", changed: day.AddDays(-30), phones: [Phone("044 111 22 33", contact: "Мельник Андрій")]),
            Party("same-as-old", changed: day, phones: [Phone("0441112233")]),
        };
        var snapshot = new DirectorySnapshot(parties, Numbers);
        var matches = snapshot.Find("380441112233");

        Assert.Equal(["contact", "new-line", "old-line", "same-as-old", "unknown-change", "deleted-contact"], matches.Select(m => m.Party.Id));
        Assert.Equal("Мельник Андрій", matches[0].Phone.Contact);
        Assert.Equal(5, new DirectoryAnswer(matches, "snapshot").Matches.Count);
    }

    [Fact]
    public void ContactsOwnPhone_BeforeTheCompanyLine_OfTheSameParty_KeptOnce()
    {
        var party = Party("p", phones: [Phone("0441112233", kind: "work"), Phone("044 111-22-33", contact: "Іван", kind: "mobile")]);
        var match = Assert.Single(new DirectorySnapshot([party], Numbers).Find("380441112233"));

        Assert.Equal(("Іван", "mobile"), (match.Phone.Contact, match.Phone.Kind));
    }

    [Fact]
    public void DeletedBesideLive_OnlyTheLiveOneAnswers_ADeletedOneAloneStillNamesTheNumber()
    {
        var snapshot = new DirectorySnapshot(
            [Party("gone", deleted: true, phones: [Phone("0441112233"), Phone("0441119999")]), Party("here", phones: [Phone("0441112233")])],
            Numbers);

        Assert.Equal("here", Assert.Single(new DirectoryAnswer(snapshot.Find("380441112233"), "snapshot").Matches).Party.Id);
        Assert.Equal("gone", Assert.Single(new DirectoryAnswer(snapshot.Find("380441119999"), "snapshot").Matches).Party.Id);
    }

    [Fact]
    public void LastDigits_MatchWhenTheFullNumberDoesNot()
    {
        var snapshot = new DirectorySnapshot([Party("ru", phones: [Phone("8 (916) 123-45-67")]), Party("ua", phones: [Phone("0441112233")])], Numbers);

        Assert.Equal("ru", Assert.Single(snapshot.Find("79161234567", out var exact)).Party.Id);
        Assert.False(exact);
        Assert.Equal("ua", Assert.Single(snapshot.Find("380441112233", out exact)).Party.Id);
        Assert.True(exact);
        Assert.Empty(snapshot.Find("not digits"));
        Assert.Empty(snapshot.Find(string.Empty));
    }

    [Fact]
    public void LayeredContents_WrittenToTheCacheFile_HoldTheChangesAndNotWhatTheyReplaced()
    {
        var layered = new LayeredSnapshot(new DirectorySnapshot([Party("a", phones: [Phone("0441110001")]), Party("b", phones: [Phone("0441110002")]), Party("c", phones: [Phone("0441110003")])], Numbers), Numbers);
        var renamed = Party("b", name: "Renamed", phones: [Phone("0441110009")]);
        var changed = layered.Apply([renamed], [.. DirectorySnapshot.PhonesOf([renamed])], ["c"]);
        var path = Path.Combine(Path.GetTempPath(), "agiident-dense-" + Guid.NewGuid().ToString("N") + ".cache");
        try
        {
            SnapshotCacheFile.Write(path, changed, 1, 2, "test");
            var read = SnapshotCacheFile.Read(path, Numbers, "test").Snapshot;

            Assert.Equal(["a", "b"], read.Parties.Select(p => p.Id));
            Assert.Equal("Renamed", Assert.Single(read.Find("380441110009")).Party.Name);
            Assert.Empty(read.Find("380441110002"));
            Assert.Empty(read.Find("380441110003"));
            Assert.Equal(2, changed.PartyCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Regression_MatchesTiedOnEveryRank_ComeInTheSameOrderAfterAStartFromTheCacheFile()
    {
        // "b" in the base and "a" added since share a number, neither deleted, no contact, no change time: a tie the
        // layered snapshot breaks by id. The file wrote the base's parties before the layer's, and a start from it
        // broke the tie by position: "b" first.
        var layered = new LayeredSnapshot(new DirectorySnapshot([Party("b", phones: [Phone("0441110055")]), Party("c", phones: [Phone("0441110056")])], Numbers), Numbers);
        var added = Party("a", phones: [Phone("0441110055")]);
        var changed = layered.Apply([added], [.. DirectorySnapshot.PhonesOf([added])], ["c"]);
        var path = TemporaryPath();
        try
        {
            SnapshotCacheFile.Write(path, changed, 1, 2, "test");
            var read = SnapshotCacheFile.Read(path, Numbers, "test").Snapshot;

            Assert.Equal(["a", "b"], changed.Find("380441110055").Select(m => m.Party.Id));
            Assert.Equal(["a", "b"], read.Find("380441110055").Select(m => m.Party.Id));
            Assert.Equal(["a", "b"], read.Parties.Select(p => p.Id));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Regression_LayeredSnapshot_FallsBackToLastDigitsWhenEveryFullNumberMatchChanged()
    {
        var a = Party("a", phones: [Phone("+7 916 123-45-67")]);
        var b = Party("b", phones: [Phone("8 (916) 123-45-67")]);
        var layered = new LayeredSnapshot(new DirectorySnapshot([a, b], Numbers), Numbers);
        Assert.Equal("a", Assert.Single(layered.Find("79161234567")).Party.Id);

        var moved = Party("a", phones: [Phone("+7 916 000-00-00")]);
        var changed = layered.Apply([moved], [.. DirectorySnapshot.PhonesOf([moved])], []);
        Assert.Equal("b", Assert.Single(changed.Find("79161234567")).Party.Id);
        Assert.Equal("a", Assert.Single(changed.Find("79160000000")).Party.Id);
    }

    [Fact]
    public void Regression_AFullNumberStoredAgainAsLastDigits_StillMatchesTheOthersLastDigits()
    {
        // A had the full number, B only its last digits (stored without a country). A is stored again without the
        // country: no full-number match is left, so last digits decide, and both A and B answer, as a rebuild says.
        var a = Party("a", phones: [Phone("+7 916 123-45-67")]);
        var b = Party("b", phones: [Phone("8 (916) 123-45-67")]);
        var layered = new LayeredSnapshot(new DirectorySnapshot([a, b], Numbers), Numbers);
        Assert.Equal("a", Assert.Single(layered.Find("79161234567")).Party.Id);
        var again = Party("a", phones: [Phone("8 (916) 123-45-67")]);

        var changed = layered.Apply([again], [.. DirectorySnapshot.PhonesOf([again])], []);

        var rebuilt = new DirectorySnapshot([b, again], Numbers);
        Assert.Equal(rebuilt.Find("79161234567").Select(m => m.Party.Id).Order(), changed.Find("79161234567").Select(m => m.Party.Id).Order());
        Assert.Equal(["a", "b"], changed.Find("79161234567").Select(m => m.Party.Id).Order());
    }

    [Fact]
    public void LayeredChange_OfAGuidParty_AnswersTheNewVersion_AndCountsItOnce()
    {
        var day = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        const string Id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        var before = Party(Id, changed: day.AddDays(5), phones: [Phone("0441110001", contact: "Old"), Phone("0441110002")]) with { Debt = 1.25m };
        var other = Party("1f8fad5b-d9cb-469f-a165-70867728950e", changed: day, phones: [Phone("0441110003")]);
        var layered = new LayeredSnapshot(new DirectorySnapshot([before, other], Numbers), Numbers);
        var after = Party(Id, changed: day, phones: [Phone("0441110001", contact: "New"), Phone("0441110002")]) with { Debt = 900001.25m };
        var changed = layered.Apply([after], [.. DirectorySnapshot.PhonesOf([after])], []);

        Assert.Equal(900001.25m, Assert.Single(changed.Find("380441110002")).Party.Debt);
        Assert.Equal("New", Assert.Single(changed.Find("380441110001")).Phone.Contact);
        Assert.Equal(2, changed.PartyCount);
    }

    [Fact]
    public void DirectoryFile_BiggerThanTheReadBuffer_ReadsEveryPartyWithItsPositionAndRejects()
    {
        var json = new StringBuilder("{ \"comment\": { \"nested\": [1, 2, {\"parties\": 3}] }, \"parties\": [\n");
        for (var i = 0; i < 3000; i++)
        {
            json.Append(i == 1500 ? "  42,\n" : $"  {{ \"id\": \"p-{i}\", \"name\": \"Назва {i} {new string('я', i % 50)}\", \"phones\": [ {{ \"number\": \"044{i + 1000000:0000000}\" }} ] }},\n");
        }

        json.Append("  { \"id\": \"long\", \"name\": \"" + LongName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\" },\n");
        json.Append("], \"after\": [ \"ignored\" ] }");
        var content = DirectoryJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json.ToString())), Numbers);

        Assert.Equal(3000, content.Parties.Count);
        Assert.Equal("p-2999", content.Parties[^2].Id);
        // A file's texts are trimmed (the name ends in a no-break space).
        Assert.Equal(LongName.Trim(), content.Parties[^1].Name);
        Assert.Equal(3000, content.Positions![^1]);
        Assert.Equal(1501, content.Positions[1500]);
        var reject = Assert.Single(content.Rejects);
        Assert.Equal((1500, "not a JSON object"), (reject.Index, reject.Reason));
    }

    [Theory]
    [InlineData("{ \"parties\": [ { \"id\": \"a\", \"name\": \"A\" }, ", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("{ \"parties\": [] } []", "not valid JSON")]
    [InlineData("{ \"other\": [] }", "expected an object with a \"parties\" array")]
    [InlineData("{ \"parties\": {} }", "expected an object with a \"parties\" array")]
    [InlineData("[ { \"id\": \"a\", \"name\": \"A\" } ]", "expected an object with a \"parties\" array")]
    public void DirectoryFile_NotADirectoryDocument_IsAnErrorOfTheWholeFile(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => DirectoryJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), Numbers));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads the file at <paramref name="path"/>; when it is not refused, builds every party and looks up every number.</summary>
    private static bool ServeEverything(string path, string database)
    {
        DirectorySnapshot read;
        try
        {
            read = SnapshotCacheFile.Read(path, Numbers, database).Snapshot;
        }
        catch (InvalidDataException)
        {
            return false;
        }

        for (var i = 0; i < read.PartyCount; i++)
        {
            _ = read.PartyAt(i).Attributes.Count;
        }

        foreach (var number in read.Numbers())
        {
            _ = read.Find(number.Number.E164 ?? number.Number.Suffix);
        }

        return true;
    }

    private static string TemporaryPath() => Path.Combine(Path.GetTempPath(), "agiident-dense-" + Guid.NewGuid().ToString("N") + ".cache");

    /// <summary>A version 3 file of <see cref="Variety"/> with the short long name, layered with a change and a removal so that both parts of the store are in it.</summary>
    private static byte[] WrittenVariety()
    {
        var parties = Variety(ShortLongName);
        var changed = Party("changed", name: "Змінена", phones: [Phone("0441110099", contact: "Олена", kind: "робочий")]) with { Flags = ["VIP"], Debt = 79228162514264337593543950335m };
        var layered = new LayeredSnapshot(new DirectorySnapshot(parties, Numbers), Numbers).Apply([changed], [.. DirectorySnapshot.PhonesOf([changed])], ["big-debt"]);
        var path = TemporaryPath();
        try
        {
            SnapshotCacheFile.Write(path, layered, 1, 2, "test");
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<Party> Variety(string longName = null!) =>
    [
        Party("0f8fad5b-d9cb-469f-a165-70867728950e", phones: [Phone("0441110001")]),
        Party("0F8FAD5B-D9CB-469F-A165-70867728950F", phones: [Phone("0441110002")]),
        Party("{0f8fad5b-d9cb-469f-a165-708677289510}") with { ShortName = string.Empty, Greeting = string.Empty, Language = "uk" },
        Party("000123", name: longName ?? LongName, phones: [Phone("0441110003", contact: longName ?? LongName, kind: "мобільний")]) with { ShortName = "ТОВ «Ромашка» 😀" },
        Party("Ідентифікатор з пробілом ") with
        {
            Code = string.Empty,
            Flags = ["VIP", "Передоплата", "VIP"],
            Debt = -0.50m,
            Manager = new Manager(string.Empty, "101"),
            Attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["inn"] = "1234567890", ["Примітка"] = "Дзвонити\nзранку", ["empty"] = string.Empty },
            Kind = PartyKind.Person,
        },
        Party("big-debt") with { Debt = 79228162514264337593543950335m, Manager = new Manager("Коваленко О.", string.Empty) },
        Party("scaled-debt") with { Debt = 1.500m, Changed = new DateTimeOffset(2026, 11, 1, 9, 30, 15, 123, TimeSpan.Zero) },
        Party("zero-debt", deleted: true) with { Debt = 0m, Greeting = "Вітаємо, {name}!" },
        Party("tiny-debt") with { Debt = 0.0000000000000000000000000001m },
    ];

    private static void AssertSame(Party expected, Party actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.ShortName, actual.ShortName);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Debt, actual.Debt);
        // Scale too: 1.500 stays 1.500, not 1.5.
        Assert.Equal(expected.Debt?.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.Debt?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Manager, actual.Manager);
        Assert.Equal(expected.Language, actual.Language);
        Assert.Equal(expected.Greeting, actual.Greeting);
        Assert.Equal(expected.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal), actual.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Attributes.Count > 0 ? expected.Attributes.Keys.First() : null, actual.Attributes.Count > 0 ? actual.Attributes.Keys.First() : null);
        Assert.Equal(expected.Deleted, actual.Deleted);
        Assert.Equal(expected.Changed, actual.Changed);
        if (expected.Attributes.Count > 0)
        {
            Assert.Equal(expected.Attributes[expected.Attributes.Keys.First().ToUpperInvariant()], actual.Attributes[expected.Attributes.Keys.First().ToUpperInvariant()]);
        }
    }

    private static Party Party(string id, string name = "Name", bool deleted = false, DateTimeOffset? changed = null, PartyPhone[]? phones = null) =>
        new(id, "C-" + id.Length, PartyKind.Company, name, null, [], null, null, null, null, new Dictionary<string, string>(), deleted, phones ?? [])
        {
            Changed = changed,
        };

    private static PartyPhone Phone(string raw, string? contact = null, string? kind = null) =>
        new(raw, kind, contact, Numbers.ParseStored(raw).Numbers);
}
