using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Lists;

/// <summary>
/// Root lists filtered and sorted by how many links of a field a node has (<c>pairings: { count: { gte: 2 } }</c>,
/// <c>order: [{ pairingsCount: DESC }]</c>) on a hand-made graph, each answer compared with a LINQ evaluation over the
/// nodes and links the same store holds; paging across equal counts; the errors and the cost.
/// </summary>
public abstract class LinkCountTests(TestStore store)
{
    // Pairings: 3, 2, 2, 1, 1 and 0; cooperation agreements 1–2 and 3–1, so 1 has two, at either end.
    static readonly NodeInput One = Enterprise(91, "柳州示例一号有限公司", "450205");
    static readonly NodeInput Two = Enterprise(92, "柳州示例二号有限公司", "450202");
    static readonly NodeInput Three = Enterprise(93, "南宁示例三号有限公司", "450103");
    static readonly NodeInput Four = Enterprise(94, "南宁示例四号有限公司", "450103");
    static readonly NodeInput Five = Enterprise(95, "桂林示例五号有限公司", "450305");
    static readonly NodeInput Six = Enterprise(96, "桂林示例六号有限公司", "450305");
    static readonly NodeInput Nanning = University("count-example-nn", "南宁示例大学", "450107");
    static readonly NodeInput Liuzhou = University("count-example-lz", "柳州示例工学院", "450200");
    static readonly NodeInput Guilin = University("count-example-gl", "桂林示例学院", "450300");

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(One, Two, Three, Four, Five, Six, Nanning, Liuzhou, Guilin,
            Link(LinkType.PairedWith, One, Nanning, Day(2023, 3, 1)),
            Link(LinkType.PairedWith, One, Liuzhou, Day(2024, 5, 1)),
            Link(LinkType.PairedWith, One, Guilin, Day(2022, 1, 1), Day(2023, 6, 30)),
            Link(LinkType.PairedWith, Two, Liuzhou, Day(2024, 1, 1)),
            Link(LinkType.PairedWith, Two, Guilin, Day(2024, 1, 1)),
            Link(LinkType.PairedWith, Three, Nanning, Day(2023, 1, 1)),
            Link(LinkType.PairedWith, Three, Liuzhou, Day(2023, 1, 1)),
            Link(LinkType.PairedWith, Four, Nanning, Day(2025, 2, 1)),
            Link(LinkType.PairedWith, Five, Guilin, Day(2023, 7, 1)),
            Link(LinkType.CooperationAgreement, One, Two, Day(2024, 1, 1)),
            Link(LinkType.CooperationAgreement, Three, One, Day(2024, 1, 1)));
        return app;
    }

    /// <summary>The LINQ side: the store's nodes of a kind and how many links of the type each has in the direction, read back as stored.</summary>
    static async Task<Dictionary<string, int>> CountsAsync(PolicyApplication app, NodeKind kind, LinkType type, Direction direction)
    {
        var ids = new List<string>();
        await foreach (var node in app.GraphStore.ScanNodesAsync(kind))
            ids.Add(node.Id);
        var links = await app.GraphStore.GetLinksAsync(new LinkQuery(ids, direction, [type]));
        return ids.ToDictionary(id => id, id => links.Where(l => direction switch
        {
            Direction.Out => l.FromId == id,
            Direction.In => l.ToId == id,
            _ => l.FromId == id || l.ToId == id,
        }).Select(l => l.Id).Distinct().Count());
    }

    static List<string> Ids(JsonNode list) => [.. list["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];

    static List<string> MostFirst(Dictionary<string, int> counts, Func<int, bool> keep, bool descending = true)
    {
        var kept = counts.Where(c => keep(c.Value));
        var sorted = descending ? kept.OrderByDescending(c => c.Value) : kept.OrderBy(c => c.Value);
        return [.. sorted.ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key)];
    }

    [StoreFact]
    public async Task EveryCountComparisonSelectsWhatTheLinqEvaluationSelects()
    {
        await using var app = await StartAsync();
        var counts = await CountsAsync(app, NodeKind.Enterprise, LinkType.PairedWith, Direction.Out);
        Assert.Equal([0, 1, 1, 2, 2, 3], counts.Values.Order());

        foreach (var (operation, holds) in new (string, Func<int, int, bool>)[]
            { ("eq", (c, n) => c == n), ("gt", (c, n) => c > n), ("gte", (c, n) => c >= n), ("lt", (c, n) => c < n), ("lte", (c, n) => c <= n) })
        {
            foreach (var n in new[] { 0, 1, 2, 4 })
            {
                var answer = PolicyApplication.Ok(await app.PostAsync(
                    $"{{ enterprises(first: 100, where: {{ pairings: {{ count: {{ {operation}: {n} }} }} }}) {{ totalCount nodes {{ id }} }} }}"))["enterprises"]!;
                var expected = counts.Where(c => holds(c.Value, n)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(Ids(answer).Order(StringComparer.Ordinal)), $"count {operation} {n}");
                Assert.Equal(expected.Count, answer["totalCount"]!.GetValue<int>());
            }
        }
    }

    [StoreFact]
    public async Task TheEnterprisesWithAtLeastTwoPairingsComeMostFirstWithTiesByIdAsTheLinqEvaluationSorts()
    {
        await using var app = await StartAsync();
        var counts = await CountsAsync(app, NodeKind.Enterprise, LinkType.PairedWith, Direction.Out);

        var answer = PolicyApplication.Ok(await app.PostAsync(
            "{ enterprises(where: { pairings: { count: { gte: 2 } } }, order: [{ pairingsCount: DESC }]) { totalCount nodes { id } } }"))["enterprises"]!;
        var fewestFirst = PolicyApplication.Ok(await app.PostAsync(
            "{ enterprises(order: [{ pairingsCount: ASC }, { name: DESC }]) { nodes { id } } }"))["enterprises"]!;

        Assert.Equal(MostFirst(counts, c => c >= 2), Ids(answer));
        Assert.Equal([One.Id, .. new[] { Two.Id, Three.Id }.Order(StringComparer.Ordinal)], Ids(answer));
        // The second key breaks the ties between equal counts: 二号 after 三号 by name, descending, whatever their ids.
        var byName = new Dictionary<string, string> { [Two.Id] = Two.Name, [Three.Id] = Three.Name, [Four.Id] = Four.Name, [Five.Id] = Five.Name };
        var expected = counts.OrderBy(c => c.Value).ThenByDescending(c => byName.GetValueOrDefault(c.Key, ""), StringComparer.Ordinal).Select(c => c.Key);
        Assert.Equal(expected, Ids(fewestFirst));
    }

    [StoreFact]
    public async Task AUniversityCountsTheEnterprisesPairedWithItAndOrganizationsCountAgreementsAtEitherEnd()
    {
        await using var app = await StartAsync();
        var universities = await CountsAsync(app, NodeKind.University, LinkType.PairedWith, Direction.In);
        var agreements = await CountsAsync(app, NodeKind.Enterprise, LinkType.CooperationAgreement, Direction.Both);

        var paired = PolicyApplication.Ok(await app.PostAsync(
            "{ universities(where: { pairings: { count: { gt: 2 } } }, order: [{ pairingsCount: DESC }]) { nodes { id } } }"))["universities"]!;
        var signed = PolicyApplication.Ok(await app.PostAsync(
            "{ enterprises(where: { cooperationAgreements: { count: { gte: 1 } } }, order: [{ cooperationAgreementsCount: DESC }]) { nodes { id } } }"))["enterprises"]!;

        Assert.Equal(MostFirst(universities, c => c > 2), Ids(paired));
        Assert.Equal(MostFirst(agreements, c => c >= 1), Ids(signed));
        Assert.Equal(One.Id, Ids(signed)[0]);
        Assert.Equal(3, Ids(signed).Count);
    }

    [StoreFact]
    public async Task ACountCombinesWithSomeOnTheSameFieldAndWithAndOrNot()
    {
        await using var app = await StartAsync();
        var counts = await CountsAsync(app, NodeKind.Enterprise, LinkType.PairedWith, Direction.Out);
        var pairings = await app.GraphStore.GetLinksAsync(new LinkQuery([.. counts.Keys], Direction.Out, [LinkType.PairedWith]));
        bool PairedWith(string id, NodeInput university) => pairings.Any(l => l.FromId == id && l.ToId == university.Id);

        var both = PolicyApplication.Ok(await app.PostAsync($$"""
            { enterprises(first: 100, where: { pairings: { count: { gte: 2 }, some: { node: { key: { eq: "{{Nanning.Key}}" } } } } }) { nodes { id } } }
            """))["enterprises"]!;
        var either = PolicyApplication.Ok(await app.PostAsync("""
            { enterprises(first: 100, where: { or: [{ pairings: { count: { eq: 0 } } }, { and: [{ pairings: { count: { lte: 2 } } }, { not: { pairings: { count: { lt: 2 } } } }] }] }) { nodes { id } } }
            """))["enterprises"]!;

        Assert.Equal(counts.Where(c => c.Value >= 2 && PairedWith(c.Key, Nanning)).Select(c => c.Key).Order(StringComparer.Ordinal), Ids(both).Order(StringComparer.Ordinal));
        Assert.Equal(counts.Where(c => c.Value == 0 || c.Value == 2).Select(c => c.Key).Order(StringComparer.Ordinal), Ids(either).Order(StringComparer.Ordinal));
        Assert.Equal(2, Ids(both).Count);
    }

    [StoreFact]
    public async Task PagingOneByOneAcrossEqualCountsGivesEveryEnterpriseOnceInOrder()
    {
        await using var app = await StartAsync();
        var counts = await CountsAsync(app, NodeKind.Enterprise, LinkType.PairedWith, Direction.Out);

        var paged = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var cursor = after is null ? "" : $", after: \"{after}\"";
            var answer = PolicyApplication.Ok(await app.PostAsync(
                $"{{ enterprises(first: 1{cursor}, order: [{{ pairingsCount: DESC }}]) {{ nodes {{ id }} pageInfo {{ hasNextPage endCursor }} }} }}"))["enterprises"]!;
            paged.AddRange(Ids(answer));
            if (!answer["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                break;
            after = answer["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        var lastTwo = PolicyApplication.Ok(await app.PostAsync(
            "{ enterprises(last: 2, order: [{ pairingsCount: DESC }]) { nodes { id } } }"))["enterprises"]!;

        Assert.Equal(MostFirst(counts, _ => true), paged);
        Assert.Equal(MostFirst(counts, _ => true).TakeLast(2), Ids(lastTwo));
    }

    [StoreFact]
    public async Task ANegativeCountIsRefusedNamingTheArgumentAndACountOnAPropertyDoesNotFitTheSchema()
    {
        await using var app = await StartAsync();

        var negative = await app.PostAsync("{ enterprises(where: { and: [{ pairings: { count: { gte: -1 } } }] }) { totalCount } }");
        var onProperty = await app.PostAsync("{ enterprises(where: { name: { count: { gte: 1 } } }) { totalCount } }");
        var sortOnProperty = await app.PostAsync("{ enterprises(order: [{ nameCount: DESC }]) { totalCount } }");
        var aggregate = await app.PostAsync("{ enterprisesAggregate(where: { pairings: { count: { lt: -2 } } }) { suppressedGroups } }");

        Assert.Equal(["INVALID_INPUT"], negative.ErrorCodes);
        Assert.Contains("'where.and[0].pairings.count.gte'", PolicyApplication.Error(negative).Message);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], onProperty.ErrorCodes);
        Assert.Contains("count", PolicyApplication.Error(onProperty).Message);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], sortOnProperty.ErrorCodes);
        Assert.Contains("nameCount", PolicyApplication.Error(sortOnProperty).Message);
        Assert.Equal(["INVALID_INPUT"], aggregate.ErrorCodes);
        Assert.Contains("'where.pairings.count.lt'", PolicyApplication.Error(aggregate).Message);
    }

    [StoreFact]
    public async Task ACountConditionAndACountSortEachWeighAsMuchAsALinkCondition()
    {
        await using var app = new PolicyApplication(store).With("GraphQL:MaxComplexity", "1");

        int Complexity(GraphQLResponse response) =>
            int.Parse(System.Text.RegularExpressions.Regex.Match(PolicyApplication.Error(response).Message, @"Complexity is (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var plain = Complexity(await app.PostAsync("{ enterprises { totalCount } }"));
        var some = Complexity(await app.PostAsync("{ enterprises(where: { pairings: { some: { } } }) { totalCount } }"));
        var counted = Complexity(await app.PostAsync("{ enterprises(where: { pairings: { count: { gte: 2 } } }) { totalCount } }"));
        var sorted = Complexity(await app.PostAsync("{ enterprises(order: [{ pairingsCount: DESC }, { name: ASC }]) { totalCount } }"));
        var both = Complexity(await app.PostAsync("{ enterprises(where: { pairings: { count: { gte: 2 } } }, order: [{ pairingsCount: DESC }]) { totalCount } }"));

        Assert.True(some > plain);
        Assert.Equal(some, counted);
        Assert.Equal(some, sorted);
        Assert.Equal(plain + 2 * (some - plain), both);
    }

    /// <summary>The LINQ side of the rankings: each organisation's distinct partners and summed tie weight (2 a pairing, 2 an agreement) over every link the store holds.</summary>
    static async Task<Dictionary<string, (int Degree, double Weight)>> NetworkAsync(PolicyApplication app)
    {
        var organizations = new List<string>();
        foreach (var kind in GraphCatalog.OrganizationKinds)
        {
            await foreach (var node in app.GraphStore.ScanNodesAsync(kind))
                organizations.Add(node.Id);
        }
        var links = await app.GraphStore.GetLinksAsync(new LinkQuery(organizations, Direction.Both, [LinkType.PairedWith, LinkType.CooperationAgreement]));
        var distinct = links.DistinctBy(l => l.Id).ToList();
        return organizations.ToDictionary(id => id, id =>
        {
            var own = distinct.Where(l => l.FromId == id || l.ToId == id).ToList();
            return (own.Select(l => l.FromId == id ? l.ToId : l.FromId).Distinct().Count(), own.Count * 2.0);
        });
    }

    [StoreFact]
    public async Task RankingConditionsAndSortsMatchTheDegreesAndWeightsOfTheWholeNetwork()
    {
        await using var app = await StartAsync();
        var network = await NetworkAsync(app);
        var enterprises = network.Where(n => n.Key.StartsWith("Enterprise:", StringComparison.Ordinal)).ToDictionary();
        var pairings = await CountsAsync(app, NodeKind.Enterprise, LinkType.PairedWith, Direction.Out);
        var pairingLinks = await app.GraphStore.GetLinksAsync(new LinkQuery([.. pairings.Keys], Direction.Out, [LinkType.PairedWith]));

        var central = PolicyApplication.Ok(await app.PostAsync(
            "{ enterprises(where: { collaborationDegree: { gte: 3 } }, order: [{ collaborationDegree: DESC }]) { totalCount nodes { id } } }"))["enterprises"]!;
        var weighted = PolicyApplication.Ok(await app.PostAsync(
            "{ organizations(first: 100, where: { collaborationWeightedDegree: { gt: 2, lte: 6 } }, order: [{ collaborationWeightedDegree: ASC }, { name: ASC }]) { nodes { id name } } }"))["organizations"]!;
        var pairedWithCentral = PolicyApplication.Ok(await app.PostAsync(
            "{ enterprises(first: 100, where: { pairings: { count: { gte: 2 }, some: { node: { collaborationDegree: { eq: 3 } } } }, collaborationDegree: { lt: 5 } }) { nodes { id } } }"))["enterprises"]!;

        Assert.Equal([5, 3, 3, 1, 1, 0], enterprises.Values.Select(v => v.Degree).OrderDescending());
        Assert.Equal(
            [.. enterprises.Where(e => e.Value.Degree >= 3).OrderByDescending(e => e.Value.Degree).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key)],
            Ids(central));
        Assert.Equal(3, central["totalCount"]!.GetValue<int>());
        // Equal weights keep the order of the next key, the name.
        var names = PolicyApplication.Ok(await app.PostAsync("{ organizations(first: 100) { nodes { id name } } }"))["organizations"]!["nodes"]!.AsArray()
            .ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!["name"]!.GetValue<string>());
        Assert.Equal(
            [.. network.Where(n => n.Value.Weight is > 2 and <= 6).OrderBy(n => n.Value.Weight).ThenBy(n => names[n.Key], StringComparer.Ordinal).Select(n => n.Key)],
            Ids(weighted));
        Assert.Equal(
            [.. enterprises.Where(e => e.Value.Degree < 5 && pairings[e.Key] >= 2 && pairingLinks.Any(l => l.FromId == e.Key && network[l.ToId].Degree == 3)).Select(e => e.Key).Order(StringComparer.Ordinal)],
            Ids(pairedWithCentral).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { Two.Id, Three.Id }.Order(StringComparer.Ordinal), Ids(pairedWithCentral).Order(StringComparer.Ordinal));
    }

    [StoreFact]
    public async Task APageRankSortListsWhatRankingsListsAndPagesAcrossEqualScores()
    {
        await using var app = await StartAsync();

        var rankings = PolicyApplication.Ok(await app.PostAsync("{ rankings(metric: PAGE_RANK, top: 100) { top { score organization { id } } } }"))["rankings"]!["top"]!.AsArray();
        var listed = PolicyApplication.Ok(await app.PostAsync("{ organizations(first: 100, order: [{ collaborationPageRank: DESC }]) { nodes { id } } }"))["organizations"]!;
        var paged = new List<string>();
        string? after = null;
        for (var page = 0; page < 20; page++)
        {
            var cursor = after is null ? "" : $", after: \"{after}\"";
            var answer = PolicyApplication.Ok(await app.PostAsync(
                $"{{ organizations(first: 2{cursor}, order: [{{ collaborationDegree: DESC }}]) {{ nodes {{ id }} pageInfo {{ hasNextPage endCursor }} }} }}"))["organizations"]!;
            paged.AddRange(Ids(answer));
            if (!answer["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                break;
            after = answer["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        var network = await NetworkAsync(app);

        // The scores rankings reports (rounded to 10 digits), highest first, equal ones by id.
        Assert.Equal(
            rankings.OrderByDescending(r => r!["score"]!.GetValue<double>()).ThenBy(r => r!["organization"]!["id"]!.GetValue<string>(), StringComparer.Ordinal)
                .Select(r => r!["organization"]!["id"]!.GetValue<string>()),
            Ids(listed));
        Assert.Equal(9, Ids(listed).Count);
        Assert.Equal([.. network.OrderByDescending(n => n.Value.Degree).ThenBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Key)], paged);
    }

    [StoreFact]
    public async Task ARankingKeyAfterAnotherKeyOrOnPeopleIsRefused()
    {
        await using var app = await StartAsync();

        var late = await app.PostAsync("{ enterprises(order: [{ name: ASC }, { collaborationDegree: DESC }]) { totalCount } }");
        var people = await app.PostAsync("{ people(order: [{ collaborationDegree: DESC }]) { totalCount } }");

        Assert.Equal(["INVALID_INPUT"], late.ErrorCodes);
        Assert.Contains("collaborationDegree", PolicyApplication.Error(late).Message);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], people.ErrorCodes);
    }
}

/// <summary><see cref="LinkCountTests"/> on the embedded store.</summary>
public sealed class SqliteLinkCountTests() : LinkCountTests(TestStore.Sqlite);

/// <summary><see cref="LinkCountTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jLinkCountTests() : LinkCountTests(TestStore.Neo4j);
