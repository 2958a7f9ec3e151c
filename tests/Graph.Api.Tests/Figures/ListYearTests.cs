using System.Collections.Immutable;
using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Figures;

/// <summary>
/// Root lists with a <c>year</c>: the filter, the sort, the figures of the listed enterprises and the derived 规上 and size
/// class are that year's, each answer compared with a LINQ evaluation over the series the store holds; an enterprise that
/// crosses 2,000 万元 between 2023 and 2024 is matched in one year only.
/// </summary>
public abstract class ListYearTests(TestStore store)
{
    // Crosses 规上 and 中型 between the years: 1,800 then 2,600 万元, 250 then 320 employees.
    static readonly NodeInput Crossing = Enterprise(91, "柳州示例跨档机械有限公司", "450205", ("industrial", true),
        ("yearlyFigures", Entries("2023 employees=250 revenue=1800 hasRdActivity=false", "2024 employees=320 revenue=2600 hasRdActivity=true")));
    static readonly NodeInput Steady = Enterprise(92, "柳州示例稳定电机有限公司", "450205", ("industrial", true),
        ("yearlyFigures", Entries("2023 employees=100 revenue=2200", "2024 employees=105 revenue=2300")));
    static readonly NodeInput Falling = Enterprise(93, "南宁示例回落材料有限公司", "450103", ("industrial", true),
        ("yearlyFigures", Entries("2023 employees=400 revenue=5000.5", "2024 employees=380 revenue=1000")));
    static readonly NodeInput Newcomer = Enterprise(94, "南宁示例新设软件有限公司", "450103",
        ("yearlyFigures", Entries("2024 employees=30 revenue=3000")));
    static readonly NodeInput Unreported = Enterprise(95, "桂林示例未报数据有限公司", "450305");

