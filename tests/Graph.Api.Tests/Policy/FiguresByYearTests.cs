using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>
/// Enterprise figures per year and the indicators over them, on a hand-made graph of 柳州 over 2022–2024 whose
/// indicators are counted by hand below: the year asked decides the figures, 31 December decides links and filings.
/// </summary>
public abstract class FiguresByYearTests(TestStore store)
{
    // 规上 in 2022 and 2023; in 2024 its revenue falls to 1,999.99 万元: no longer 规上.
    static readonly NodeInput Falling = Enterprise(61, "柳州示例齿轮有限公司", "450202", ("industrial", true), ("yearlyFigures", Entries(
        "2022 employees=320 revenue=3000 hasRdActivity=false", "2023 employees=320 revenue=3000 hasRdActivity=true", "2024 employees=310 revenue=1999.99 hasRdActivity=true")));
    // Below 规上 in 2022; exactly 2,000 万元 in 2023 makes it 规上.
    static readonly NodeInput Rising = Enterprise(62, "柳州示例轴承有限公司", "450203", ("industrial", true), ("yearlyFigures", Entries(
        "2022 employees=40 revenue=1500", "2023 employees=60 revenue=2000 hasRdActivity=false", "2024 employees=80 revenue=2500 hasRdActivity=true")));
    // 双清零 in 2023 (≥ 5 亿元, no R&D, no institution); in 2024 it hosts an institution filed on 1 June, later accredited.
    static readonly NodeInput Large = Enterprise(63, "柳州示例汽车部件有限公司", "450204", ("industrial", true), ("yearlyFigures", Entries(
        "2023 employees=1200 revenue=60000 hasRdActivity=false", "2024 employees=1250 revenue=60000 hasRdActivity=false")));
    // No figures at all: it counts only in pairings (paired 2022-05-01 to 2023-06-30).
    static readonly NodeInput NoFigures = Enterprise(64, "柳州示例物流装备有限公司", "450205");
    // Figures in the single-year columns only (2024), paired from 2023-03-01.
    static readonly NodeInput Columns = Enterprise(65, "柳州示例电机有限公司", "450205",
        ("industrial", true), ("employees", 400L), ("revenue", 5000m), ("hasRdActivity", false), ("dataYear", 2024L));
    static readonly NodeInput University = Seed.University("lz-example-u", "柳州示例工学院", "450200");
    static readonly NodeInput Institution = new(NodeKind.Platform, "lz-example-rd", "柳州示例汽车部件研发中心",
        Properties: PropertyBag.Of(("status", "Accredited"), ("filedOn", new DateOnly(2024, 6, 1)), ("statusDate", new DateOnly(2025, 1, 10)), ("example", true)));

    static System.Collections.Immutable.ImmutableArray<string> Entries(params string[] entries) => [.. entries];

    async Task<PolicyApplication> StartAsync(string? targetsFile = null)
    {
        var app = new PolicyApplication(store);
        if (targetsFile is not null) app.With("Policy:TargetsFile", targetsFile);
        await app.SeedAsync(Falling, Rising, Large, NoFigures, Columns, University, Institution,
            Link(LinkType.Hosts, Large, Institution, Day(2024, 6, 1)),
            Link(LinkType.PairedWith, NoFigures, University, Day(2022, 5, 1), Day(2023, 6, 30)),
            Link(LinkType.PairedWith, Columns, University, Day(2023, 3, 1)),
            Link(LinkType.PairedWith, Large, University, Day(2024, 12, 31)));
        return app;
    }

    const string History = """
        { indicatorHistory(region: "450200", from: 2021, to: 2024) {
            indicator values { year value numerator denominator noData met gap target { value } } } }
        """;

    static JsonNode Values(JsonNode history, string indicator) =>
        history["indicatorHistory"]!.AsArray().Single(h => h!["indicator"]!.GetValue<string>() == indicator)!["values"]!;

    static (decimal? Value, int? Numerator, int? Denominator, bool NoData) At(JsonNode values, int year)
    {
        var v = values.AsArray().Single(x => x!["year"]!.GetValue<int>() == year)!;
        return (v["value"]?.GetValue<decimal>(), v["numerator"]?.GetValue<int>(), v["denominator"]?.GetValue<int>(), v["noData"]!.GetValue<bool>());
    }

