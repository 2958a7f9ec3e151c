using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests.Collaboration;

/// <summary>The service as <c>dotnet run</c> starts it: the sample data and the reference universities.</summary>
public sealed class DefaultStartApplication : KnowledgeGraphApplication
{
    public DefaultStartApplication() => With("Store:LoadSampleData", "true").With("Store:ReferenceOrganizations", "true");
}

/// <summary>
/// README's "For researchers" questions, each asked in the one query README gives, on the data a first start loads:
/// every number README quotes, and each answer checked against the same answer worked out the long way — a join over
/// the whole network's ties, the organisation's own collaborators, the enterprises and their pairings in the store.
/// </summary>
public sealed class ResearcherQuestionsTests(DefaultStartApplication app) : IClassFixture<DefaultStartApplication>
{
    const string TechUniversity = "University:demo-tech-univ";

    async Task<JsonNode> AskAsync(string query, object? variables = null, string? token = null)
    {
        var response = await app.PostAsync(query, variables, token: token);
        Assert.True(response.Errors.Count == 0, response.Text);
        return response.Data!;
    }

    static bool InLiuzhou(JsonNode? organization) =>
        organization!["region"]?["code"]?.GetValue<string>().StartsWith("4502", StringComparison.Ordinal) == true;

    static string KindPair(JsonNode tie) => string.Join('-',
        new[] { tie["source"]!["__typename"]!.GetValue<string>(), tie["target"]!["__typename"]!.GetValue<string>() }.Order(StringComparer.Ordinal));

    // Every tie of the whole network in 2024 with both ends' kinds and regions, a page at a time.
    async Task<List<JsonNode>> WholeNetworkTiesAsync()
    {
        var ties = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = (await AskAsync("""
                query($after: String) { collaborationNetwork(where: { year: 2024 }) { ties(first: 200, after: $after) {
                    nodes { source { __typename region { code } } target { __typename region { code } } } pageInfo { hasNextPage endCursor } } } }
                """, new { after }))["collaborationNetwork"]!["ties"]!;
            ties.AddRange(page["nodes"]!.AsArray().Select(t => t!));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        return ties;
    }

    [Fact]
    public async Task TheLiuzhouQuestionCountsTheEnterpriseUniversityTiesThatAJoinOverTheWholeNetworkFinds()
    {
        await app.CollaborationBuiltAsync();
        // README's query, and the same selection without the boundary.
        var answer = (await AskAsync("""
            { collaborationNetwork(where: { region: "450200", year: 2024, boundary: INCLUDE }) {
                tieCounts { ties crossingTies byOrganizationKinds { kinds ties } byKind { kind ties } }
                ties(first: 100) { nodes { source { name } target { name } kinds crossing } } } }
            """))["collaborationNetwork"]!;
        var inside = (await AskAsync("""
            { collaborationNetwork(where: { region: "450200", year: 2024 }) { tieCounts { ties byOrganizationKinds { kinds ties } } } }
            """))["collaborationNetwork"]!;
        var touching = (await WholeNetworkTiesAsync()).Where(t => InLiuzhou(t["source"]) || InLiuzhou(t["target"])).ToList();

        var counts = answer["tieCounts"]!;
        var byKinds = counts["byOrganizationKinds"]!.AsArray().ToDictionary(
            c => string.Join('-', c!["kinds"]!.AsArray().Select(k => k!.GetValue<string>())), c => c!["ties"]!.GetValue<int>());
        // What README says: 15 of 53 ties, 40 of them crossing; without the boundary, only the 13 inside.
        Assert.Equal(15, byKinds["ENTERPRISE-UNIVERSITY"]);
        Assert.Equal((53, 40), (counts["ties"]!.GetValue<int>(), counts["crossingTies"]!.GetValue<int>()));
        Assert.Equal(13, inside["tieCounts"]!["ties"]!.GetValue<int>());
        // The join by hand agrees.
        Assert.Equal(touching.Count(t => KindPair(t) == "Enterprise-University"), byKinds["ENTERPRISE-UNIVERSITY"]);
        Assert.Equal(touching.Count, counts["ties"]!.GetValue<int>());
        Assert.Equal(touching.Count(t => !(InLiuzhou(t["source"]) && InLiuzhou(t["target"]))), counts["crossingTies"]!.GetValue<int>());
        // Every tie is listed, with the names of both ends.
        var listed = answer["ties"]!["nodes"]!.AsArray();
        Assert.Equal(counts["ties"]!.GetValue<int>(), listed.Count);
        Assert.Equal(counts["crossingTies"]!.GetValue<int>(), listed.Count(t => t!["crossing"]!.GetValue<bool>()));
        Assert.All(listed, t => Assert.False(string.IsNullOrEmpty(t!["target"]!["name"]!.GetValue<string>())));
    }

