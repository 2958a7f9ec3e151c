using System.Collections.Immutable;
using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Aggregates;

/// <summary>
/// <c>&lt;list&gt;Aggregate</c> on a hand-made graph of three cities, each answer compared with a LINQ evaluation over the
/// nodes and links the same store holds: pairings per city per year, figures per province and field, ties per kind,
/// membership of the policy lists, the small groups left out for everyone but analysts, and the errors.
/// </summary>
public abstract class AggregateTests(TestStore store)
{
    // 柳州 (450200): three enterprises; 南宁 (450100): two; 桂林 (450300): one.
    static readonly NodeInput Gears = Enterprise(81, "柳州示例新能源车有限公司", "450205", ("industrial", true), ("fields", Fields("new-energy-vehicles")),
        ("yearlyFigures", Entries("2023 employees=320 revenue=3000 hasRdActivity=true", "2024 employees=330 revenue=3500 hasRdActivity=true")));
    // 双清零 in 2024: industrial, ≥ 5 亿元, no R&D activity, no institution.
    static readonly NodeInput Bodies = Enterprise(82, "柳州示例车身有限公司", "450202", ("industrial", true), ("fields", Fields("automotive")),
        ("yearlyFigures", Entries("2023 employees=1200 revenue=60000 hasRdActivity=false", "2024 employees=1250 revenue=62000 hasRdActivity=false")));
    static readonly NodeInput Tools = Enterprise(83, "柳州示例工具有限公司", "450205", ("fields", Fields("manufacturing")),
        ("yearlyFigures", Entries("2024 employees=40 revenue=1500")));
    static readonly NodeInput Parts = Enterprise(84, "南宁示例零部件有限公司", "450103", ("industrial", true), ("fields", Fields("auto-parts")),
        ("yearlyFigures", Entries("2023 employees=100 revenue=2500", "2024 employees=110 revenue=2600")));
    static readonly NodeInput Batteries = Enterprise(85, "南宁示例电池有限公司", "450103", ("fields", Fields("new-energy-vehicles")),
        ("yearlyFigures", Entries("2024 employees=25 revenue=800")));
    static readonly NodeInput Optics = Enterprise(86, "桂林示例光学有限公司", "450305", ("industrial", true), ("fields", Fields("manufacturing")),
        ("yearlyFigures", Entries("2024 employees=200 revenue=5000")));
    static readonly NodeInput Nanning = University("agg-example-nn", "南宁示例大学", "450107");
    static readonly NodeInput Liuzhou = University("agg-example-lz", "柳州示例工学院", "450200");

