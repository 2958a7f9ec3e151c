using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Aggregates;

/// <summary>
/// The measures and keys a store computes in place (the embedded store groups in SQL; Neo4j's answers come from the
/// service's grouping): figures with gaps in some years, each region level, field depth, kind and status, and links read
/// from both ends — each against a LINQ evaluation over what the store holds, and a few numbers counted by hand.
/// </summary>
public abstract class GroupedMeasureTests(TestStore store)
{
    // 柳州 (450200): two counties; 南宁 (450100): one; one enterprise filed at the province (450000, no city).
    static readonly NodeInput Axles = Enterprise(91, "柳州示例车桥有限公司", "450202", ("industrial", true), ("fields", Fields("automotive")),
        ("yearlyFigures", Entries("2022 employees=90 revenue=1999.99", "2023 employees=95", "2024 employees=100 revenue=2000")));
    static readonly NodeInput Springs = Enterprise(92, "柳州示例弹簧有限公司", "450202", ("fields", Fields("auto-parts", "new-energy-vehicles", "manufacturing")),
        ("yearlyFigures", Entries("2023 employees=12 revenue=310.5", "2024 employees=14 revenue=0")));
    static readonly NodeInput Seats = Enterprise(93, "柳州示例座椅有限公司", "450205", ("fields", Fields("new-energy-vehicles")),
        ("yearlyFigures", Entries("2022 revenue=8000.25", "2024 employees=300 revenue=9100.75")));
    static readonly NodeInput Paint = Enterprise(94, "柳州示例涂装有限公司", "450205");
    static readonly NodeInput Glass = Enterprise(95, "南宁示例玻璃有限公司", "450103", ("fields", Fields("manufacturing")),
        ("yearlyFigures", Entries("2024 employees=60 revenue=1200")));
    static readonly NodeInput Holding = Enterprise(96, "广西示例控股有限公司", "450000", ("fields", Fields("automotive")),
        ("yearlyFigures", Entries("2023 employees=5000 revenue=120000", "2024 employees=5100 revenue=125000.5")));
    static readonly NodeInput Lab = new(NodeKind.Platform, "agg-example-lab", "柳州示例汽车研发中心",
        Properties: PropertyBag.Of(("region", "450205"), ("status", "Accredited"), ("fields", ImmutableArray.Create("automotive")), ("example", true)));
    static readonly NodeInput Centre = new(NodeKind.Platform, "agg-example-centre", "南宁示例检测中心",
        Properties: PropertyBag.Of(("region", "450103"), ("status", "Filed"), ("example", true)));
    static readonly NodeInput College = University("agg-example-college", "柳州示例职业学院", "450205");