    [StoreFact]
    public async Task IndicatorsOverThreeYearsMatchTheHandCountedValues()
    {
        await using var app = await StartAsync();

        var history = PolicyApplication.Ok(await app.AnalyseAsync(History));

        // 规上 industrial: 2022 {Falling}; 2023 {Falling, Rising, Large}; 2024 {Rising, Large, Columns}.
        var activity = Values(history, "RD_ACTIVITY_SHARE");
        Assert.Equal((0m, 0, 1, false), At(activity, 2022));
        Assert.Equal((33.33m, 1, 3, false), At(activity, 2023));
        Assert.Equal((33.33m, 1, 3, false), At(activity, 2024));
        var institution = Values(history, "RD_INSTITUTION_SHARE");
        Assert.Equal((0m, 0, 3, false), At(institution, 2023));
        Assert.Equal((33.33m, 1, 3, false), At(institution, 2024));
        var doubleZero = Values(history, "DOUBLE_ZERO");
        Assert.Equal((0m, 0, 2, false), At(doubleZero, 2022));
        Assert.Equal((1m, 1, 3, false), At(doubleZero, 2023));
        Assert.Equal((0m, 0, 4, false), At(doubleZero, 2024));
        // Pairings in force on 31 December: NoFigures (2022), Columns (2023), Columns and Large (2024).
        var pairings = Values(history, "PAIRINGS");
        Assert.Equal((1m, 1, 1, false), At(pairings, 2022));
        Assert.Equal((1m, 1, 1, false), At(pairings, 2023));
        Assert.Equal((2m, 2, 2, false), At(pairings, 2024));
        // Filed on 1 June 2024 and accredited since: still a filed institution at the end of 2024.
        var filed = Values(history, "FILED_INSTITUTIONS");
        Assert.Equal((0m, 0, 0, false), At(filed, 2023));
        Assert.Equal((1m, 1, 1, false), At(filed, 2024));
    }

    [StoreFact]
    public async Task AYearWithoutFiguresIsNoDataNotAMetTarget()
    {
        await using var app = await StartAsync();

        var history = PolicyApplication.Ok(await app.AnalyseAsync(History));

        foreach (var indicator in new[] { "RD_ACTIVITY_SHARE", "DOUBLE_ZERO", "STATE_OWNED_WITHOUT_RD", "HIGH_TECH_ABOVE_SCALE_SHARE" })
        {
            var in2021 = Values(history, indicator).AsArray().Single(v => v!["year"]!.GetValue<int>() == 2021)!;
            Assert.True(in2021["noData"]!.GetValue<bool>(), indicator);
            Assert.Null(in2021["value"]);
            Assert.Null(in2021["met"]);
            Assert.Null(in2021["gap"]);
        }
        var guangxi = PolicyApplication.Ok(await app.AnalyseAsync("{ indicators(year: 2021) { indicator noData met target { value } } }"))["indicators"]!;
        var doubleZero = guangxi.AsArray().Single(v => v!["indicator"]!.GetValue<string>() == "DOUBLE_ZERO")!;
        Assert.Equal(0m, doubleZero["target"]!["value"]!.GetValue<decimal>());
        Assert.True(doubleZero["noData"]!.GetValue<bool>());
        Assert.Null(doubleZero["met"]);
    }

