using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AgiIdent.Fake1C;

namespace AgiIdent.Tests.Sync;

/// <summary>The fake 1C OData server answers as 1C does, over real HTTP, so that sync tests can trust it.</summary>
public sealed class Fake1CServerTests
{
    private const string PartnerPhones = Ut11Facts.CustomersSet + Fake1CInfobase.ContactInformationSuffix;

    [Fact]
    public async Task WrongPassword_Is401WithBasicChallenge_CyrillicLoginSucceeds()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11());

        using var wrong = Client(server, Fake1CServer.DefaultUser, "не тот");
        using var refused = await wrong.GetAsync(Path(Ut11Facts.CustomersSet, "$format=json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic realm=\"1C\"", refused.Headers.WwwAuthenticate.ToString());

        using var anonymous = new HttpClient();
        using var missing = await anonymous.GetAsync(new Uri(server.Url, Path(Ut11Facts.CustomersSet, "$format=json")));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);

        using var right = Client(server);
        using var accepted = await right.GetAsync(Path(Ut11Facts.CustomersSet, "$format=json"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("application/json; charset=utf-8", accepted.Content.Headers.ContentType?.ToString());
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Feed_HasEnvelopeTypedValuesAndUnescapedCyrillic()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11());
        using var client = Client(server);

        var body = await client.GetStringAsync(
            Path(Ut11Facts.CustomersSet, $"$format=json&$filter=Ref_Key eq guid'{Ut11Facts.RomashkaRef}'"));

        Assert.Contains(Ut11Facts.RomashkaName, body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(server.Url.AbsoluteUri + "$metadata#" + Ut11Facts.CustomersSet, json.RootElement.GetProperty("odata.metadata").GetString());
        var row = Assert.Single(json.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(Ut11Facts.RomashkaRef, row.GetProperty("Ref_Key").GetString());
        Assert.Equal(JsonValueKind.False, row.GetProperty("DeletionMark").ValueKind);
        Assert.Equal(12, row.GetProperty("DataVersion").GetString()!.Length);
        Assert.Equal(Ut11Facts.KovalenkoRef, row.GetProperty("ОсновнойМенеджер_Key").GetString());

        using var debt = JsonDocument.Parse(await client.GetStringAsync(
            Path(Ut11Facts.DebtSet, $"$format=json&$filter=(АналитикаУчетаПоПартнерам_Key eq guid'{Ut11Facts.DebtKey(Ut11Facts.RomashkaRef, Ut11Facts.MainOrganizationRef)}' or АналитикаУчетаПоПартнерам_Key eq guid'{Ut11Facts.DebtKey(Ut11Facts.RomashkaRef, Ut11Facts.SecondOrganizationRef)}') and Валюта_Key eq guid'{Ut11Facts.UahRef}'")));
        var amounts = debt.RootElement.GetProperty("value").EnumerateArray().Select(static r => r.GetProperty("СуммаBalance").GetDecimal());
        Assert.Equal(Ut11Facts.RomashkaDebtUah, amounts.Sum());
    }

    [Fact]
    public async Task PagingWithTopSkipOrderBy_ReturnsEveryRowExactlyOnce()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11());
        using var client = Client(server);
        const int pageSize = 7;
        var seen = new List<(string Ref, string Line)>();
        for (var skip = 0; ; skip += pageSize)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(Path(
                PartnerPhones, $"$format=json&$select=Ref_Key,LineNumber&$orderby=Ref_Key,LineNumber&$top={pageSize}&$skip={skip}")));
            var rows = page.RootElement.GetProperty("value").EnumerateArray().ToList();
            // LineNumber is Edm.Int64, which OData v3 (and 1C) writes as a string.
            seen.AddRange(rows.Select(static r => (r.GetProperty("Ref_Key").GetString()!, r.GetProperty("LineNumber").GetString()!)));
            if (rows.Count < pageSize)
            {
                break;
            }
        }

        Assert.Equal(server.Infobase[PartnerPhones].Count, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderBy(static s => s.Ref, StringComparer.Ordinal).ThenBy(static s => long.Parse(s.Line, System.Globalization.CultureInfo.InvariantCulture)), seen);
    }

    [Fact]
    public async Task Select_LimitsFields_AndAnUnknownFieldIs400NamingIt()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Bp30());
        using var client = Client(server);

        using var page = JsonDocument.Parse(await client.GetStringAsync(Path(Bp30Facts.CustomersSet, "$format=json&$select=Ref_Key,Description&$top=3")));
        foreach (var row in page.RootElement.GetProperty("value").EnumerateArray())
        {
            Assert.Equal(new[] { "Ref_Key", "Description" }, row.EnumerateObject().Select(static p => p.Name));
        }

        // BP30 has no manager: asking for UT11's field is what a wrong preset does.
        using var response = await client.GetAsync(Path(Bp30Facts.CustomersSet, "$format=json&$select=Ref_Key,ОсновнойМенеджер_Key"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Неизвестное свойство 'ОсновнойМенеджер_Key'", await ErrorMessageAsync(response));
    }

    [Fact]
    public async Task UnknownSet_Is404NamingIt()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Bp30());
        using var client = Client(server);

        using var response = await client.GetAsync(Path("Catalog_Партнеры", "$format=json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("odata.error");
        Assert.Equal("-1", error.GetProperty("code").GetString());
        Assert.Equal("ru", error.GetProperty("message").GetProperty("lang").GetString());
        Assert.Equal("Не найден сегмент ресурса 'Catalog_Партнеры'", error.GetProperty("message").GetProperty("value").GetString());
    }

    [Fact]
    public async Task FormatOtherThanJson_AndUnsupportedFilter_Are400()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Unf3());
        using var client = Client(server);

        using var xml = await client.GetAsync(Path(Unf3Facts.CustomersSet, "$format=atom"));
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);

        using var function = await client.GetAsync(Path(Unf3Facts.CustomersSet, "$format=json&$filter=substringof('Ромашка', Description)"));
        Assert.Equal(HttpStatusCode.BadRequest, function.StatusCode);
        Assert.Contains("substringof", await ErrorMessageAsync(function), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefKeyOrChain_ReturnsThoseObjectsAndTheirTabularRows()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11());
        using var client = Client(server);
        string[] refs = [Ut11Facts.RomashkaRef, Ut11Facts.OtherRef, Ut11Facts.VanishingRef];
        var filter = string.Join(" or ", refs.Select(static r => $"Ref_Key eq guid'{r}'"));

        using var objects = JsonDocument.Parse(await client.GetStringAsync(Path(Ut11Facts.CustomersSet, $"$format=json&$select=Ref_Key&$filter={filter}")));
        using var phones = JsonDocument.Parse(await client.GetStringAsync(Path(PartnerPhones, $"$format=json&$orderby=Ref_Key,LineNumber&$filter={filter}")));

        Assert.Equal(refs.Order(StringComparer.Ordinal), objects.RootElement.GetProperty("value").EnumerateArray().Select(static r => r.GetProperty("Ref_Key").GetString()!).Order(StringComparer.Ordinal));
        // Romashka: phone, email, address; Вишня: three Другое rows and a name typed as a phone; the vanishing one: a phone.
        Assert.Equal(8, phones.RootElement.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task RefKeyOrChainOfFifty_IsFastOnThreeHundredThousandRows()
    {
        var data = Fake1CDatasets.Large(100_000, 2);
        await using var server = await Fake1CServer.StartAsync(data);
        using var client = Client(server);
        var refs = Enumerable.Range(0, 50).Select(static i => Fake1CLargeInfobase.CustomerRef(1 + i * 1999)).ToList();
        var filter = string.Join(" or ", refs.Select(static r => $"Ref_Key eq guid'{r}'"));
        var query = Path(PartnerPhones, $"$format=json&$select=Ref_Key,НомерТелефона&$orderby=Ref_Key,LineNumber&$filter={filter}");
        // The first request builds the Ref_Key index; later ones must not scan.
        using (await client.GetAsync(query))
        {
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(query));
            Assert.Equal(100, page.RootElement.GetProperty("value").GetArrayLength());
        }

        // A scan of 200,000 phone rows per request would take far longer; generous for a loaded CI machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"20 requests took {watch.Elapsed}");
    }

    [Fact]
    public async Task AccountCondition_ServesOnly62Rows_AndHidesTheAccount()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Bp30());
        using var client = Client(server);
        var resource = "AccountingRegister_Хозрасчетный/Balance(" +
            Uri.EscapeDataString("AccountCondition='Account/Code eq ''62.01'' or Account/Code eq ''62.02'''").Replace("%2F", "/", StringComparison.Ordinal) + ")";

        using var json = JsonDocument.Parse(await client.GetStringAsync(resource + "?$format=json&$select=ExtDimension1,ExtDimension1_Type,СуммаBalance"));

        var rows = json.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.All(rows, static r => Assert.Equal(Bp30Facts.CounterpartyType, r.GetProperty("ExtDimension1_Type").GetString()));
        Assert.DoesNotContain(rows, static r => r.GetProperty("ExtDimension1").GetString() == Bp30Facts.SupplierRef);
        Assert.Equal(
            Bp30Facts.RomashkaDebt,
            rows.Where(static r => r.GetProperty("ExtDimension1").GetString() == Bp30Facts.RomashkaRef).Sum(static r => r.GetProperty("СуммаBalance").GetDecimal()));
        Assert.Contains(Bp30Facts.DebtResource + "?", server.RequestLog[^1], StringComparison.Ordinal);

        using var all = JsonDocument.Parse(await client.GetStringAsync("AccountingRegister_Хозрасчетный/Balance?$format=json"));
        Assert.Equal(rows.Count + 2, all.RootElement.GetProperty("value").GetArrayLength());
        Assert.All(all.RootElement.GetProperty("value").EnumerateArray(), static r => Assert.False(r.TryGetProperty("@Account", out _)));
    }

    [Fact]
    public async Task Faults_Error500WithBody_Abort_AndDelayThenServe()
    {
        await using var server = await Fake1CServer.StartAsync(Fake1CDatasets.Ut11());
        using var client = Client(server);
        var seen = new List<Fake1CRequest>();
        server.Fault = request =>
        {
            lock (seen)
            {
                seen.Add(request);
            }

            return request.Number switch
            {
                1 => Fake1CFault.Error(500, "Ошибка СУБД"),
                2 => Fake1CFault.Abort(),
                3 => Fake1CFault.Delay(TimeSpan.FromMilliseconds(200)),
                _ => null,
            };
        };
        var path = Path(Ut11Facts.CustomersSet, "$format=json&$top=1");

        using var failed = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("Ошибка СУБД", await ErrorMessageAsync(failed));

        // A fresh connection: on a reused one, HttpClient itself retries a request the server dropped unanswered.
        using (var fresh = Client(server))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(path));
        }

        var watch = Stopwatch.StartNew();
        using var slow = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(150));

        Assert.Equal(Ut11Facts.CustomersSet, seen[0].EntitySet);
        Assert.Equal("1", seen[0].Query["$top"]);
        Assert.Equal(3, server.RequestLog.Count);
        server.ResetLog();
        Assert.Empty(server.RequestLog);
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("8 (916) 123-45-67", "89161234567", "1234567")]
    [InlineData("+38 (044) 123-45-67, доб. 12", "380441234567", "1234567")]
    [InlineData("89161234567", "89161234567", "89161234567")]
    [InlineData("тел. 8916...", "тел.8916...", "тел.8916...")]
    [InlineData("Олександр, бухгалтер", "Олександр", "Олександр")]
    // The split takes three digit groups (УправлениеКонтактнойИнформациейСлужебный.ДесериализацияТелефонаФаксаВJSON): a bracket ends the number.
    [InlineData("+7 (495) (123) 45-67", "7495123", "123")]
    public void DerivedColumns_FollowThe1CRule(string presentation, string phoneNumber, string withoutCodes)
    {
        var row = Fake1CContactInformation.PhoneRow(Fake1CRef.Of("owner"), 1, Fake1CRef.Of("kind"), presentation);

        Assert.Equal(presentation, row["Представление"]);
        Assert.Equal(phoneNumber, row["НомерТелефона"]);
        Assert.Equal(withoutCodes, row["НомерТелефонаБезКодов"]);
    }

    [Fact]
    public void ContactStorageGenerations_CarryTheSameParts()
    {
        var phone = new Fake1CPhone("+7", "495", "987-65-43", "204");
        var owner = Fake1CRef.Of("owner");
        var kind = Fake1CRef.Of("kind");

        var json = Fake1CContactInformation.PhoneRow(owner, 1, kind, phone);
        var keyValue = Fake1CContactInformation.PhoneRow(owner, 2, kind, phone, Fake1CContactStorage.KeyValue);
        var xml = Fake1CContactInformation.PhoneRow(owner, 3, kind, phone, Fake1CContactStorage.Xml);

        Assert.Equal(
            "{\"version\":5,\"value\":\"+7 (495) 987-65-43, доб. 204\",\"comment\":\"\",\"type\":\"Телефон\",\"countryCode\":\"+7\",\"areaCode\":\"495\",\"number\":\"987-65-43\",\"extNumber\":\"204\"}",
            json["Значение"]);
        Assert.Equal(string.Empty, json["ЗначенияПолей"]);
        Assert.Equal("КодСтраны=+7\r\nКодГорода=495\r\nНомерТелефона=987-65-43\r\nДобавочный=204\r\nПредставление=+7 (495) 987-65-43, доб. 204", keyValue["ЗначенияПолей"]);
        Assert.Equal(string.Empty, keyValue["Значение"]);
        Assert.Contains("<Состав xsi:type=\"НомерТелефона\" КодСтраны=\"7\" КодГорода=\"495\" Номер=\"987-65-43\" Добавочный=\"204\"/>", (string)xml["ЗначенияПолей"]!, StringComparison.Ordinal);
        Assert.All(new[] { json, keyValue, xml }, static row => Assert.Equal("74959876543", row["НомерТелефона"]));
    }

    [Fact]
    public void Facts_AgreeWithTheirData()
    {
        var ut11 = Fake1CDatasets.Ut11();
        var phones = ut11[PartnerPhones].Rows();
        foreach (var (reference, _, _, caller) in Ut11Facts.OrdinaryCustomers)
        {
            var digits = (string)phones.Single(r => (string?)r["Ref_Key"] == reference)["НомерТелефона"]!;
            Assert.EndsWith(digits[^9..], caller, StringComparison.Ordinal);
        }

        Assert.Equal(2, phones.Count(static r => (string?)r["НомерТелефона"] == Ut11Facts.SharedCaller));
        Assert.Equal(true, ut11.Find(Ut11Facts.CustomersSet, Ut11Facts.DuplicateDeletedRef)!["DeletionMark"]);
        Assert.Equal(true, ut11.Find(Ut11Facts.CustomersSet, Ut11Facts.PredefinedRef)!["Predefined"]);
        Assert.Equal(Fake1CRef.Empty, ut11.Find(Ut11Facts.CustomersSet, Ut11Facts.NoManagerRef)!["ОсновнойМенеджер_Key"]);

        var bp30 = Fake1CDatasets.Bp30();
        Assert.Equal(
            "89161234567",
            bp30[Bp30Facts.ContactsSet + Fake1CInfobase.ContactInformationSuffix].Rows().Single(static r => (string?)r["Ref_Key"] == Bp30Facts.ContactPersonRef)["НомерТелефона"]);

        var unf3 = Fake1CDatasets.Unf3();
        var kozlova = unf3.Find(Unf3Facts.EmployeesSet, Unf3Facts.KozlovaRef)!;
        var user = unf3[Unf3Facts.UsersSet].Rows().Single(r => Equals(r["ФизическоеЛицо_Key"], kozlova["ФизическоеЛицо_Key"]));
        var extension = unf3[Unf3Facts.TelephonySet].Rows().Single(r => Equals(r["Пользователь_Key"], user["Ref_Key"]));
        Assert.Equal(Unf3Facts.RomashkaManagerExtension, extension["ВнутреннийНомер"]);
    }

    [Fact]
    public void Mutations_RemoveWithTabularRows_TouchBumpsVersion_ChangeSomeChangesAPhone()
    {
        var ut11 = Fake1CDatasets.Ut11();
        var before = (string)ut11.Find(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef)!["DataVersion"]!;
        var after = ut11.Touch(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef);
        Assert.NotEqual(before, after);
        Assert.Equal(after, ut11.Find(Ut11Facts.CustomersSet, Ut11Facts.RomashkaRef)!["DataVersion"]);

        Assert.True(ut11.Remove(Ut11Facts.CustomersSet, Ut11Facts.VanishingRef));
        Assert.Null(ut11.Find(Ut11Facts.CustomersSet, Ut11Facts.VanishingRef));
        Assert.DoesNotContain(ut11[PartnerPhones].Rows(), static r => (string?)r["Ref_Key"] == Ut11Facts.VanishingRef);

        var large = Fake1CDatasets.Large(1_000, 2);
        var version = large.Find(Ut11Facts.CustomersSet, Fake1CLargeInfobase.CustomerRef(1))!["DataVersion"];
        var caller = large.Caller(1);
        var changed = large.ChangeSome(10);
        Assert.Equal(Fake1CLargeInfobase.CustomerRef(1), changed[0]);
        Assert.NotEqual(version, large.Find(Ut11Facts.CustomersSet, Fake1CLargeInfobase.CustomerRef(1))!["DataVersion"]);
        Assert.NotEqual(caller, large.Caller(1));
        var phone = large[PartnerPhones].Rows().Single(static r => (string?)r["Ref_Key"] == Fake1CLargeInfobase.CustomerRef(1) && Equals(r["LineNumber"], 1L));
        Assert.Equal(large.Caller(1), phone["НомерТелефона"]);
        Assert.Equal(333, large[Ut11Facts.DebtSet].Count);
    }

    private static HttpClient Client(Fake1CServer server, string user = Fake1CServer.DefaultUser, string password = Fake1CServer.DefaultPassword)
    {
        var client = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return client;
    }

    private static string Path(string set, string query) => set + "?" + query;

    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("odata.error").GetProperty("message").GetProperty("value").GetString();
    }
}