    static ImmutableArray<string> Entries(params string[] entries) => [.. entries];
    static ImmutableArray<string> Fields(params string[] codes) => [.. codes];

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Axles, Springs, Seats, Paint, Glass, Holding, Lab, Centre, College,
            // Inside 柳州 (once for the city), across to 南宁 (once for each), and one ended before 2024.
            Link(LinkType.CooperationAgreement, Axles, Springs, Day(2022, 5, 1)),
            Link(LinkType.CooperationAgreement, Seats, College, Day(2023, 1, 1)),
            Link(LinkType.CooperationAgreement, Glass, Axles, Day(2024, 3, 1)),
            Link(LinkType.CooperationAgreement, Paint, Glass, Day(2021, 1, 1), Day(2023, 12, 31)));
        return app;
    }

    static async Task<List<Node>> ScanAsync(PolicyApplication app, params NodeKind[] kinds)
    {
        var nodes = new List<Node>();
        foreach (var kind in kinds)
        {
            await foreach (var node in app.GraphStore.ScanNodesAsync(kind))
                nodes.Add(node);
        }
        return nodes;
    }

    static List<string> Rows(JsonNode aggregate, Func<JsonNode, string> row) => [.. aggregate["groups"]!.AsArray().Select(g => row(g!))];

    static string Summary(IEnumerable<decimal?> values)
    {
        var present = values.OfType<decimal>().ToList();
        return present.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture,
            $"{present.Count} {present.Sum():0.####} {decimal.Round(present.Average(), 4):0.####} {present.Min():0.####} {present.Max():0.####}");
    }

    static string Summary(JsonNode? figure) => figure is null ? "none" : string.Create(CultureInfo.InvariantCulture,
        $"{figure["count"]} {figure["sum"]!.GetValue<decimal>():0.####} {figure["average"]!.GetValue<decimal>():0.####} {figure["min"]!.GetValue<decimal>():0.####} {figure["max"]!.GetValue<decimal>():0.####}");

    static string? City(Node node) => node.Properties.Text("region") is { } r && r[2..4] != "00" ? r[..4] + "00" : null;

    [StoreFact]
    public async Task FiguresWithGapsPerCityAndYearMatchTheLinqEvaluation()
    {
        await using var app = await StartAsync();
        var enterprises = await ScanAsync(app, NodeKind.Enterprise);

        var answer = PolicyApplication.Ok(await app.AnalyseAsync("""
            { enterprisesAggregate(groupBy: [{ region: CITY }, { year: true }], from: 2022, to: 2024) {
                suppressedGroups groups { key { region year } count enterprises revenue { count sum average min max } employees { count sum average min max } } } }
            """))["enterprisesAggregate"]!;

        var expected = (
            from e in enterprises
            from year in new[] { 2022, 2023, 2024 }
            group e by (City: City(e), Year: year) into g
            orderby g.Key.City ?? "\uffff", g.Key.Year
            select $"{g.Key.City} {g.Key.Year}: {g.Count()}, revenue {Summary(g.Select(e => EnterpriseFigures.For(e.Properties, g.Key.Year)?.Revenue))}, "
                + $"employees {Summary(g.Select(e => (decimal?)EnterpriseFigures.For(e.Properties, g.Key.Year)?.Employees))}").ToList();
        Assert.Equal(expected, Rows(answer, g => $"{g["key"]!["region"]} {g["key"]!["year"]}: {g["count"]}, revenue {Summary(g["revenue"])}, employees {Summary(g["employees"])}"));
        // Counted by hand: 柳州 in 2022 has revenue from 车桥 (1,999.99) and 座椅 (8,000.25) only; in 2023 employees from 车桥 and 弹簧.
        Assert.Equal("450200 2022: 4, revenue 2 10000.24 5000.12 1999.99 8000.25, employees 1 90 90 90 90", expected[3]);
        Assert.Equal("450200 2023: 4, revenue 1 310.5 310.5 310.5 310.5, employees 2 107 53.5 12 95", expected[4]);
        Assert.Equal("450200 2024: 4, revenue 3 11100.75 3700.25 0 9100.75, employees 3 414 138 14 300", expected[5]);
        Assert.Null(answer["groups"]!.AsArray()[^1]!["key"]!["region"]);
        Assert.Equal(0, answer["suppressedGroups"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task EachRegionLevelFieldDepthKindAndStatusGroupAsTheCodesSay()
    {
        await using var app = await StartAsync();

        async Task<List<string>> GroupsAsync(string list, string groupBy, string key) =>
            Rows(PolicyApplication.Ok(await app.AnalyseAsync($"{{ {list}Aggregate(groupBy: [{groupBy}]) {{ groups {{ key {{ {key} }} count enterprises }} }} }}"))[$"{list}Aggregate"]!,
                g => $"{g["key"]![key]?.GetValue<string>() ?? "-"} {g["count"]} {g["enterprises"]}");

        Assert.Equal(["450000 7 6"], await GroupsAsync("organizations", "{ region: PROVINCE }", "region"));
        Assert.Equal(["450100 1 1", "450200 5 4", "- 1 1"], await GroupsAsync("organizations", "{ region: CITY }", "region"));
        Assert.Equal(["450103 1 1", "450202 2 2", "450205 3 2", "- 1 1"], await GroupsAsync("organizations", "{ region: COUNTY }", "region"));
        // 弹簧 is in three fields: one group at depth 1 and 2 (counted once), two at depth 3.
        Assert.Equal(["manufacturing 5 5", "- 1 1"], await GroupsAsync("enterprises", "{ field: 1 }", "field"));
        Assert.Equal(["automotive 4 4", "- 2 2"], await GroupsAsync("enterprises", "{ field: 2 }", "field"));
        Assert.Equal(["auto-parts 1 1", "new-energy-vehicles 2 2", "- 4 4"], await GroupsAsync("enterprises", "{ field: 3 }", "field"));
        Assert.Equal(["ENTERPRISE 6 6", "UNIVERSITY 1 0"], await GroupsAsync("organizations", "{ kind: true }", "kind"));
        Assert.Equal(["ACCREDITED 1 0", "FILED 1 0"], await GroupsAsync("platforms", "{ status: true }", "status"));
    }

    [StoreFact]
    public async Task LinksReadFromBothEndsCountOnceInAGroupAndOnlyWhileInForce()
    {
        await using var app = await StartAsync();
        var organisations = await ScanAsync(app, NodeKind.Enterprise, NodeKind.University);
        var agreements = await app.GraphStore.GetLinksAsync(new LinkQuery([.. organisations.Select(o => o.Id)], Direction.Both, [LinkType.CooperationAgreement]));

        var answer = PolicyApplication.Ok(await app.AnalyseAsync("""
            { organizationsAggregate(where: { kind: { in: [ENTERPRISE, UNIVERSITY] } }, groupBy: [{ region: CITY }, { year: true }], from: 2023, to: 2024) {
                groups { key { region year } cooperationAgreementsCount } } }
            """))["organizationsAggregate"]!;

        var city = organisations.ToDictionary(o => o.Id, City);
        var expected = (
            from c in organisations.Select(City).Distinct()
            from year in new[] { 2023, 2024 }
            let day = new DateOnly(year, 12, 31)
            orderby c ?? "\uffff", year
            select $"{c} {year}: {agreements.DistinctBy(l => l.Id).Count(l => (city[l.FromId] == c || city[l.ToId] == c)
                && (l.StartDate is null || l.StartDate <= day) && (l.EndDate is null || l.EndDate >= day))}").ToList();
        Assert.Equal(expected, Rows(answer, g => $"{g["key"]!["region"]} {g["key"]!["year"]}: {g["cooperationAgreementsCount"]}"));
        // By hand, 柳州: 2023 车桥–弹簧, 座椅–学院, 涂装–玻璃 (ends that day); 2024 the first two and 玻璃–车桥.
        Assert.Equal(["450100 2023: 1", "450100 2024: 1", "450200 2023: 3", "450200 2024: 3", " 2023: 0", " 2024: 0"], expected);
    }
}

/// <summary><see cref="GroupedMeasureTests"/> on the embedded store, which groups in SQL.</summary>
public sealed class SqliteGroupedMeasureTests() : GroupedMeasureTests(TestStore.Sqlite);

/// <summary><see cref="GroupedMeasureTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jGroupedMeasureTests() : GroupedMeasureTests(TestStore.Neo4j);
