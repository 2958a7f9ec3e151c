using static KnowledgeGraph.Api.Tests.Schema.SampleGraph;

namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>Every link is a connection from both ends, its edges carrying the node at the other end and the link.</summary>
public abstract class LinkConnectionTests(SampleGraphApplication app)
{
    [StoreFact]
    public async Task PairingsAreNavigableFromTheEnterpriseAndFromTheUniversityWithTheirDates()
    {
        var response = await app.PostAsync("""
            query($id: ID!) {
              enterprise: node(id: $id) { ... on Enterprise { pairings { totalCount edges { cursor node { __typename name } link { id type startDate source from { id } to { id } } } } } }
              university: node(id: "University:gxu") { ... on University { pairings { totalCount nodes { name } } } }
            }
            """, new { id = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var pairings = response.Data!["enterprise"]!["pairings"]!;
        Assert.Equal(3, pairings["totalCount"]!.GetValue<int>());
        var gxu = pairings["edges"]!.AsArray().Single(e => e!["node"]!["name"]!.GetValue<string>() == "广西大学")!;
        Assert.Equal("University", gxu["node"]!["__typename"]!.GetValue<string>());
        Assert.Equal("PAIRED_WITH", gxu["link"]!["type"]!.GetValue<string>());
        Assert.Equal("2021-03-01", gxu["link"]!["startDate"]!.GetValue<string>());
        Assert.Equal("企业与高校院所结对子名单", gxu["link"]!["source"]!.GetValue<string>());
        Assert.Equal(Enterprise(Liugong), gxu["link"]!["from"]!["id"]!.GetValue<string>());
        Assert.Equal("University:gxu", gxu["link"]!["to"]!["id"]!.GetValue<string>());
        Assert.Contains(pairings["edges"]!.AsArray(), e => e!["node"]!["__typename"]!.GetValue<string>() == "ResearchInstitute");

        var fromUniversity = response.Data!["university"]!["pairings"]!;
        Assert.Equal(2, fromUniversity["totalCount"]!.GetValue<int>());
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司"], fromUniversity["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).Order());
    }