    static ImmutableArray<string> Entries(params string[] entries) => [.. entries];
    static ImmutableArray<string> Fields(params string[] codes) => [.. codes];

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Gears, Bodies, Tools, Parts, Batteries, Optics, Nanning, Liuzhou,
            Link(LinkType.PairedWith, Gears, Nanning, Day(2023, 3, 1)),
            Link(LinkType.PairedWith, Gears, Liuzhou, Day(2024, 5, 1)),
            Link(LinkType.PairedWith, Bodies, Nanning, Day(2022, 1, 1), Day(2023, 6, 30)),
            Link(LinkType.PairedWith, Tools, Liuzhou, Day(2024, 12, 31)),
            Link(LinkType.PairedWith, Parts, Nanning, Day(2023, 1, 1)),
            Link(LinkType.PairedWith, Batteries, Nanning, Day(2025, 2, 1)),
            Link(LinkType.PairedWith, Optics, Liuzhou, Day(2023, 7, 1), Day(2024, 6, 30)));
        return app;
    }

    // The LINQ side: the store's enterprises and their pairings, read back as they are stored.
    static async Task<(List<Node> Enterprises, IReadOnlyList<Link> Pairings)> ReadBackAsync(PolicyApplication app)
    {
        var enterprises = new List<Node>();
        await foreach (var node in app.GraphStore.ScanNodesAsync(NodeKind.Enterprise))
            enterprises.Add(node);
        var pairings = await app.GraphStore.GetLinksAsync(new LinkQuery([.. enterprises.Select(e => e.Id)], Direction.Out, [LinkType.PairedWith]));
        return (enterprises, pairings);
    }

    static bool InForce(Link link, int year) =>
        (link.StartDate is null || link.StartDate <= new DateOnly(year, 12, 31)) && (link.EndDate is null || link.EndDate >= new DateOnly(year, 12, 31));

    static List<string> Rows(JsonNode aggregate, Func<JsonNode, string> row) =>
        [.. aggregate["groups"]!.AsArray().Select(g => row(g!))];

    const string PairingsPerCityPerYear = """
        { enterprisesAggregate(groupBy: [{ region: CITY }, { year: true }], from: 2023, to: 2024) {
            suppressedGroups groups { key { region regionName year } count enterprises pairingsCount } } }
        """;

    [StoreFact]
    public async Task PairingsPerCityPerYearMatchTheLinqEvaluation()
    {
        await using var app = await StartAsync();
        var (enterprises, pairings) = await ReadBackAsync(app);

        var answer = PolicyApplication.Ok(await app.AnalyseAsync(PairingsPerCityPerYear))["enterprisesAggregate"]!;

        var expected = (
            from e in enterprises
            from year in new[] { 2023, 2024 }
            group e by (City: e.Properties.Text("region")![..4] + "00", Year: year) into g
            orderby g.Key.City, g.Key.Year
            let ids = g.Select(e => e.Id).ToHashSet()
            select $"{g.Key.City} {g.Key.Year}: {g.Count()} enterprises, {pairings.Count(l => ids.Contains(l.FromId) && InForce(l, g.Key.Year))} pairings").ToList();
        Assert.Equal(expected, Rows(answer, g => $"{g["key"]!["region"]} {g["key"]!["year"]}: {g["count"]} enterprises, {g["pairingsCount"]} pairings"));
        // Counted by hand: 柳州 1 then 3 (one starting on 31 December 2024), 南宁 1 and 1, 桂林 1 then 0 (ended mid-2024).
        Assert.Equal(["450100 2023: 2 enterprises, 1 pairings", "450100 2024: 2 enterprises, 1 pairings", "450200 2023: 3 enterprises, 1 pairings",
            "450200 2024: 3 enterprises, 3 pairings", "450300 2023: 1 enterprises, 1 pairings", "450300 2024: 1 enterprises, 0 pairings"], expected);
        Assert.Equal("柳州市", answer["groups"]![2]!["key"]!["regionName"]!.GetValue<string>());
        Assert.Equal(0, answer["suppressedGroups"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task GroupsOfFewerThanThreeEnterprisesAreLeftOutForEveryoneButAnalysts()
    {
        await using var app = await StartAsync();
        var (enterprises, _) = await ReadBackAsync(app);

        var answer = PolicyApplication.Ok(await app.PostAsync(PairingsPerCityPerYear))["enterprisesAggregate"]!;

        var sizes = enterprises.GroupBy(e => e.Properties.Text("region")![..4] + "00").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(sizes.Where(s => s.Value >= 3).OrderBy(s => s.Key).SelectMany(s => new[] { $"{s.Key} 2023", $"{s.Key} 2024" }),
            Rows(answer, g => $"{g["key"]!["region"]} {g["key"]!["year"]}"));
        Assert.Equal(2 * sizes.Count(s => s.Value < 3), answer["suppressedGroups"]!.GetValue<int>());
        Assert.Equal(4, answer["suppressedGroups"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task RevenueByProvinceAndTopFieldMatchesTheLinqEvaluationForAnalysts()
    {
        await using var app = await StartAsync();
        var (enterprises, _) = await ReadBackAsync(app);

        var answer = PolicyApplication.Ok(await app.AnalyseAsync("""
            { enterprisesAggregate(year: 2023, groupBy: [{ region: PROVINCE }, { field: 2 }]) {
                groups { key { region field fieldName } count revenue { count sum average min max } employees { max } } } }
            """))["enterprisesAggregate"]!;

        // Level 2 of the field tree: automotive for its sub-fields; manufacturing itself has none at that level.
        string? AtLevelTwo(string code) => KnowledgeGraph.Domain.Reference.TechnologyFields.Chain(code) is var chain && chain.Count >= 2 ? chain[^2].Code : null;
        var expected = (
            from e in enterprises
            from field in e.Properties.List("fields").Select(AtLevelTwo).Distinct()
            group e by (Province: e.Properties.Text("region")![..2] + "0000", Field: field) into g
            orderby g.Key.Province, g.Key.Field ?? "\uffff"
            let revenues = g.Select(e => EnterpriseFigures.For(e.Properties, 2023)?.Revenue).OfType<decimal>().ToList()
            select $"{g.Key.Province} {g.Key.Field}: {g.Count()}, revenue "
                + (revenues.Count == 0 ? "none" : $"{revenues.Count} {revenues.Sum():0.##} {decimal.Round(revenues.Average(), 4):0.####} {revenues.Min():0.##} {revenues.Max():0.##}")).ToList();
        Assert.Equal(expected, Rows(answer, g => $"{g["key"]!["region"]} {g["key"]!["field"]?.GetValue<string>()}: {g["count"]}, revenue "
            + (g["revenue"] is { } r ? $"{r["count"]} {r["sum"]!.GetValue<decimal>():0.##} {r["average"]!.GetValue<decimal>():0.####} {r["min"]!.GetValue<decimal>():0.##} {r["max"]!.GetValue<decimal>():0.##}" : "none")));
        var automotive = answer["groups"]!.AsArray().Single(g => g!["key"]!["field"]?.GetValue<string>() == "automotive")!;
        Assert.Equal("汽车", automotive["key"]!["fieldName"]!.GetValue<string>());
        // 2023: 车身 60,000, 零部件 2,500, 新能源车 3,000 万元 (电池 has no 2023 figures).
        Assert.Equal(65500m, automotive["revenue"]!["sum"]!.GetValue<decimal>());
    }

    [StoreFact]
    public async Task AConfidentialMeasureNeedsTheAnalystRole()
    {
        await using var app = await StartAsync();

        var anonymous = await app.PostAsync("{ enterprisesAggregate { groups { count revenue { sum } } } }");
        var editor = await app.EditAsync("{ enterprisesAggregate { groups { count inventionPatents { sum } } } }");

        Assert.Equal(["FORBIDDEN"], anonymous.ErrorCodes);
        Assert.Null(anonymous.Data!["enterprisesAggregate"]!["groups"]![0]!["revenue"]);
        Assert.Equal(6, anonymous.Data!["enterprisesAggregate"]!["groups"]![0]!["count"]!.GetValue<int>());
        Assert.Empty(editor.Errors);
    }

    [StoreFact]
    public async Task TiesPerKindMatchTheDistinctPairsOfThePairings()
    {
        await using var app = await StartAsync();
        await app.CollaborationBuiltAsync();
        var (_, pairings) = await ReadBackAsync(app);

        var answer = PolicyApplication.Ok(await app.PostAsync("""
            { organizationsAggregate(where: { kind: { in: [ENTERPRISE, UNIVERSITY] }, name: { contains: "示例" } }, groupBy: [{ kind: true }]) {
                groups { key { kind } count ties } } }
            """))["organizationsAggregate"]!;

        // Pairings are the only collaboration here: every tie is one enterprise–university pair, seen from both kinds.
        var pairs = pairings.Select(l => (l.FromId, l.ToId)).Distinct().Count();
        Assert.Equal([$"ENTERPRISE 6 {pairs}", $"UNIVERSITY 2 {pairs}"], Rows(answer, g => $"{g["key"]!["kind"]} {g["count"]} {g["ties"]}"));
        Assert.Equal(7, pairs);
    }

    [StoreFact]
    public async Task ListMembershipGroupsMatchThePolicyListsForAnalystsOnly()
    {
        await using var app = await StartAsync();

        var answer = PolicyApplication.Ok(await app.AnalyseAsync("""
            { enterprisesAggregate(year: 2024, groupBy: [{ list: true }]) { groups { key { list } count } }
              doubleZero: policyList(list: DOUBLE_ZERO, year: 2024) { totalCount }
              toHighTech: policyList(list: ABOVE_SCALE_TO_HIGH_TECH, year: 2024) { totalCount } }
            """));
        var anonymous = await app.PostAsync("{ enterprisesAggregate(groupBy: [{ list: true }]) { groups { count } } }");

        var groups = answer["enterprisesAggregate"]!["groups"]!.AsArray().ToDictionary(g => g!["key"]!["list"]?.GetValue<string>() ?? "none", g => g!["count"]!.GetValue<int>());
        Assert.Equal(answer["doubleZero"]!["totalCount"]!.GetValue<int>(), groups["DOUBLE_ZERO"]);
        Assert.Equal(answer["toHighTech"]!["totalCount"]!.GetValue<int>(), groups["ABOVE_SCALE_TO_HIGH_TECH"]);
        Assert.Equal(1, groups["DOUBLE_ZERO"]);
        Assert.Equal(["FORBIDDEN"], anonymous.ErrorCodes);
    }

    [StoreFact]
    public async Task ABadLevelOrGroupKeyIsRefusedWithAStableCode()
    {
        await using var app = await StartAsync();

        Assert.Equal(["INVALID_INPUT"], (await app.PostAsync("{ enterprisesAggregate(groupBy: [{ field: 9 }]) { suppressedGroups } }")).ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], (await app.PostAsync("{ enterprisesAggregate(groupBy: [{ }]) { suppressedGroups } }")).ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], (await app.PostAsync("{ enterprisesAggregate(groupBy: [{ kind: true, year: true }], from: 2023, to: 2024) { suppressedGroups } }")).ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], (await app.PostAsync("{ enterprisesAggregate(groupBy: [{ year: true }]) { suppressedGroups } }")).ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], (await app.PostAsync("{ universitiesAggregate(groupBy: [{ status: true }]) { suppressedGroups } }")).ErrorCodes);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], (await app.PostAsync("{ enterprisesAggregate(groupBy: [{ region: TOWN }]) { suppressedGroups } }")).ErrorCodes);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], (await app.PostAsync("{ enterprisesAggregate { groups { foundedOn { sum } } } }")).ErrorCodes);
    }

    [StoreFact]
    public async Task ATokenScopedToRegionsAggregatesInsideThemOnly()
    {
        await using var app = await StartAsync();
        var (enterprises, _) = await ReadBackAsync(app);

        var answer = PolicyApplication.Ok(await app.PostAsync(
            "{ enterprisesAggregate(groupBy: [{ region: CITY }]) { suppressedGroups groups { key { region } count revenue { sum } } } }",
            token: KnowledgeGraphApplication.ScopedTokenFor(["450200"], "analyst")))["enterprisesAggregate"]!;

        var inside = enterprises.Where(e => e.Properties.Text("region")!.StartsWith("4502", StringComparison.Ordinal)).ToList();
        var group = Assert.Single(answer["groups"]!.AsArray())!;
        Assert.Equal("450200", group["key"]!["region"]!.GetValue<string>());
        Assert.Equal(inside.Count, group["count"]!.GetValue<int>());
        Assert.Equal(inside.Sum(e => EnterpriseFigures.For(e.Properties, null)?.Revenue ?? 0m), group["revenue"]!["sum"]!.GetValue<decimal>());
    }

    [StoreFact]
    public async Task TheListsWhereSelectsTheNodesAggregated()
    {
        await using var app = await StartAsync();
        var (enterprises, pairings) = await ReadBackAsync(app);

        var answer = PolicyApplication.Ok(await app.AnalyseAsync("""
            { enterprisesAggregate(where: { region: { eq: "450200" }, pairings: { some: { node: { region: { eq: "450100" } } } } }) {
                groups { count pairingsCount } } }
            """))["enterprisesAggregate"]!;

        var nanning = new HashSet<string> { Nanning.Id };
        var selected = enterprises.Where(e => e.Properties.Text("region")!.StartsWith("4502", StringComparison.Ordinal)
            && pairings.Any(l => l.FromId == e.Id && nanning.Contains(l.ToId))).Select(e => e.Id).ToHashSet();
        var group = Assert.Single(answer["groups"]!.AsArray())!;
        Assert.Equal(selected.Count, group["count"]!.GetValue<int>());
        Assert.Equal(pairings.Count(l => selected.Contains(l.FromId)), group["pairingsCount"]!.GetValue<int>());
    }
}

/// <summary><see cref="AggregateTests"/> on the embedded store.</summary>
public sealed class SqliteAggregateTests() : AggregateTests(TestStore.Sqlite);

/// <summary><see cref="AggregateTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jAggregateTests() : AggregateTests(TestStore.Neo4j);
