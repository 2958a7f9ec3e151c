using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>
/// 一企一员一案 as 柳州's staff work it: open a case with a liaison officer, visit, let the figures raise and resolve
/// warnings, close (销号) only when the data allows, read the board and the quarterly dispatch table; never another city's.
/// </summary>
public abstract class CaseWorkTests(TestStore store)
{
    // 规上 industrial with R&D activity and no institution, not high-tech: on the 双提升 and 高新化 lists.
    static readonly NodeInput Gear = Enterprise(71, "柳州示例齿轮有限公司", "450205", ("industrial", true), ("yearlyFigures", Entries(
        "2024 employees=400 revenue=8000 rdExpenditure=120 hasRdActivity=true highTech=false")));
    // High-tech below 规上: on the 小升规 list only.
    static readonly NodeInput Sensor = Enterprise(72, "柳州示例传感器有限公司", "450202", ("industrial", true), ("yearlyFigures", Entries(
        "2024 employees=60 revenue=1500 rdExpenditure=90 hasRdActivity=true highTech=true")));
    // Not industrial, no figures: on no list.
    static readonly NodeInput Shop = Enterprise(73, "柳州示例商贸有限公司", "450203");
    // 桂林's enterprise on the 双提升 list: another city's case.
    static readonly NodeInput Guilin = Enterprise(74, "桂林示例电子有限公司", "450302", ("industrial", true), ("yearlyFigures", Entries(
        "2024 employees=300 revenue=6000 rdExpenditure=0 hasRdActivity=false")));
    static readonly NodeInput Bureau = Government("lz-example-kjj", "柳州市示例科学技术局", "City", "450200");
    static readonly NodeInput GuilinBureau = Government("gl-example-kjj", "桂林市示例科学技术局", "City", "450300");

    static readonly string Liuzhou = KnowledgeGraphApplication.ScopedTokenFor(["450200"], "editor", "analyst");
    static readonly string GuilinStaff = KnowledgeGraphApplication.ScopedTokenFor(["450300"], "editor", "analyst");