    [StoreFact]
    public async Task PlatformsListTheirHostsAndCoBuildersAndHostsTheirPlatforms()
    {
        var response = await app.PostAsync("""
            query($id: ID!) {
              platform: node(id: "Platform:liugong-etc") { ... on Platform { hosts { nodes { name } edges { link { startDate source } } } coBuilders { nodes { name } } } }
              host: node(id: $id) { ... on Enterprise { hostedPlatforms { nodes { name level status } } } }
            }
            """, new { id = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var platform = response.Data!["platform"]!;
        Assert.Equal("柳州工程机械股份有限公司", platform["hosts"]!["nodes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("2010-06-01", platform["hosts"]!["edges"]![0]!["link"]!["startDate"]!.GetValue<string>());
        Assert.Equal("广西大学", platform["coBuilders"]!["nodes"]![0]!["name"]!.GetValue<string>());
        var hosted = response.Data!["host"]!["hostedPlatforms"]!["nodes"]![0]!;
        Assert.Equal("NATIONAL", hosted["level"]!.GetValue<string>());
        Assert.Equal("ACCREDITED", hosted["status"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task EdgesCarryTheLinkProperties()
    {
        var response = await app.PostAsync("""
            query($id: ID!) {
              project: node(id: "Project:pr-smart") { ... on Project { participants { edges { node { name } link { role fundingShare } } } } }
              parent: node(id: $id) { ... on Enterprise { subsidiaries { edges { node { name } link { shareholding } } } } }
              challenge: node(id: "Challenge:ch-battery") { ... on Challenge { applicants { edges { node { __typename kind name } link { price } } } awardees { edges { link { amount } } } posters { nodes { name } } achievements { nodes { name } } } }
              seller: node(id: "University:gxu") { ... on University { transfersMade { edges { node { name } link { key amount achievement { name } } } } } }
            }
            """, new { id = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var participants = response.Data!["project"]!["participants"]!["edges"]!.AsArray();
        var lead = participants.Single(e => e!["link"]!["role"]!.GetValue<string>() == "LEAD")!;
        Assert.Equal("柳州工程机械股份有限公司", lead["node"]!["name"]!.GetValue<string>());
        Assert.Equal(60m, lead["link"]!["fundingShare"]!.GetValue<decimal>());
        Assert.Equal(51m, response.Data!["parent"]!["subsidiaries"]!["edges"]![0]!["link"]!["shareholding"]!.GetValue<decimal>());
        var challenge = response.Data!["challenge"]!;
        Assert.Equal(450m, challenge["applicants"]!["edges"]![0]!["link"]!["price"]!.GetValue<decimal>());
        Assert.Equal("桂林电子科技大学", challenge["applicants"]!["edges"]![0]!["node"]!["name"]!.GetValue<string>());
        Assert.Equal("UNIVERSITY", challenge["applicants"]!["edges"]![0]!["node"]!["kind"]!.GetValue<string>());
        Assert.Equal(480m, challenge["awardees"]!["edges"]![0]!["link"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("南宁新能源汽车有限公司", challenge["posters"]!["nodes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("一种动力电池热管理方法", challenge["achievements"]!["nodes"]![0]!["name"]!.GetValue<string>());
        var transfer = response.Data!["seller"]!["transfersMade"]!["edges"]![0]!;
        Assert.Equal("南宁新能源汽车有限公司", transfer["node"]!["name"]!.GetValue<string>());
        Assert.Equal("2023-001", transfer["link"]!["key"]!.GetValue<string>());
        Assert.Equal(120m, transfer["link"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("一种动力电池热管理方法", transfer["link"]!["achievement"]!["name"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task CooperationAgreementsAreListedFromEitherEnd()
    {
        var response = await app.PostAsync("""
            query($id: ID!) { node(id: $id) { ... on Organization { cooperationAgreements { totalCount edges { node { name } link { title } } } } } }
            """, new { id = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var edges = response.Data!["node"]!["cooperationAgreements"]!["edges"]!.AsArray();
        Assert.Equal(["中国科学院广州能源研究所", "清华大学"], edges.Select(e => e!["node"]!["name"]!.GetValue<string>()).Order());
        Assert.Contains(edges, e => e!["link"]!["title"]!.GetValue<string>() == "联合实验室协议");
    }

    [StoreFact]
    public async Task PeopleLinkToTheirEmployersAndTheEnterprisesTheyServe()
    {
        var response = await app.PostAsync("""
            { node(id: "Person:zhang-wei") { ... on Person { employers { nodes { name } } commissionedEnterprises { nodes { name } edges { link { startDate } } } } }
              university: node(id: "University:gxu") { ... on University { staff { nodes { name } } memberships { nodes { name } } heldAchievements { nodes { name } } } } }
            """);

        Assert.Empty(response.Errors);
        Assert.Equal("广西大学", response.Data!["node"]!["employers"]!["nodes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("2024-01-01", response.Data!["node"]!["commissionedEnterprises"]!["edges"]![0]!["link"]!["startDate"]!.GetValue<string>());
        Assert.Equal("张伟", response.Data!["university"]!["staff"]!["nodes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("广西工程机械创新联合体", response.Data!["university"]!["memberships"]!["nodes"]![0]!["name"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task LinkConnectionsPageForwardAndBackwardWithCursors()
    {
        const string query = """
            query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
              node(id: $id) { ... on Enterprise { pairings(first: $first, after: $after, last: $last, before: $before) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } } }
            }
            """;
        var id = Enterprise(Liugong);
        var all = (await app.PostAsync(query, new { id, first = 10 })).Data!["node"]!["pairings"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(3, all.Count);

        var first = (await app.PostAsync(query, new { id, first = 2 })).Data!["node"]!["pairings"]!;
        Assert.Equal(all.Take(2), first["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        var next = (await app.PostAsync(query, new { id, first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() })).Data!["node"]!["pairings"]!;
        Assert.Equal(all.Skip(2), next["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.False(next["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(next["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        var last = (await app.PostAsync(query, new { id, last = 1 })).Data!["node"]!["pairings"]!;
        Assert.Equal(all.Skip(2), last["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        var before = (await app.PostAsync(query, new { id, last = 5, before = last["pageInfo"]!["startCursor"]!.GetValue<string>() })).Data!["node"]!["pairings"]!;
        Assert.Equal(all.Take(2), before["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.False(before["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.True(before["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [StoreFact]
    public async Task ABadCursorIsInvalidInputNamingTheArgument()
    {
        var response = await app.PostAsync("""query($id: ID!) { node(id: $id) { ... on Enterprise { pairings(after: "not-a-cursor") { totalCount } } } }""", new { id = Enterprise(Liugong) });

        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.Contains("'after'", response.Errors[0]!["message"]!.GetValue<string>());
    }
}

/// <summary><see cref="LinkConnectionTests"/> on the sample graph in the embedded store.</summary>
public sealed class SqliteLinkConnectionTests(SampleGraphApplication app) : LinkConnectionTests(app), IClassFixture<SampleGraphApplication>;

/// <summary><see cref="LinkConnectionTests"/> on the sample graph in the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jLinkConnectionTests(Neo4jSampleGraphApplication app) : LinkConnectionTests(app), IClassFixture<Neo4jSampleGraphApplication>;