    [StoreFact]
    public async Task ACityIsNotComparedWithItsProvincesTargets()
    {
        await using var app = await StartAsync();

        var city = PolicyApplication.Ok(await app.AnalyseAsync("{ indicators(region: \"450200\", year: 2023) { indicator target { value } } }"))["indicators"]!;
        var province = PolicyApplication.Ok(await app.AnalyseAsync("{ indicators(region: \"450000\", year: 2023) { indicator value target { value region level jurisdiction } } }"))["indicators"]!;

        Assert.All(city.AsArray(), v => Assert.Null(v!["target"]));
        var filed = province.AsArray().Single(v => v!["indicator"]!.GetValue<string>() == "FILED_INSTITUTIONS")!;
        Assert.Equal(1000m, filed["target"]!["value"]!.GetValue<decimal>());
        Assert.Equal("450000", filed["target"]!["region"]!.GetValue<string>());
        Assert.Equal("Province", filed["target"]!["level"]!.GetValue<string>());
        Assert.Equal("广西壮族自治区", filed["target"]!["jurisdiction"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task ACityGivenItsOwnTargetsInATargetsFileIsMeasuredAgainstThem()
    {
        var file = Path.Combine(Path.GetTempPath(), $"targets-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "region,level,year,indicator,target,direction,seed,source\n450200,City,2024,Pairings,2,AtLeast,柳州示例,柳州示例方案：2024年结对子企业达到2家\n");
        try
        {
            await using var app = await StartAsync(file);

            var city = PolicyApplication.Ok(await app.AnalyseAsync("{ indicators(region: \"450200\", year: 2024) { indicator value met target { value seed } } }"))["indicators"]!;

            var pairings = city.AsArray().Single(v => v!["indicator"]!.GetValue<string>() == "PAIRINGS")!;
            Assert.Equal((2m, 2m, true), (pairings["value"]!.GetValue<decimal>(), pairings["target"]!["value"]!.GetValue<decimal>(), pairings["met"]!.GetValue<bool>()));
            Assert.Null(city.AsArray().Single(v => v!["indicator"]!.GetValue<string>() == "FILED_INSTITUTIONS")!["target"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [StoreFact]
    public async Task AWrongTargetsFileStopsTheStartNamingTheLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"targets-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "region,level,year,indicator,target,direction,seed,source\n450200,Province,2024,Pairings,2,AtLeast,x,y\n");
        try
        {
            await using var app = new PolicyApplication(store);
            app.With("Policy:TargetsFile", file);

            var error = await Assert.ThrowsAnyAsync<Exception>(() => app.PostAsync("{ dataVersion }"));

            Assert.Contains("Policy:TargetsFile", error.Message);
            Assert.Contains("line 2, level", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [StoreFact]
    public async Task AListUsesTheFiguresOfTheYearAsked()
    {
        await using var app = await StartAsync();
        const string List = "query($year: Int) { policyList(list: DOUBLE_ZERO, region: \"450200\", year: $year) { totalCount nodes { id } } }";

        var in2023 = PolicyApplication.Ok(await app.AnalyseAsync(List, new { year = 2023 }))["policyList"]!;
        var in2024 = PolicyApplication.Ok(await app.AnalyseAsync(List, new { year = 2024 }))["policyList"]!;

        Assert.Equal(Large.Id, Assert.Single(in2023["nodes"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(0, in2024["totalCount"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task AnEnterpriseAnswersWithTheFiguresOfTheYearAskedAndTheLatestByDefault()
    {
        await using var app = await StartAsync();
        var query = $$"""
            { node(id: "{{Falling.Id}}") { ... on Enterprise {
                figureYears
                latest: figures { year revenue aboveDesignatedSize sizeClass }
                in2023: figures(year: 2023) { year revenue aboveDesignatedSize sizeClass hasRdActivity }
                in2020: figures(year: 2020) { year }
                figureSeries { year } } } }
            """;

        var enterprise = PolicyApplication.Ok(await app.AnalyseAsync(query))["node"]!;

        Assert.Equal([2022, 2023, 2024], enterprise["figureYears"]!.AsArray().Select(y => y!.GetValue<int>()));
        Assert.Equal(2024, enterprise["latest"]!["year"]!.GetValue<int>());
        Assert.Equal(1999.99m, enterprise["latest"]!["revenue"]!.GetValue<decimal>());
        Assert.False(enterprise["latest"]!["aboveDesignatedSize"]!.GetValue<bool>());
        Assert.Equal("MEDIUM", enterprise["in2023"]!["sizeClass"]!.GetValue<string>());
        Assert.True(enterprise["in2023"]!["aboveDesignatedSize"]!.GetValue<bool>());
        Assert.True(enterprise["in2023"]!["hasRdActivity"]!.GetValue<bool>());
        Assert.Null(enterprise["in2020"]);
        Assert.Equal(3, enterprise["figureSeries"]!.AsArray().Count);
    }

    [StoreFact]
    public async Task ConfidentialFiguresOfAYearStayConfidential()
    {
        await using var app = await StartAsync();

        var anonymous = await app.PostAsync($$"""{ node(id: "{{Falling.Id}}") { ... on Enterprise { name figures(year: 2023) { year hasRdActivity revenue sizeClass aboveDesignatedSize } } } }""");

        Assert.Equal(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"], anonymous.ErrorCodes);
        var figures = anonymous.Data!["node"]!["figures"]!;
        Assert.Equal(2023, figures["year"]!.GetValue<int>());
        Assert.True(figures["hasRdActivity"]!.GetValue<bool>());
        Assert.Null(figures["revenue"]);
        Assert.Null(figures["sizeClass"]);
        Assert.Null(figures["aboveDesignatedSize"]);
    }

    const string SetFigures = """
        mutation($id: ID!, $input: EnterpriseFiguresInput!) {
          setEnterpriseFigures(enterpriseId: $id, input: $input) { figureYears revenue dataYear aboveDesignatedSize sizeClass figures(year: 2023) { revenue } } }
        """;

    [StoreFact]
    public async Task WritingAYearKeepsTheOtherYearsAndTheColumnsFollowTheLatest()
    {
        await using var app = await StartAsync();
        var token = KnowledgeGraphApplication.TokenFor("editor", "analyst");

        var written = await app.PostAsync(SetFigures, new { id = Falling.Id, input = new { year = 2025, employees = 330, revenue = 2600m, hasRdActivity = true } }, token: token);

        var enterprise = PolicyApplication.Ok(written)["setEnterpriseFigures"]!;
        Assert.Equal([2022, 2023, 2024, 2025], enterprise["figureYears"]!.AsArray().Select(y => y!.GetValue<int>()));
        Assert.Equal(2600m, enterprise["revenue"]!.GetValue<decimal>());
        Assert.Equal(2025, enterprise["dataYear"]!.GetValue<int>());
        Assert.True(enterprise["aboveDesignatedSize"]!.GetValue<bool>());
        Assert.Equal("MEDIUM", enterprise["sizeClass"]!.GetValue<string>());
        Assert.Equal(3000m, enterprise["figures"]!["revenue"]!.GetValue<decimal>());
        var journal = PolicyApplication.Ok(await app.PostAsync($$"""{ changes(nodeId: "{{Falling.Id}}") { nodes { operation } } }""", token: KnowledgeGraphApplication.TokenFor("admin")));
        Assert.Contains("setEnterpriseFigures", journal["changes"]!["nodes"]!.AsArray().Select(n => n!["operation"]!.GetValue<string>()));
    }

    [StoreFact]
    public async Task WritingFiguresNeedsTheAnalystRole()
    {
        await using var app = await StartAsync();

        var editor = await app.EditAsync(SetFigures, new { id = Falling.Id, input = new { year = 2025, revenue = 2600m } });

        Assert.Equal(["FORBIDDEN"], editor.ErrorCodes);
    }

    [StoreFact]
    public async Task AFlagThatContradictsTheYearsRevenueIsRefusedAndNothingIsWritten()
    {
        await using var app = await StartAsync();
        var token = KnowledgeGraphApplication.TokenFor("editor", "analyst");

        var refused = await app.PostAsync(SetFigures, new { id = Falling.Id, input = new { year = 2025, revenue = 1999.99m, aboveDesignatedSize = true } }, token: token);
        var after = PolicyApplication.Ok(await app.AnalyseAsync($$"""{ node(id: "{{Falling.Id}}") { ... on Enterprise { figureYears } } }"""));

        Assert.Equal(["RULE_VIOLATION"], refused.ErrorCodes);
        Assert.Contains("aboveDesignatedSize", refused.Errors[0]!["message"]!.GetValue<string>());
        Assert.Equal(3, after["node"]!["figureYears"]!.AsArray().Count);
    }

    const string Upsert = """
        mutation($input: EnterpriseInput!) { upsertEnterprise(input: $input) { changes { id } } }
        """;

    static Dictionary<string, object?> Input(int serial, decimal revenue, bool? flag = null, long employees = 50) => new Dictionary<string, object?>
    {
        ["creditCode"] = Seed.Enterprise(serial, "x").Key,
        ["name"] = $"柳州示例新材料{serial}有限公司",
        ["region"] = "450205",
        ["industrial"] = true,
        ["employees"] = employees,
        ["revenue"] = revenue,
        ["dataYear"] = 2024,
        ["aboveDesignatedSize"] = flag,
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);

    [StoreFact]
    public async Task AboveDesignatedSizeAndTheSizeClassAreComputedFromTheFiguresAtTheBoundary()
    {
        await using var app = await StartAsync();
        var token = KnowledgeGraphApplication.TokenFor("editor", "analyst");

        PolicyApplication.Ok(await app.PostAsync(Upsert, new { input = Input(71, 2000m, employees: 300) }, token: token));
        PolicyApplication.Ok(await app.PostAsync(Upsert, new { input = Input(72, 1999.99m, employees: 300) }, token: token));
        var read = PolicyApplication.Ok(await app.AnalyseAsync($$"""
            { at: node(id: "{{Seed.Enterprise(71, "x").Id}}") { ... on Enterprise { aboveDesignatedSize sizeClass } }
              under: node(id: "{{Seed.Enterprise(72, "x").Id}}") { ... on Enterprise { aboveDesignatedSize sizeClass } }
              medium: enterprises(where: { sizeClass: { eq: MEDIUM }, region: { eq: "450205" } }) { nodes { id } } }
            """));

        Assert.True(read["at"]!["aboveDesignatedSize"]!.GetValue<bool>());
        Assert.Equal("MEDIUM", read["at"]!["sizeClass"]!.GetValue<string>());
        Assert.False(read["under"]!["aboveDesignatedSize"]!.GetValue<bool>());
        Assert.Equal("SMALL", read["under"]!["sizeClass"]!.GetValue<string>());
        Assert.Equal([Seed.Enterprise(71, "x").Id], read["medium"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
    }

    [StoreFact]
    public async Task ATypedFlagThatContradictsTheFiguresIsRefusedByTheWritePath()
    {
        await using var app = await StartAsync();
        var token = KnowledgeGraphApplication.TokenFor("editor", "analyst");

        var falseAtTheThreshold = await app.PostAsync(Upsert, new { input = Input(73, 2000m, flag: false) }, token: token);
        var trueJustUnder = await app.PostAsync(Upsert, new { input = Input(74, 1999.99m, flag: true) }, token: token);
        var agreeing = await app.PostAsync(Upsert, new { input = Input(75, 2000m, flag: true) }, token: token);

        Assert.Equal(["RULE_VIOLATION"], falseAtTheThreshold.ErrorCodes);
        Assert.Equal(["RULE_VIOLATION"], trueJustUnder.ErrorCodes);
        Assert.Empty(agreeing.Errors);
    }

    [StoreFact]
    public async Task AnEditorWithoutTheAnalystRoleCannotProbeTheDerivedFactsAndMayPatchTheRest()
    {
        await using var app = await StartAsync();

        var probe = await app.EditAsync($$"""mutation { patchEnterprise(id: "{{Falling.Id}}", set: { aboveDesignatedSize: true }) { changes { id } } }""");
        var sizeProbe = await app.EditAsync($$"""mutation { patchEnterprise(id: "{{Falling.Id}}", set: { sizeClass: LARGE }) { changes { id } } }""");
        var rename = await app.EditAsync($$"""mutation { patchEnterprise(id: "{{Falling.Id}}", set: { website: "https://example.com" }) { changes { id } } }""");

        Assert.Equal(["FORBIDDEN"], probe.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], sizeProbe.ErrorCodes);
        Assert.Empty(rename.Errors);
    }

    [StoreFact]
    public async Task PatchingRevenueDerivesTheFlagAgain()
    {
        await using var app = await StartAsync();
        var token = KnowledgeGraphApplication.TokenFor("editor", "analyst");
        PolicyApplication.Ok(await app.PostAsync(Upsert, new { input = Input(76, 2500m) }, token: token));

        var patched = await app.PostAsync($$"""
            mutation { patchEnterprise(id: "{{Seed.Enterprise(76, "x").Id}}", set: { revenue: 1500 }) { changes { id } } }
            """, token: token);
        var read = PolicyApplication.Ok(await app.AnalyseAsync($$"""{ node(id: "{{Seed.Enterprise(76, "x").Id}}") { ... on Enterprise { aboveDesignatedSize revenue } } }"""));

        Assert.Empty(patched.Errors);
        Assert.False(read["node"]!["aboveDesignatedSize"]!.GetValue<bool>());
    }
}

/// <summary><see cref="FiguresByYearTests"/> on the embedded store.</summary>
public sealed class SqliteFiguresByYearTests() : FiguresByYearTests(TestStore.Sqlite);

/// <summary><see cref="FiguresByYearTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jFiguresByYearTests() : FiguresByYearTests(TestStore.Neo4j);
