using System.Text.Json.Nodes;
using static KnowledgeGraph.Api.Tests.Collaboration.CollaborationApplication;

namespace KnowledgeGraph.Api.Tests.Collaboration;

/// <summary>
/// Network selections as a researcher asks them, on the hand-made network of <see cref="CollaborationApplication"/>.
/// 柳州 (450200) holds 柳州工程机械 and 柳州汽车零部件; counted by hand, the ties touching it are
/// <code>
///   柳州工程机械 – 柳州汽车零部件   technology contract   enterprise–enterprise, inside
///   柳州工程机械 – 广西大学         pairing               enterprise–university, crossing
///   柳州汽车零部件 – 南宁大数据     platform              enterprise–enterprise, crossing
///   柳州汽车零部件 – 清华大学       technology contract   enterprise–university, crossing
/// </code>
/// so 柳州 has 2 enterprise–university ties, both leaving it. In the whole network 广西大学 has 2 partners
/// (柳州工程机械, 南宁大数据) and 清华大学 2 (南宁大数据, 柳州汽车零部件); among universities alone, none.
/// </summary>
public sealed class NetworkSelectionTests
{
    [Fact]
    public async Task TheLiuzhouQuestionCountsTheEnterpriseUniversityTiesThatLeaveTheRegion()
    {
        await using var app = await SeededAsync();
        var response = await app.PostAsync("""
            {
              inside: collaborationNetwork(where: { region: "450200", year: 2024 }) {
                tieCounts { ties byOrganizationKinds { kinds ties } }
                statistics { edges externalTies }
              }
              withBoundary: collaborationNetwork(where: { region: "450200", year: 2024, boundary: INCLUDE }) {
                organizations { totalCount nodes { id } }
                outsidePartners { totalCount nodes { id name } }
                ties { totalCount nodes { sourceId targetId crossing kinds source { name } target { name } } }
                tieCounts { ties crossingTies byOrganizationKinds { kinds ties } byKind { kind ties } }
                statistics { nodes edges externalTies }
              }
            }
            """);

        Assert.Empty(response.Errors);
        var inside = response.Data!["inside"]!;
        Assert.Equal(1, inside["tieCounts"]!["ties"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["ENTERPRISE-ENTERPRISE"] = 1 }, ByKindPair(inside));
        Assert.Equal(3, inside["statistics"]!["externalTies"]!.GetValue<int>());

        var network = response.Data!["withBoundary"]!;
        Assert.Equal([Machinery, AutoParts], Ids(network["organizations"]!["nodes"]!).Order(StringComparer.Ordinal));
        Assert.Equal([BigData, Gxu, Tsinghua], Ids(network["outsidePartners"]!["nodes"]!).Order(StringComparer.Ordinal));
        Assert.Contains(network["outsidePartners"]!["nodes"]!.AsArray(), n => n!["name"]!.GetValue<string>() == "清华大学");

        var ties = network["ties"]!["nodes"]!.AsArray();
        Assert.Equal(4, network["ties"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(3, ties.Count(t => t!["crossing"]!.GetValue<bool>()));
        var pairing = ties.Single(t => t!["kinds"]!.AsArray().Select(k => k!.GetValue<string>()).SequenceEqual(["PAIRING"]))!;
        Assert.Equal((Machinery, Gxu), (pairing["sourceId"]!.GetValue<string>(), pairing["targetId"]!.GetValue<string>()));
        Assert.Equal(("柳州工程机械, 股份", "广西大学"), (pairing["source"]!["name"]!.GetValue<string>(), pairing["target"]!["name"]!.GetValue<string>()));
        Assert.True(pairing["crossing"]!.GetValue<bool>());

        var counts = network["tieCounts"]!;
        Assert.Equal((4, 3), (counts["ties"]!.GetValue<int>(), counts["crossingTies"]!.GetValue<int>()));
        Assert.Equal(new Dictionary<string, int> { ["ENTERPRISE-ENTERPRISE"] = 2, ["ENTERPRISE-UNIVERSITY"] = 2 }, ByKindPair(network));
        Assert.Equal(
            new Dictionary<string, int> { ["PLATFORM"] = 1, ["PAIRING"] = 1, ["TECHNOLOGY_CONTRACT"] = 2 },
            counts["byKind"]!.AsArray().ToDictionary(c => c!["kind"]!.GetValue<string>(), c => c!["ties"]!.GetValue<int>()));
        // The statistics stay those of the selection itself: two organisations, one tie inside, three leaving.
        Assert.Equal((2, 1, 3), (network["statistics"]!["nodes"]!.GetValue<int>(), network["statistics"]!["edges"]!.GetValue<int>(),
            network["statistics"]!["externalTies"]!.GetValue<int>()));
    }

    [Theory]
    // Universities only: no tie between two of them, four from one to an enterprise.
    [InlineData("organizationKinds: [UNIVERSITY]", 0, 4, new[] { Machinery, BigData, AutoParts })]
    // Machinery and its sub-fields: 柳州工程机械 (construction machinery), 广西大学 and 清华大学; their one tie inside is 柳州工程机械 – 广西大学.
    [InlineData("field: \"machinery\"", 1, 4, new[] { BigData, AutoParts })]
    public async Task AKindOrFieldSelectionIncludesTheTiesThatLeaveItToo(string where, int inside, int crossing, string[] outside)
    {
        await using var app = await SeededAsync();
        var response = await app.PostAsync($$"""
            {
              inside: collaborationNetwork(where: { {{where}} }) { tieCounts { ties crossingTies } }
              withBoundary: collaborationNetwork(where: { {{where}}, boundary: INCLUDE }) {
                outsidePartners { nodes { id } }
                ties { nodes { crossing } }
                tieCounts { ties crossingTies }
              }
            }
            """);

        Assert.Empty(response.Errors);
        Assert.Equal((inside, 0), (response.Data!["inside"]!["tieCounts"]!["ties"]!.GetValue<int>(), response.Data!["inside"]!["tieCounts"]!["crossingTies"]!.GetValue<int>()));
        var network = response.Data!["withBoundary"]!;
        Assert.Equal((inside + crossing, crossing), (network["tieCounts"]!["ties"]!.GetValue<int>(), network["tieCounts"]!["crossingTies"]!.GetValue<int>()));
        Assert.Equal(crossing, network["ties"]!["nodes"]!.AsArray().Count(t => t!["crossing"]!.GetValue<bool>()));
        Assert.Equal(outside.Order(StringComparer.Ordinal), Ids(network["outsidePartners"]!["nodes"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RankingsAreComputedOnTheWholeNetworkAndListedForTheSelection()
    {
        await using var app = await SeededAsync();
        var response = await app.PostAsync("""
            {
              whole: rankings(metric: DEGREE, where: { organizationKinds: [UNIVERSITY] }) { organizations top { rank score organization { id } } }
              guangxi: rankings(metric: DEGREE, where: { organizationKinds: [UNIVERSITY] }, scope: { region: "450000" }) { organizations top { score organization { id } } }
              amongUniversities: rankings(metric: DEGREE, where: { organizationKinds: [UNIVERSITY] }, scope: { organizationKinds: [UNIVERSITY] }) { top { score } }
              agreements: rankings(metric: DEGREE, where: { organizationKinds: [UNIVERSITY], kinds: [AGREEMENT] }) { top { score organization { id } } }
            }
            """);

        Assert.Empty(response.Errors);
        var whole = response.Data!["whole"]!;
        Assert.Equal(2, whole["organizations"]!.GetValue<int>());
        Assert.Equal([(Gxu, 2.0), (Tsinghua, 2.0)], Scores(whole));
        Assert.Equal([1, 2], whole["top"]!.AsArray().Select(t => t!["rank"]!.GetValue<int>()));
        // Scoped to Guangxi: 清华大学 is outside the scope, 广西大学 keeps its two Guangxi partners.
        Assert.Equal([(Gxu, 2.0)], Scores(response.Data!["guangxi"]!));
        // The old answer, ranking inside the university-only subgraph, is still there for whoever asks for that scope.
        Assert.All(response.Data!["amongUniversities"]!["top"]!.AsArray(), t => Assert.Equal(0.0, t!["score"]!.GetValue<double>()));
        // Without a scope, where's tie filters choose the ties of the whole network: agreements only.
        Assert.Equal([(Gxu, 1.0), (Tsinghua, 1.0)], Scores(response.Data!["agreements"]!));
    }

    [Fact]
    public async Task NetworkListsComeInPagesThatAddUpToTheWholeList()
    {
        await using var app = await SeededAsync();
        var seen = new List<string>();
        string? after = null;
        int pages = 0, total;
        do
        {
            var response = await app.PostAsync("""
                query($after: String) { collaborationNetwork { ties(first: 2, after: $after) { totalCount nodes { sourceId targetId } pageInfo { hasNextPage endCursor } } } }
                """, new { after });
            Assert.Empty(response.Errors);
            var page = response.Data!["collaborationNetwork"]!["ties"]!;
            total = page["totalCount"]!.GetValue<int>();
            seen.AddRange(page["nodes"]!.AsArray().Select(t => t!["sourceId"]!.GetValue<string>() + "|" + t["targetId"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(6, total);
        Assert.Equal(3, pages);
        Assert.Equal(6, seen.Distinct().Count());
    }

    [Fact]
    public async Task CommunityAndChangeListsComeInPagesThatAddUpToTheWholeList()
    {
        await using var app = await SeededAsync();
        var whole = await app.PostAsync("""
            {
              communities { communities(first: 50) { totalCount nodes { index members(first: 50) { nodes { id } } } } }
              collaborationNetwork(where: { year: 2024 }) { ties(first: 500) { nodes { sourceId targetId } } }
              all: collaborationNetwork { organizations { totalCount } }
              collaborationChange(fromYear: 2016, toYear: 2024) { newTies(first: 500) { totalCount } keptTies }
            }
            """);
        Assert.Empty(whole.Errors);
        var byCommunity = whole.Data!["communities"]!["communities"]!["nodes"]!.AsArray()
            .SelectMany(c => Ids(c!["members"]!["nodes"]!).Select(id => id + "@" + c["index"]!.GetValue<int>())).Order().ToList();
        var ties2024 = whole.Data!["collaborationNetwork"]!["ties"]!["nodes"]!.AsArray().Select(TieKey).Order().ToList();

        var memberships = await PagesAsync(app, "query($after: String) { communities { l: memberships(first: 2, after: $after) { totalCount nodes { organizationId community } pageInfo { hasNextPage endCursor } } } }",
            data => data["communities"]!["l"]!, m => m["organizationId"]!.GetValue<string>() + "@" + m["community"]!.GetValue<int>());
        var members = await PagesAsync(app, "query($after: String) { communities { communities(first: 1) { nodes { l: members(first: 1, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } } } }",
            data => data["communities"]!["communities"]!["nodes"]![0]!["l"]!, m => m["id"]!.GetValue<string>());
        var newTies = await PagesAsync(app, "query($after: String) { collaborationChange(fromYear: 2016, toYear: 2024) { l: newTies(first: 2, after: $after) { totalCount nodes { sourceId targetId } pageInfo { hasNextPage endCursor } } } }",
            data => data["collaborationChange"]!["l"]!, TieKey);

        Assert.Equal(whole.Data!["all"]!["organizations"]!["totalCount"]!.GetValue<int>(), byCommunity.Count);
        Assert.NotEmpty(ties2024);
        Assert.Equal(byCommunity, memberships.Order());
        Assert.Equal(whole.Data!["communities"]!["communities"]!["nodes"]![0]!["members"]!["nodes"]!.AsArray().Count, members.Count);
        Assert.Subset(byCommunity.Select(m => m[..m.IndexOf('@', StringComparison.Ordinal)]).ToHashSet(), members.ToHashSet());
        // In 2016 nothing had started yet in the hand-made network, so every tie of 2024 is new, and none was kept.
        Assert.Equal(0, whole.Data!["collaborationChange"]!["keptTies"]!.GetValue<int>());
        Assert.Equal(ties2024, newTies.Order());
    }

    [Theory]
    [InlineData("{ collaborationNetwork { organizations(first: 501) { totalCount } } }", "INVALID_INPUT")]
    [InlineData("{ collaborationChange(fromYear: 2021, toYear: 2024) { newTies(first: 501) { totalCount } } }", "INVALID_INPUT")]
    [InlineData("{ collaborationChange(fromYear: 2021, toYear: 2024) { lostTies(last: 100000) { totalCount } } }", "INVALID_INPUT")]
    [InlineData("{ communities { communities(first: 501) { totalCount } } }", "INVALID_INPUT")]
    [InlineData("{ communities { memberships(first: 1000000) { totalCount } } }", "INVALID_INPUT")]
    [InlineData("{ communities { communities { nodes { members(first: 501) { totalCount } } } } }", "INVALID_INPUT")]
    [InlineData("{ collaborationNetwork { ties(after: \"bm90LWEtY3Vyc29y\") { totalCount } } }", "INVALID_INPUT")]
    [InlineData("{ collaborationNetwork(where: { boundary: SIDEWAYS }) { tieCounts { ties } } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ rankings(metric: DEGREE, scope: { region: \"4502\" }) { organizations } }", "INVALID_INPUT")]
    public async Task BadPagingBoundaryOrScopeIsAnErrorWithACode(string query, string code)
    {
        await using var app = await SeededAsync();
        var response = await app.PostAsync(query);

        Assert.Contains(code, response.ErrorCodes);
    }

    [Fact]
    public async Task AListCostsThePageItAsksFor()
    {
        await using var app = await SeededAsync();
        // Eight networks' ties with both ends' names: at 500 a page that is over the complexity limit (20,000) and is
        // refused before anything runs; at 50 a page it passes.
        static string Query(int first) => "{ " + string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"n{i}: collaborationNetwork {{ ties(first: {first}) {{ nodes {{ source {{ id name }} target {{ id name }} }} }} }} ")) + "}";

        var refused = await app.PostAsync(Query(500));
        Assert.Contains("QUERY_TOO_COMPLEX", refused.ErrorCodes);

        var paged = await app.PostAsync(Query(50));
        Assert.Empty(paged.Errors);
        Assert.Equal(6, paged.Data!["n7"]!["ties"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task CommunityMembersInsideCommunitiesCostBothPages()
    {
        await using var app = await SeededAsync();
        // 500 communities of 500 members with names: 250,000 fields, far over the limit (20,000), refused before any
        // community is computed; 20 of 20 pass.
        var refused = await app.PostAsync("{ communities { communities(first: 500) { nodes { members(first: 500) { nodes { id name } } } } } }");
        Assert.Contains("QUERY_TOO_COMPLEX", refused.ErrorCodes);
        Assert.Null(refused.Data?["communities"]);

        var paged = await app.PostAsync("{ communities { communities(first: 20) { nodes { members(first: 20) { nodes { id name } } } } } }");
        Assert.Empty(paged.Errors);
    }

    static string TieKey(JsonNode? tie) => tie!["sourceId"]!.GetValue<string>() + "|" + tie["targetId"]!.GetValue<string>();

    // Follows endCursor until the last page (at most 20 pages), checking each page's totalCount against what was read.
    static async Task<List<string>> PagesAsync(CollaborationApplication app, string query, Func<JsonNode, JsonNode> page, Func<JsonNode, string> key)
    {
        var seen = new List<string>();
        string? after = null;
        var total = -1;
        for (var pages = 0; pages < 20; pages++)
        {
            var response = await app.PostAsync(query, new { after });
            Assert.Empty(response.Errors);
            var current = page(response.Data!);
            total = current["totalCount"]!.GetValue<int>();
            seen.AddRange(current["nodes"]!.AsArray().Select(n => key(n!)));
            if (!current["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                break;
            after = current["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(total, seen.Count);
        return seen;
    }

    static IEnumerable<string> Ids(JsonNode nodes) => nodes.AsArray().Select(n => n!["id"]!.GetValue<string>());

    static Dictionary<string, int> ByKindPair(JsonNode network) =>
        network["tieCounts"]!["byOrganizationKinds"]!.AsArray().ToDictionary(
            c => string.Join('-', c!["kinds"]!.AsArray().Select(k => k!.GetValue<string>())), c => c!["ties"]!.GetValue<int>());

    static List<(string, double)> Scores(JsonNode ranking) =>
        ranking["top"]!.AsArray().Select(t => (t!["organization"]!["id"]!.GetValue<string>(), t["score"]!.GetValue<double>())).ToList();
}