    static ImmutableArray<string> Entries(params string[] entries) => [.. entries];

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        // Seeded straight to the store, as the write path would have left them: the columns hold the latest year.
        await app.SeedAsync([.. new[] { Crossing, Steady, Falling, Newcomer, Unreported }.Select(e => e with { Properties = EnterpriseFigures.Derive(e.Properties ?? PropertyBag.Empty) })]);
        return app;
    }

    // The LINQ side: the enterprises as the store holds them.
    static async Task<List<Node>> ReadBackAsync(PolicyApplication app)
    {
        var enterprises = new List<Node>();
        await foreach (var node in app.GraphStore.ScanNodesAsync(NodeKind.Enterprise)) enterprises.Add(node);
        return enterprises;
    }

    static List<string> Names(JsonNode data, string list = "enterprises") =>
        [.. data[list]!["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>())];

    [StoreFact]
    public async Task ARevenueFilterAndSortReadTheYearAsked()
    {
        await using var app = await StartAsync();
        var enterprises = await ReadBackAsync(app);

        foreach (var year in new[] { 2023, 2024 })
        {
            var data = PolicyApplication.Ok(await app.AnalyseAsync($$"""
                { enterprises(year: {{year}}, where: { revenue: { gte: 2000 } }, order: [{ revenue: DESC }]) { totalCount nodes { name revenue dataYear } } }
                """));

            var expected = enterprises
                .Select(e => (e.Name, Revenue: EnterpriseFigures.For(e.Properties, year)?.Revenue))
                .Where(e => e.Revenue >= 2000m).OrderByDescending(e => e.Revenue).ToList();
            Assert.Equal(expected.Select(e => e.Name), Names(data));
            Assert.Equal(expected.Select(e => e.Revenue), data["enterprises"]!["nodes"]!.AsArray().Select(n => n!["revenue"]!.GetValue<decimal?>()));
            Assert.All(data["enterprises"]!["nodes"]!.AsArray(), n => Assert.Equal(year, n!["dataYear"]!.GetValue<int>()));
            Assert.Equal(expected.Count, data["enterprises"]!["totalCount"]!.GetValue<int>());
        }
        // By hand: 2023 回落 5,000.5 and 稳定 2,200 (跨档 has 1,800); 2024 新设 3,000, 跨档 2,600, 稳定 2,300.
        var in2023 = Names(PolicyApplication.Ok(await app.AnalyseAsync("{ enterprises(year: 2023, where: { revenue: { gte: 2000 } }) { nodes { name } } }")));
        var in2024 = Names(PolicyApplication.Ok(await app.AnalyseAsync("{ enterprises(year: 2024, where: { revenue: { gte: 2000 } }) { nodes { name } } }")));
        Assert.DoesNotContain(Crossing.Name, in2023);
        Assert.Contains(Crossing.Name, in2024);
        Assert.Equal(2, in2023.Count);
        Assert.Equal(3, in2024.Count);
    }

    [StoreFact]
    public async Task AnEnterpriseWithoutFiguresThatYearSortsLastAndShowsNone()
    {
        await using var app = await StartAsync();
        var enterprises = await ReadBackAsync(app);

        var data = PolicyApplication.Ok(await app.AnalyseAsync("""
            { enterprises(year: 2023, order: [{ revenue: ASC }]) { nodes { id name revenue employees figures { year revenue } } } }
            """));

        var expected = enterprises
            .Select(e => (e.Id, e.Name, Revenue: EnterpriseFigures.For(e.Properties, 2023)?.Revenue))
            .OrderBy(e => e.Revenue is null).ThenBy(e => e.Revenue).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(e => e.Name), Names(data));
        Assert.Equal([Crossing.Name, Steady.Name, Falling.Name], Names(data).Take(3));
        var newcomer = data["enterprises"]!["nodes"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == Newcomer.Name)!;
        // Its only figures are of 2024: in 2023 it has none, also where `figures` is asked without a year.
        Assert.Null(newcomer["revenue"]);
        Assert.Null(newcomer["employees"]);
        Assert.Null(newcomer["figures"]);
        var crossing = data["enterprises"]!["nodes"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == Crossing.Name)!;
        Assert.Equal(2023, crossing["figures"]!["year"]!.GetValue<int>());
        Assert.Equal(1800m, crossing["figures"]!["revenue"]!.GetValue<decimal>());

        // Sorted the other way in 2024: the order of the crossing and the steady enterprise changes.
        var in2024 = Names(PolicyApplication.Ok(await app.AnalyseAsync("{ enterprises(year: 2024, order: [{ revenue: ASC }]) { nodes { name } } }")));
        Assert.True(in2024.IndexOf(Crossing.Name) > in2024.IndexOf(Steady.Name));
        Assert.Equal(Unreported.Name, in2024[^1]);
    }

    [StoreFact]
    public async Task AboveDesignatedSizeAndSizeClassFollowTheYear()
    {
        await using var app = await StartAsync();
        var enterprises = await ReadBackAsync(app);

        foreach (var year in new[] { 2023, 2024 })
        {
            var data = PolicyApplication.Ok(await app.AnalyseAsync($$"""
                { above: enterprises(year: {{year}}, where: { aboveDesignatedSize: { eq: true } }) { nodes { name aboveDesignatedSize sizeClass } }
                  medium: enterprises(year: {{year}}, where: { sizeClass: { eq: MEDIUM } }) { nodes { name sizeClass } } }
                """));

            var industrial = enterprises.ToDictionary(e => e.Name, e => e.Properties.Flag("industrial"));
            var figures = enterprises.Select(e => (e.Name, Figures: EnterpriseFigures.For(e.Properties, year))).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            Assert.Equal(figures.Where(e => e.Figures?.AboveDesignatedSizeFor(industrial[e.Name]) == true).Select(e => e.Name).Order(StringComparer.Ordinal),
                Names(data, "above").Order(StringComparer.Ordinal));
            Assert.Equal(figures.Where(e => e.Figures?.SizeClass == EnterpriseSizeClass.Medium).Select(e => e.Name).Order(StringComparer.Ordinal),
                Names(data, "medium").Order(StringComparer.Ordinal));
            Assert.All(data["above"]!["nodes"]!.AsArray(), n => Assert.True(n!["aboveDesignatedSize"]!.GetValue<bool>()));
            Assert.All(data["medium"]!["nodes"]!.AsArray(), n => Assert.Equal("MEDIUM", n!["sizeClass"]!.GetValue<string>()));
        }
        // By hand: 跨档 is 小型 and not 规上 in 2023, 中型 and 规上 in 2024.
        var crossing = PolicyApplication.Ok(await app.AnalyseAsync("""
            { a: enterprises(year: 2023, where: { name: { startsWith: "柳州示例跨档" } }) { nodes { aboveDesignatedSize sizeClass } }
              b: enterprises(year: 2024, where: { name: { startsWith: "柳州示例跨档" } }) { nodes { aboveDesignatedSize sizeClass } } }
            """));
        Assert.Equal("""[{"aboveDesignatedSize":false,"sizeClass":"SMALL"}]""", crossing["a"]!["nodes"]!.ToJsonString());
        Assert.Equal("""[{"aboveDesignatedSize":true,"sizeClass":"MEDIUM"}]""", crossing["b"]!["nodes"]!.ToJsonString());
    }

    [StoreFact]
    public async Task WithoutAYearEachEnterprisesLatestFiguresAreRead()
    {
        await using var app = await StartAsync();
        var enterprises = await ReadBackAsync(app);

        var data = PolicyApplication.Ok(await app.AnalyseAsync("{ enterprises(where: { revenue: { lt: 2500 } }, order: [{ revenue: ASC }]) { nodes { name revenue } } }"));

        var expected = enterprises.Select(e => (e.Name, Revenue: EnterpriseFigures.For(e.Properties, null)?.Revenue))
            .Where(e => e.Revenue < 2500m).OrderBy(e => e.Revenue).Select(e => e.Name);
        Assert.Equal(expected, Names(data));
        Assert.Equal([Falling.Name, Steady.Name], Names(data));
    }

    [StoreFact]
    public async Task TheAggregateOfAYearSelectsWithThatYearsFigures()
    {
        await using var app = await StartAsync();
        var enterprises = await ReadBackAsync(app);

        foreach (var year in new[] { 2023, 2024 })
        {
            var data = PolicyApplication.Ok(await app.AnalyseAsync($$"""
                { enterprisesAggregate(year: {{year}}, where: { revenue: { gte: 2000 } }) { groups { count revenue { sum } } } }
                """));

            var revenues = enterprises.Select(e => EnterpriseFigures.For(e.Properties, year)?.Revenue).OfType<decimal>().Where(r => r >= 2000m).ToList();
            var group = Assert.Single(data["enterprisesAggregate"]!["groups"]!.AsArray())!;
            Assert.Equal(revenues.Count, group["count"]!.GetValue<int>());
            Assert.Equal(revenues.Sum(), group["revenue"]!["sum"]!.GetValue<decimal>());
        }
    }

    [StoreFact]
    public async Task AYearOutsideTheDataIsAnEmptyAnswerAndAMalformedOneIsRefused()
    {
        await using var app = await StartAsync();

        var early = PolicyApplication.Ok(await app.AnalyseAsync("""
            { matched: enterprises(year: 1990, where: { revenue: { gte: 0 } }) { totalCount }
              all: enterprises(year: 1990) { totalCount nodes { revenue } } }
            """));
        Assert.Equal(0, early["matched"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(5, early["all"]!["totalCount"]!.GetValue<int>());
        Assert.All(early["all"]!["nodes"]!.AsArray(), n => Assert.Null(n!["revenue"]));

        foreach (var query in new[]
        {
            "{ enterprises(year: 20230) { totalCount } }",
            "{ enterprisesAggregate(year: 20230) { groups { count } } }",
            "{ policyList(list: DOUBLE_ZERO, year: 20230) { totalCount } }",
            """{ enterprises { nodes { figures(year: 20230) { revenue } } } }""",
        })
        {
            var (code, message) = PolicyApplication.Error(await app.AnalyseAsync(query));
            Assert.Equal("INVALID_INPUT", code);
            Assert.Contains("'year'", message, StringComparison.Ordinal);
            Assert.Contains("20230", message, StringComparison.Ordinal);
        }
    }

    [StoreFact]
    public async Task AFigureInAFilterOrSortOfAYearStillNeedsTheAnalystRole()
    {
        await using var app = await StartAsync();

        foreach (var query in new[]
        {
            "{ enterprises(year: 2023, where: { revenue: { gte: 2000 } }) { totalCount } }",
            "{ enterprises(year: 2023, order: [{ employees: DESC }]) { totalCount } }",
            "{ enterprises(year: 2024, where: { aboveDesignatedSize: { eq: true } }) { totalCount } }",
        })
        {
            var (code, _) = PolicyApplication.Error(await app.EditAsync(query));
            Assert.Equal("FORBIDDEN", code);
        }
        // The public statuses of a year stay open to everyone.
        var data = PolicyApplication.Ok(await app.EditAsync("{ enterprises(year: 2023, where: { hasRdActivity: { eq: false } }) { nodes { name } } }"));
        Assert.Equal([Crossing.Name], Names(data));
    }
}

/// <summary><see cref="ListYearTests"/> on the embedded store.</summary>
public sealed class SqliteListYearTests() : ListYearTests(TestStore.Sqlite);

/// <summary><see cref="ListYearTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jListYearTests() : ListYearTests(TestStore.Neo4j);