    static System.Collections.Immutable.ImmutableArray<string> Entries(params string[] entries) => [.. entries];

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Gear, Sensor, Shop, Guilin, Bureau, GuilinBureau);
        return app;
    }

    const string CaseFields = """
        enterprise { id name } stage stageOn openedOn closedOn lists targets nextVisitDue
        officer { key name contact }
        visits { on notes actions nextVisitOn }
        warnings { year target reason resolvedOn } openWarnings { year target }
        """;

    static string Open(NodeInput enterprise, string on, string officerKey = "lz-liaison-01") => $$"""
        mutation { openCase(enterpriseId: "{{enterprise.Id}}", on: "{{on}}",
            officer: { key: "{{officerKey}}", name: "李示例", organizationId: "{{Bureau.Id}}", contact: "0772-0000001" }) { {{CaseFields}} } }
        """;

    static string Visit(NodeInput enterprise, string on, string actions, string? next = null) => $$"""
        mutation { recordCaseVisit(enterpriseId: "{{enterprise.Id}}", on: "{{on}}", notes: "了解研发投入情况", actions: {{actions}}{{(next is null ? "" : $", nextVisitOn: \"{next}\"")}}) { {{CaseFields}} } }
        """;

    static string Figures(NodeInput enterprise, string input) =>
        $$"""mutation { setEnterpriseFigures(enterpriseId: "{{enterprise.Id}}", input: {{input}}) { id } }""";

    static string Close(NodeInput enterprise, string on) => $$"""mutation { closeCase(enterpriseId: "{{enterprise.Id}}", on: "{{on}}") { {{CaseFields}} } }""";

    static JsonNode Ok(GraphQLResponse response) => PolicyApplication.Ok(response);

    static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [StoreFact]
    public async Task TheOfficerOpensACaseAndTheFiguresMoveItThroughWarningCoachingAndImproving()
    {
        await using var app = await StartAsync();

        // 李示例 of the city's 科技局 takes 柳州示例齿轮 on as liaison officer.
        var opened = Ok(await app.PostAsync(Open(Gear, "2026-01-10"), token: Liuzhou))["openCase"]!;
        Assert.Equal("MONITORING", opened["stage"]!.GetValue<string>());
        Assert.Equal(new[] { "ABOVE_SCALE_DOUBLE_RAISE", "ABOVE_SCALE_TO_HIGH_TECH" }, Strings(opened["lists"]));
        Assert.Equal(new[] { "RD_ACTIVITY", "RD_INSTITUTION", "HIGH_TECH" }, Strings(opened["targets"]));
        Assert.Equal("0772-0000001", opened["officer"]!["contact"]!.GetValue<string>());
        Assert.Equal("2026-04-10", opened["nextVisitDue"]!.GetValue<string>());

        // The 2025 figures show R&D spending falling from 120 to 50 万元: a warning is raised by itself.
        Ok(await app.PostAsync(Figures(Gear, "{ year: 2025, employees: 410, revenue: 8200, rdExpenditure: 50, hasRdActivity: true }"), token: Liuzhou));
        var warned = Ok(await app.PostAsync($$"""{ case(enterpriseId: "{{Gear.Id}}") { {{CaseFields}} } }""", token: Liuzhou))["case"]!;
        Assert.Equal("WARNING", warned["stage"]!.GetValue<string>());
        var warning = Assert.Single(warned["openWarnings"]!.AsArray())!;
        Assert.Equal((2025, "RD_ACTIVITY"), (warning["year"]!.GetValue<int>(), warning["target"]!.GetValue<string>()));
        Assert.Contains("120", warned["warnings"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // The officer visits and agrees actions: coaching begins.
        var visited = Ok(await app.PostAsync(Visit(Gear, "2026-02-03", """["申报研发费用加计扣除", "筹建企业技术中心"]""", next: "2026-03-15"), token: Liuzhou))["recordCaseVisit"]!;
        Assert.Equal("COACHING", visited["stage"]!.GetValue<string>());
        Assert.Equal(new[] { "申报研发费用加计扣除", "筹建企业技术中心" }, Strings(visited["visits"]![0]!["actions"]));
        Assert.Equal("2026-03-15", visited["nextVisitDue"]!.GetValue<string>());

        // The board on 1 April: the agreed visit of 15 March is overdue, the warning open.
        var board = Ok(await app.PostAsync("""{ caseBoard(on: "2026-04-01") { region byStage { stage count } overdueVisits { enterprise { name } } openWarnings { enterprise { name } } } }""", token: Liuzhou))["caseBoard"]!;
        Assert.Equal("450200", board["region"]!.GetValue<string>());
        Assert.Equal(1, board["byStage"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "COACHING")!["count"]!.GetValue<int>());
        Assert.Equal("柳州示例齿轮有限公司", Assert.Single(board["overdueVisits"]!.AsArray())!["enterprise"]!["name"]!.GetValue<string>());
        Assert.Single(board["openWarnings"]!.AsArray());

        // The 2026 figures show spending up to 150 万元: the warning is resolved and the case moves to 提升.
        Ok(await app.PostAsync(Figures(Gear, "{ year: 2026, employees: 420, revenue: 8500, rdExpenditure: 150, hasRdActivity: true }"), token: Liuzhou));
        var improving = Ok(await app.PostAsync($$"""{ cases(stage: IMPROVING, officer: "lz-liaison-01") { {{CaseFields}} } }""", token: Liuzhou))["cases"]!;
        var mine = Assert.Single(improving.AsArray())!;
        Assert.Empty(mine["openWarnings"]!.AsArray());
        Assert.NotNull(mine["warnings"]![0]!["resolvedOn"]);

        // Each step is journaled under its own name.
        var journal = Ok(await app.PostAsync($$"""{ changes(nodeId: "{{Gear.Id}}", first: 20) { nodes { operation } } }""", token: KnowledgeGraphApplication.TokenFor("admin")))["changes"]!;
        var operations = journal["nodes"]!.AsArray().Select(e => e!["operation"]!.GetValue<string>()).ToList();
        Assert.Contains("openCase", operations);
        Assert.Contains("recordCaseVisit", operations);
    }

    [StoreFact]
    public async Task ClosingACaseByHandIsRefusedUntilTheDataTakesTheEnterpriseOffItsList()
    {
        await using var app = await StartAsync();
        Ok(await app.PostAsync(Open(Sensor, "2026-01-05"), token: Liuzhou));

        // Still below 规上: 销号 is refused, and so is writing the stage directly.
        var refused = await app.PostAsync(Close(Sensor, "2026-02-01"), token: Liuzhou);
        var (code, message) = PolicyApplication.Error(refused);
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("高新技术企业\"小升规\"清单", message, StringComparison.Ordinal);
        var byHand = await app.PostAsync($$"""mutation { patchEnterprise(id: "{{Sensor.Id}}", set: { caseStage: "Closed" }) { changes { id } } }""", token: Liuzhou);
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(byHand).Code);
        Assert.Equal("MONITORING", Ok(await app.PostAsync($$"""{ case(enterpriseId: "{{Sensor.Id}}") { stage } }""", token: Liuzhou))["case"]!["stage"]!.GetValue<string>());

        // Its 2025 revenue of 2,600 万元 makes it 规上: off the 小升规 list, so the case closes.
        Ok(await app.PostAsync(Figures(Sensor, "{ year: 2025, employees: 90, revenue: 2600, rdExpenditure: 130, hasRdActivity: true, highTech: true }"), token: Liuzhou));
        var closed = Ok(await app.PostAsync(Close(Sensor, "2026-05-20"), token: Liuzhou))["closeCase"]!;
        Assert.Equal(("CLOSED", "2026-05-20"), (closed["stage"]!.GetValue<string>(), closed["closedOn"]!.GetValue<string>()));
        Assert.Null(closed["nextVisitDue"]);

        // A closed case takes no more visits, and shows on the board of its quarter.
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(await app.PostAsync(Visit(Sensor, "2026-06-01", "[]"), token: Liuzhou)).Code);
        var board = Ok(await app.PostAsync("""{ caseBoard(region: "450200", on: "2026-06-30") { closedThisQuarter { enterprise { name } } } }""", token: Liuzhou))["caseBoard"]!;
        Assert.Equal("柳州示例传感器有限公司", Assert.Single(board["closedThisQuarter"]!.AsArray())!["enterprise"]!["name"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task AnEnterpriseOnNoListGetsNoCaseAndANonAnalystWritesNone()
    {
        await using var app = await StartAsync();

        var (code, message) = PolicyApplication.Error(await app.PostAsync(Open(Shop, "2026-01-05"), token: Liuzhou));
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("no list", message, StringComparison.Ordinal);

        // An editor without 'analyst' may not write a case: it reveals the figures.
        var editorOnly = KnowledgeGraphApplication.ScopedTokenFor(["450200"], "editor");
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(await app.PostAsync(Open(Gear, "2026-01-05"), token: editorOnly)).Code);
        Assert.Equal("NOT_FOUND", PolicyApplication.Error(await app.PostAsync($$"""{ case(enterpriseId: "{{Gear.Id}}") { stage } }""", token: Liuzhou)).Code);

        // A second case on an open one is a conflict.
        Ok(await app.PostAsync(Open(Gear, "2026-01-05"), token: Liuzhou));
        Assert.Equal("CONFLICT", PolicyApplication.Error(await app.PostAsync(Open(Gear, "2026-01-06"), token: Liuzhou)).Code);
    }

    [StoreFact]
    public async Task AnotherCitysCasesAreNeitherReadNorWritten()
    {
        await using var app = await StartAsync();
        Ok(await app.PostAsync($$"""
            mutation { openCase(enterpriseId: "{{Guilin.Id}}", on: "2026-01-08",
                officer: { key: "gl-liaison-01", name: "王示例", organizationId: "{{GuilinBureau.Id}}", contact: "0773-0000001" }) { stage } }
            """, token: GuilinStaff));

        // 柳州's staff can neither open, visit nor read 桂林's case, nor list 桂林's cases.
        var open = await app.PostAsync($$"""
            mutation { openCase(enterpriseId: "{{Guilin.Id}}", on: "2026-01-09",
                officer: { key: "lz-liaison-02", name: "李示例", organizationId: "{{Bureau.Id}}", contact: "0772-0000002" }) { stage } }
            """, token: Liuzhou);
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(open).Code);
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(await app.PostAsync(Visit(Guilin, "2026-02-01", "[]"), token: Liuzhou)).Code);
        var read = await app.PostAsync($$"""{ case(enterpriseId: "{{Guilin.Id}}") { stage } }""", token: Liuzhou);
        var (code, message) = PolicyApplication.Error(read);
        Assert.Equal("FORBIDDEN", code);
        Assert.Contains("450302", message, StringComparison.Ordinal);
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(await app.PostAsync("""{ cases(region: "450300") { stage } }""", token: Liuzhou)).Code);
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(await app.PostAsync("""{ caseDispatch(region: "450000", year: 2026, quarter: 1) { region } }""", token: Liuzhou)).Code);

        // 柳州's own list holds nothing of 桂林's; 桂林's staff see their case.
        Assert.Empty(Ok(await app.PostAsync("{ cases { stage } }", token: Liuzhou))["cases"]!.AsArray());
        Assert.Single(Ok(await app.PostAsync("{ cases { stage } }", token: GuilinStaff))["cases"]!.AsArray());
    }

    [StoreFact]
    public async Task TheQuarterlyDispatchTableCountsByCityAndCountyAndDownloadsAsCsvAndExcel()
    {
        await using var app = await StartAsync();
        Ok(await app.PostAsync(Open(Gear, "2026-01-10"), token: Liuzhou));
        Ok(await app.PostAsync(Open(Sensor, "2026-02-10"), token: Liuzhou));
        Ok(await app.PostAsync(Visit(Gear, "2026-02-03", """["筹建企业技术中心"]"""), token: Liuzhou));
        Ok(await app.PostAsync(Visit(Gear, "2026-03-20", "[]"), token: Liuzhou));
        Ok(await app.PostAsync(Visit(Sensor, "2026-04-02", "[]"), token: Liuzhou));

        var dispatch = Ok(await app.PostAsync("""
            { caseDispatch(year: 2026, quarter: 1) { region from to rows { region name level openAtEnd opened visits enterprisesVisited closed overdueAtEnd } } }
            """, token: Liuzhou))["caseDispatch"]!;
        Assert.Equal(("450200", "2026-01-01", "2026-03-31"), (dispatch["region"]!.GetValue<string>(), dispatch["from"]!.GetValue<string>(), dispatch["to"]!.GetValue<string>()));
        var rows = dispatch["rows"]!.AsArray().Select(r => (
            r!["region"]!.GetValue<string>(), r["level"]!.GetValue<string>(), r["openAtEnd"]!.GetValue<int>(), r["opened"]!.GetValue<int>(),
            r["visits"]!.GetValue<int>(), r["enterprisesVisited"]!.GetValue<int>(), r["closed"]!.GetValue<int>())).ToList();
        // 柳州市, then its districts with cases in code order: 城中区 (the sensor maker), 柳北区 (the gear maker).
        Assert.Equal(new[]
        {
            ("450200", "City", 2, 2, 2, 1, 0),
            ("450202", "County", 1, 1, 0, 0, 0),
            ("450205", "County", 1, 1, 2, 1, 0),
        }, rows);

        using var csv = await DownloadAsync(app, "/export/case-dispatch.csv?year=2026&quarter=1", Liuzhou);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("地区代码,地区,层级,在册档案,新建档案,走访次数,走访企业数,新增预警,未解除预警,逾期未走访,销号", lines[0]);
        Assert.Equal("450200,柳州市,市,2,2,2,1,0,0,0,0", lines[1]);
        Assert.Equal(4, lines.Length);

        using var xlsx = await DownloadAsync(app, "/export/case-dispatch.xlsx?year=2026&quarter=1", Liuzhou);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await xlsx.Content.ReadAsStreamAsync());
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = System.Xml.Linq.XDocument.Parse(await sheet.ReadToEndAsync());
        var cells = xml.Descendants().Where(e => e.Name.LocalName == "row").Select(r => r.Elements().Select(c => c.Value).ToArray()).ToList();
        Assert.Equal(new[] { "450200", "柳州市", "市", "2", "2", "2", "1", "0", "0", "0", "0" }, cells[1]);

        // Without a token, without 'analyst', or outside the token's regions, nothing is downloaded.
        using var anonymous = await DownloadAsync(app, "/export/case-dispatch.csv?year=2026&quarter=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var editor = await DownloadAsync(app, "/export/case-dispatch.csv?year=2026&quarter=1", KnowledgeGraphApplication.TokenFor("editor"));
        Assert.Equal(HttpStatusCode.Forbidden, editor.StatusCode);
        using var outside = await DownloadAsync(app, "/export/case-dispatch.xlsx?year=2026&quarter=1&region=450300", Liuzhou);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        using var badQuarter = await DownloadAsync(app, "/export/case-dispatch.csv?year=2026&quarter=5", Liuzhou);
        Assert.Equal(HttpStatusCode.BadRequest, badQuarter.StatusCode);
        Assert.Contains("INVALID_INPUT", await badQuarter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static async Task<HttpResponseMessage> DownloadAsync(PolicyApplication app, string path, string? token)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}

/// <summary><see cref="CaseWorkTests"/> on the embedded store.</summary>
public sealed class SqliteCaseWorkTests() : CaseWorkTests(TestStore.Sqlite);

/// <summary><see cref="CaseWorkTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jCaseWorkTests() : CaseWorkTests(TestStore.Neo4j);