    [Fact]
    public async Task TheHubsQuestionScoresEachUniversityByAllItsPartners()
    {
        await app.CollaborationBuiltAsync();
        // README's query.
        var rankings = (await AskAsync("""
            { rankings(metric: DEGREE, where: { organizationKinds: [UNIVERSITY] }, top: 10) { organizations top { rank score organization { name } } } }
            """))["rankings"]!;
        var own = await AskAsync($$"""{ node(id: "{{TechUniversity}}") { name } collaborators(of: "{{TechUniversity}}", first: 1) { totalCount } }""");

        var name = own["node"]!["name"]!.GetValue<string>();
        var entry = rankings["top"]!.AsArray().Single(t => t!["organization"]!["name"]!.GetValue<string>() == name)!;
        // README: 示例理工大学 has 19 on the sample data — every partner counts, not only universities.
        Assert.Equal(19.0, entry["score"]!.GetValue<double>());
        Assert.Equal(own["collaborators"]!["totalCount"]!.GetValue<int>(), (int)entry["score"]!.GetValue<double>());
        var scores = rankings["top"]!.AsArray().Select(t => t!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task PairingsPerCityPerYearAreWhatTheStoreHoldsAndSmallCitiesAreLeftOutForThePublic()
    {
        // README's query, without a token and with the analyst's.
        const string query = """
            { enterprisesAggregate(groupBy: [{ region: CITY }, { year: true }], from: 2023, to: 2024) { suppressedGroups groups { key { region regionName year } count pairingsCount } } }
            """;
        var anonymous = (await AskAsync(query))["enterprisesAggregate"]!;
        var analyst = (await AskAsync(query, token: KnowledgeGraphApplication.TokenFor("analyst")))["enterprisesAggregate"]!;

        static string Row(JsonNode? g) => $"{g!["key"]!["regionName"]} {g["key"]!["year"]}: {g["count"]} enterprises, {g["pairingsCount"]} pairings";
        var rows = anonymous["groups"]!.AsArray().Select(Row).ToList();
        // What README says.
        Assert.Contains("柳州市 2023: 20 enterprises, 6 pairings", rows);
        Assert.Contains("柳州市 2024: 20 enterprises, 6 pairings", rows);
        Assert.Contains("南宁市 2023: 23 enterprises, 5 pairings", rows);
        Assert.Contains("南宁市 2024: 23 enterprises, 4 pairings", rows);
        Assert.Equal(6, anonymous["suppressedGroups"]!.GetValue<int>());
        Assert.All(anonymous["groups"]!.AsArray(), g => Assert.True(g!["count"]!.GetValue<int>() >= 3, Row(g)));
        Assert.Equal(0, analyst["suppressedGroups"]!.GetValue<int>());
        Assert.Equal(anonymous["groups"]!.AsArray().Count + 6, analyst["groups"]!.AsArray().Count);

        // The long way: the store's enterprises by city, and their pairings in force on 31 December.
        var enterprises = new List<Node>();
        await foreach (var node in app.GraphStore.ScanNodesAsync(NodeKind.Enterprise))
            enterprises.Add(node);
        var pairings = await app.GraphStore.GetLinksAsync(new LinkQuery([.. enterprises.Select(e => e.Id)], Direction.Out, [LinkType.PairedWith]));
        static bool InForce(Link link, int year) =>
            (link.StartDate is null || link.StartDate <= new DateOnly(year, 12, 31)) && (link.EndDate is null || link.EndDate >= new DateOnly(year, 12, 31));
        var expected = (
            from e in enterprises
            let region = e.Properties.Text("region")
            where region is not null && !region.EndsWith("0000", StringComparison.Ordinal)
            from year in new[] { 2023, 2024 }
            group e by (City: region[..4] + "00", Year: year) into g
            orderby g.Key.City, g.Key.Year
            let ids = g.Select(e => e.Id).ToHashSet()
            select $"{g.Key.City} {g.Key.Year}: {g.Count()} enterprises, {pairings.Count(l => ids.Contains(l.FromId) && InForce(l, g.Key.Year))} pairings").ToList();
        Assert.Equal(expected, analyst["groups"]!.AsArray().Where(g => g!["key"]!["region"] is not null)
            .Select(g => $"{g!["key"]!["region"]} {g["key"]!["year"]}: {g["count"]} enterprises, {g["pairingsCount"]} pairings"));
    }
}
