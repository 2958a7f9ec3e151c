using System.Globalization;
using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Aggregates;

/// <summary>
/// Network rankings in <c>&lt;list&gt;Aggregate</c>'s <c>where</c> (<c>collaborationDegree</c>, <c>collaborationPageRank</c>, …),
/// on a hand-made graph and on the sample data: each answer against a LINQ evaluation over what the store holds, the
/// scores read from <c>rankings</c> (the whole network's); nested in <c>and</c>/<c>or</c>/<c>not</c> and in link conditions
/// as the list reads them; small groups still left out; the 10,000 bound and a bad operator refused.
/// </summary>
public abstract class RankingConditionTests(TestStore store)
{
    // 柳州 (450200): four enterprises; 南宁 (450100): three; 桂林 (450300): two.
    static readonly NodeInput Gears = Enterprise(71, "柳州示例齿轮有限公司", "450205");
    static readonly NodeInput Bodies = Enterprise(72, "柳州示例车身有限公司", "450202");
    static readonly NodeInput Tools = Enterprise(73, "柳州示例工具有限公司", "450205");
    static readonly NodeInput Paint = Enterprise(74, "柳州示例涂装有限公司", "450202");
    static readonly NodeInput Parts = Enterprise(75, "南宁示例零部件有限公司", "450103");
    static readonly NodeInput Batteries = Enterprise(76, "南宁示例电池有限公司", "450103");
    static readonly NodeInput Glass = Enterprise(77, "南宁示例玻璃有限公司", "450107");
    static readonly NodeInput Optics = Enterprise(78, "桂林示例光学有限公司", "450305");
    static readonly NodeInput Tea = Enterprise(79, "桂林示例茶业有限公司", "450305");
    static readonly NodeInput Nanning = University("rank-example-nn", "南宁示例大学", "450107");
    static readonly NodeInput Medical = University("rank-example-med", "南宁示例医科大学", "450107");
    static readonly NodeInput Liuzhou = University("rank-example-lz", "柳州示例工学院", "450200");
    static readonly NodeInput Guilin = University("rank-example-gl", "桂林示例学院", "450300");

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        // Degrees in the whole network: 齿轮 4; 车身, 工具, 零部件 and 电池 3; 光学 2; 涂装 1; 玻璃 and 茶业 none.
        await app.SeedAsync(Gears, Bodies, Tools, Paint, Parts, Batteries, Glass, Optics, Tea, Nanning, Medical, Liuzhou, Guilin,
            Link(LinkType.PairedWith, Gears, Nanning, Day(2023, 3, 1)),
            Link(LinkType.PairedWith, Gears, Liuzhou, Day(2024, 5, 1)),
            Link(LinkType.PairedWith, Gears, Guilin, Day(2022, 1, 1), Day(2023, 6, 30)),
            Link(LinkType.PairedWith, Bodies, Liuzhou, Day(2024, 1, 1)),
            Link(LinkType.PairedWith, Bodies, Guilin, Day(2024, 1, 1)),
            Link(LinkType.PairedWith, Tools, Nanning, Day(2023, 1, 1)),
            Link(LinkType.PairedWith, Tools, Liuzhou, Day(2023, 1, 1)),
            Link(LinkType.PairedWith, Paint, Liuzhou, Day(2025, 2, 1)),
            Link(LinkType.PairedWith, Parts, Nanning, Day(2023, 7, 1)),
            Link(LinkType.PairedWith, Parts, Medical, Day(2022, 1, 1)),
            Link(LinkType.PairedWith, Batteries, Nanning, Day(2024, 1, 1)),
            Link(LinkType.PairedWith, Batteries, Guilin, Day(2023, 1, 1)),
            Link(LinkType.PairedWith, Optics, Guilin, Day(2023, 7, 1)),
            Link(LinkType.CooperationAgreement, Gears, Bodies, Day(2024, 1, 1)),
            Link(LinkType.CooperationAgreement, Parts, Batteries, Day(2024, 1, 1)),
            Link(LinkType.CooperationAgreement, Tools, Optics, Day(2023, 1, 1)));
        return app;
    }

    /// <summary>The whole network's scores by a metric, as <c>rankings</c> reports them; an organisation it does not list has none.</summary>
    static async Task<Dictionary<string, double>> ScoresAsync(PolicyApplication app, string metric)
    {
        var top = PolicyApplication.Ok(await app.PostAsync($"{{ rankings(metric: {metric}, top: 1000) {{ organizations top {{ score organization {{ id }} }} }} }}"))["rankings"]!;
        var scores = top["top"]!.AsArray().ToDictionary(r => r!["organization"]!["id"]!.GetValue<string>(), r => r!["score"]!.GetValue<double>(), StringComparer.Ordinal);
        Assert.Equal(top["organizations"]!.GetValue<int>(), scores.Count);
        return scores;
    }

    static async Task<List<Node>> ScanAsync(PolicyApplication app, NodeKind kind)
    {
        var nodes = new List<Node>();
        await foreach (var node in app.GraphStore.ScanNodesAsync(kind))
            nodes.Add(node);
        return nodes;
    }

    static async Task<IReadOnlyList<Link>> PairingsAsync(PolicyApplication app, IEnumerable<Node> enterprises) =>
        await app.GraphStore.GetLinksAsync(new LinkQuery([.. enterprises.Select(e => e.Id)], Direction.Out, [LinkType.PairedWith]));

    /// <summary>The city (GB/T 2260 prefix of four digits) of a region code; none for a province's own code.</summary>
    static string? City(string? region) => region is { Length: 6 } && region[2..4] != "00" ? region[..4] + "00" : null;

    static bool InForce(Link link, int year) =>
        (link.StartDate is null || link.StartDate <= new DateOnly(year, 12, 31)) && (link.EndDate is null || link.EndDate >= new DateOnly(year, 12, 31));

    static List<string> Rows(JsonNode aggregate, Func<JsonNode, string> row) =>
        [.. aggregate["groups"]!.AsArray().Select(g => row(g!))];

    static string Row(JsonNode group) => $"{group["key"]!["region"]} {group["key"]!["year"]}: {group["count"]} enterprises, {group["pairingsCount"]} pairings";

    /// <summary>Enterprises whose score passes, grouped by city and year, with the pairings in force on each 31 December, as <see cref="Row"/> writes them.</summary>
    static List<string> PerCityPerYear(IEnumerable<Node> enterprises, IReadOnlyList<Link> pairings, Func<Node, bool> selected, int first, int last) => (
        from e in enterprises.Where(selected)
        from year in Enumerable.Range(first, last - first + 1)
        group e by (City: City(e.Properties.Text("region")), Year: year) into g
        orderby g.Key.City ?? "\uffff", g.Key.Year
        let ids = g.Select(e => e.Id).ToHashSet(StringComparer.Ordinal)
        select $"{g.Key.City} {g.Key.Year}: {g.Count()} enterprises, {pairings.Count(l => ids.Contains(l.FromId) && InForce(l, g.Key.Year))} pairings").ToList();

    [StoreFact]
    public async Task PairingsPerCityPerYearAmongTheEnterprisesOfDegreeThreeOrMoreMatchTheLinqEvaluation()
    {
        await using var app = await StartAsync();
        var enterprises = await ScanAsync(app, NodeKind.Enterprise);
        var pairings = await PairingsAsync(app, enterprises);
        var degrees = await ScoresAsync(app, "DEGREE");

        var answer = PolicyApplication.Ok(await app.AnalyseAsync("""
            { enterprisesAggregate(where: { collaborationDegree: { gte: 3 } }, groupBy: [{ region: CITY }, { year: true }], from: 2023, to: 2024) {
                suppressedGroups groups { key { region year } count pairingsCount } } }
            """))["enterprisesAggregate"]!;

        var expected = PerCityPerYear(enterprises, pairings, e => degrees.GetValueOrDefault(e.Id) >= 3, 2023, 2024);
        Assert.Equal(expected, Rows(answer, Row));
        // Counted by hand: 柳州 齿轮, 车身, 工具; 南宁 零部件, 电池; no one in 桂林.
        Assert.Equal(["450100 2023: 2 enterprises, 3 pairings", "450100 2024: 2 enterprises, 4 pairings",
            "450200 2023: 3 enterprises, 3 pairings", "450200 2024: 3 enterprises, 6 pairings"], expected);
        Assert.Equal(0, answer["suppressedGroups"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task TheTopUniversitiesByPageRankPerCityMatchTheLinqEvaluation()
    {
        await using var app = await StartAsync();
        var universities = await ScanAsync(app, NodeKind.University);
        var pageRanks = await ScoresAsync(app, "PAGE_RANK");
        // The bound: the second highest score among the universities, so the top two (or more, when tied) are selected.
        var bound = universities.Select(u => pageRanks[u.Id]).OrderDescending().ElementAt(1);

        var answer = PolicyApplication.Ok(await app.PostAsync(string.Create(CultureInfo.InvariantCulture,
            $"{{ universitiesAggregate(where: {{ collaborationPageRank: {{ gte: {bound:R} }} }}, groupBy: [{{ region: CITY }}]) {{ suppressedGroups groups {{ key {{ region }} count }} }} }}")))["universitiesAggregate"]!;

        var expected = universities.Where(u => pageRanks[u.Id] >= bound)
            .GroupBy(u => City(u.Properties.Text("region"))).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}").ToList();
        Assert.Equal(expected, Rows(answer, g => $"{g["key"]!["region"]}: {g["count"]}"));
        Assert.InRange(universities.Count(u => pageRanks[u.Id] >= bound), 2, universities.Count - 1);
        // Groups of no enterprise disclose none: nothing is left out.
        Assert.Equal(0, answer["suppressedGroups"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task RankingConditionsInsideAndOrNotAndLinkConditionsSelectWhatTheListSelects()
    {
        await using var app = await StartAsync();
        var enterprises = await ScanAsync(app, NodeKind.Enterprise);
        var pairings = await PairingsAsync(app, enterprises);
        var degrees = await ScoresAsync(app, "DEGREE");
        var weights = await ScoresAsync(app, "WEIGHTED_DEGREE");

        const string Where = """
            { or: [{ collaborationDegree: { gte: 4 } }, { and: [{ region: { eq: "450100" } }, { not: { collaborationWeightedDegree: { lt: 6 } } }] }],
              pairings: { some: { node: { collaborationDegree: { gte: 3 } } } } }
            """;
        var answer = PolicyApplication.Ok(await app.AnalyseAsync($$"""
            { enterprisesAggregate(where: {{Where}}, groupBy: [{ region: CITY }]) { groups { key { region } count pairingsCount } }
              enterprises(first: 100, where: {{Where}}) { totalCount nodes { id } } }
            """));

        var central = pairings.Where(l => degrees.GetValueOrDefault(l.ToId) >= 3).Select(l => l.FromId).ToHashSet(StringComparer.Ordinal);
        var selected = enterprises.Where(e => (degrees.GetValueOrDefault(e.Id) >= 4
                || (e.Properties.Text("region")!.StartsWith("4501", StringComparison.Ordinal) && !(weights.TryGetValue(e.Id, out var w) && w < 6)))
            && central.Contains(e.Id)).ToList();
        var expected = selected.GroupBy(e => City(e.Properties.Text("region"))).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}, {pairings.Count(l => g.Any(e => e.Id == l.FromId))}").ToList();
        Assert.Equal(expected, Rows(answer["enterprisesAggregate"]!, g => $"{g["key"]!["region"]}: {g["count"]}, {g["pairingsCount"]}"));
        Assert.Equal(selected.Select(e => e.Id).Order(StringComparer.Ordinal),
            answer["enterprises"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        // By hand: 齿轮 (degree 4) in 柳州; in 南宁 零部件 and 电池 (weight 6 each; 玻璃 has no pairing).
        Assert.Equal(["450100: 2, 4", "450200: 1, 3"], expected);
    }

    [StoreFact]
    public async Task SmallGroupsAreStillLeftOutAndConfidentialMeasuresStillNeedTheAnalystRole()
    {
        await using var app = await StartAsync();
        var enterprises = await ScanAsync(app, NodeKind.Enterprise);
        var degrees = await ScoresAsync(app, "DEGREE");

        var anonymous = await app.PostAsync("""
            { enterprisesAggregate(where: { collaborationDegree: { gte: 1 } }, groupBy: [{ region: CITY }]) {
                suppressedGroups groups { key { region } count revenue { sum } } } }
            """);

        var sizes = enterprises.Where(e => degrees.GetValueOrDefault(e.Id) >= 1)
            .GroupBy(e => City(e.Properties.Text("region"))!).ToDictionary(g => g.Key, g => g.Count());
        var aggregate = anonymous.Data!["enterprisesAggregate"]!;
        Assert.Equal(["FORBIDDEN"], anonymous.ErrorCodes.Distinct());
        Assert.Equal([.. sizes.Where(s => s.Value >= 3).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}")],
            Rows(aggregate, g => $"{g["key"]!["region"]}: {g["count"]}"));
        Assert.Equal(sizes.Count(s => s.Value < 3), aggregate["suppressedGroups"]!.GetValue<int>());
        // 柳州 4 and 南宁 2 with a tie; 桂林's 光学 alone is left out, and so is 南宁.
        Assert.Equal(2, aggregate["suppressedGroups"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task EachRankingConditionWeighsInAnAggregateWhatItWeighsInTheList()
    {
        await using var app = new PolicyApplication(store).With("GraphQL:MaxComplexity", "1");

        int Complexity(GraphQLResponse response) =>
            int.Parse(System.Text.RegularExpressions.Regex.Match(PolicyApplication.Error(response).Message, @"Complexity is (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var listed = Complexity(await app.PostAsync("{ enterprises { totalCount } }"));
        var listedRanked = Complexity(await app.PostAsync("{ enterprises(where: { collaborationDegree: { gte: 1 } }) { totalCount } }"));
        var plain = Complexity(await app.PostAsync("{ enterprisesAggregate { suppressedGroups } }"));
        var ranked = Complexity(await app.PostAsync("""
            { enterprisesAggregate(where: { collaborationDegree: { gte: 1 }, or: [{ collaborationPageRank: { gt: 0 } }] }) { suppressedGroups } }
            """));

        Assert.True(listedRanked > listed);
        Assert.Equal(2 * (listedRanked - listed), ranked - plain);
    }

    [StoreFact]
    public async Task ABadOperatorIsRefusedBeforeRunning()
    {
        await using var app = await StartAsync();

        var unknown = await app.PostAsync("{ enterprisesAggregate(where: { collaborationDegree: { in: [1, 2] } }) { suppressedGroups } }");
        var notANumber = await app.PostAsync("""{ enterprisesAggregate(where: { collaborationPageRank: { gte: "high" } }) { suppressedGroups } }""");
        var people = await app.PostAsync("{ peopleAggregate(where: { collaborationDegree: { gte: 1 } }) { suppressedGroups } }");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], unknown.ErrorCodes);
        Assert.Contains("collaborationDegree", PolicyApplication.Error(unknown).Message);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], notANumber.ErrorCodes);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], people.ErrorCodes);
    }

    [StoreFact]
    public async Task OnTheSampleDataPairingsPerCityPerYearOfTheWellConnectedMatchTheLinqEvaluation()
    {
        await using var app = (PolicyApplication)new PolicyApplication(store).With("Store:LoadSampleData", "true");
        var enterprises = await ScanAsync(app, NodeKind.Enterprise);
        var pairings = await PairingsAsync(app, enterprises);
        var universities = await ScanAsync(app, NodeKind.University);
        var degrees = await ScoresAsync(app, "DEGREE");
        var pageRanks = await ScoresAsync(app, "PAGE_RANK");

        // The two questions of docs/schema.md, as written there.
        var answer = PolicyApplication.Ok(await app.AnalyseAsync("""
            { enterprisesAggregate(where: { collaborationDegree: { gte: 5 } }, groupBy: [{ region: CITY }, { year: true }], from: 2023, to: 2024) {
                groups { key { region year } count pairingsCount } }
              enterprises(where: { collaborationDegree: { gte: 5 } }) { totalCount }
              universitiesAggregate(where: { collaborationPageRank: { gte: 0.01 } }, groupBy: [{ region: CITY }]) {
                groups { key { region regionName } count } } }
            """));

        var expected = PerCityPerYear(enterprises, pairings, e => degrees.GetValueOrDefault(e.Id) >= 5, 2023, 2024);
        Assert.Equal(expected, Rows(answer["enterprisesAggregate"]!, Row));
        var listed = answer["enterprises"]!["totalCount"]!.GetValue<int>();
        Assert.Equal(listed, answer["enterprisesAggregate"]!["groups"]!.AsArray().Where(g => g!["key"]!["year"]!.GetValue<int>() == 2023).Sum(g => g!["count"]!.GetValue<int>()));
        Assert.InRange(listed, 2, enterprises.Count - 1);
        var top = universities.Where(u => pageRanks[u.Id] >= 0.01).ToList();
        Assert.Equal(
            [.. top.GroupBy(u => City(u.Properties.Text("region"))).OrderBy(g => g.Key ?? "\uffff", StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")],
            Rows(answer["universitiesAggregate"]!, g => $"{g["key"]!["region"]}: {g["count"]}"));
        Assert.InRange(top.Count, 2, universities.Count - 1);
    }
}

/// <summary><see cref="RankingConditionTests"/> on the embedded store, and the bound, on it alone.</summary>
public sealed class SqliteRankingConditionTests() : RankingConditionTests(TestStore.Sqlite)
{
    // The bound is judged in the service, from the projection's scores, before the store is asked anything: one store
    // shows it, and the test Neo4j would take minutes to be seeded with the 20,003 nodes it needs.
    [Fact]
    public async Task AConditionHoldingForMoreThanTenThousandAndFailingForMoreIsRefusedNamingItsPath()
    {
        // 10,001 enterprises paired with one university (degree 1), 10,001 without a tie (degree 0).
        await using var app = new PolicyApplication(TestStore.Sqlite);
        var hub = University("rank-example-hub", "示例枢纽大学", "450107");
        var paired = Enumerable.Range(1, 10_001).Select(i => Enterprise(i, $"示例结对企业{i}", "450205")).ToList();
        var alone = Enumerable.Range(20_001, 10_001).Select(i => Enterprise(i, $"示例独立企业{i}", "450103")).ToList();
        object[] graph = [hub, .. paired, .. alone, .. paired.Select(e => Link(LinkType.PairedWith, e, hub, Day(2024, 1, 1)))];
        // In batches a store writes within its time limit.
        foreach (var batch in graph.Chunk(2_500))
            await app.SeedAsync(batch);

        var both = await app.PostAsync("{ enterprisesAggregate(where: { collaborationDegree: { gte: 1 } }) { suppressedGroups } }");
        var nested = await app.PostAsync("""
            { enterprisesAggregate(where: { or: [{ region: { eq: "450100" } }, { pairings: { some: { node: { collaborationDegree: { gte: 1 } } } } }, { collaborationDegree: { lt: 1 } }] }) {
                suppressedGroups } }
            """);
        var narrowed = await app.PostAsync("{ enterprisesAggregate(where: { collaborationDegree: { gte: 2 } }) { groups { count } } }");

        Assert.Equal(["INVALID_INPUT"], both.ErrorCodes);
        Assert.Contains("'where.collaborationDegree'", PolicyApplication.Error(both).Message);
        Assert.Contains("at most 10000", PolicyApplication.Error(both).Message);
        Assert.Equal(["INVALID_INPUT"], nested.ErrorCodes);
        Assert.Contains("'where.or[2].collaborationDegree'", PolicyApplication.Error(nested).Message);
        // Holding for none and failing for all is within the bound: an empty selection, one empty group.
        Assert.Equal(0, PolicyApplication.Ok(narrowed)["enterprisesAggregate"]!["groups"]!.AsArray().Sum(g => g!["count"]!.GetValue<int>()));
    }
}

/// <summary><see cref="RankingConditionTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jRankingConditionTests() : RankingConditionTests(TestStore.Neo4j);
