using System.Text.Json.Nodes;
using static KnowledgeGraph.Api.Tests.Schema.SampleGraph;

namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>Relay identification, each kind's fields, references, confidential figures.</summary>
public abstract class NodeQueryTests(SampleGraphApplication app)
{
    [StoreFact]
    public async Task NodeFindsAnEnterpriseByItsGlobalIdWithItsFieldsAndReferences()
    {
        var response = await app.PostAsync("""
            query($id: ID!) {
              node(id: $id) {
                __typename id
                ... on Enterprise {
                  key creditCode kind name nameEn aliases highTech hasRdActivity inventionPatents foundedOn
                  region { code name level parent { name } }
                  fields { code name parent { code } }
                }
              }
            }
            """, new { id = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var node = response.Data!["node"]!;
        Assert.Equal("Enterprise", node["__typename"]!.GetValue<string>());
        Assert.Equal(Enterprise(Liugong), node["id"]!.GetValue<string>());
        Assert.Equal(Liugong, node["creditCode"]!.GetValue<string>());
        Assert.Equal(Liugong, node["key"]!.GetValue<string>());
        Assert.Equal("ENTERPRISE", node["kind"]!.GetValue<string>());
        Assert.Equal("柳州工程机械股份有限公司", node["name"]!.GetValue<string>());
        Assert.Equal(["柳工机械"], node["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.True(node["highTech"]!.GetValue<bool>());
        Assert.Equal(320, node["inventionPatents"]!.GetValue<long>());
        Assert.Equal("1958-01-01", node["foundedOn"]!.GetValue<string>());
        Assert.Equal("柳南区", node["region"]!["name"]!.GetValue<string>());
        Assert.Equal("COUNTY", node["region"]!["level"]!.GetValue<string>());
        Assert.Equal("柳州市", node["region"]!["parent"]!["name"]!.GetValue<string>());
        Assert.Equal("machinery", node["fields"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("manufacturing", node["fields"]![0]!["parent"]!["code"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task NodeIsNullForAnUnknownId()
    {
        var response = await app.PostAsync("""{ node(id: "Enterprise:000000000000000000") { id } }""");

        Assert.Empty(response.Errors);
        Assert.Null(response.Data!["node"]);
    }

    [StoreFact]
    public async Task NodesReturnsEachIdInOrderWithNullWhereThereIsNone()
    {
        var response = await app.PostAsync("""
            query($ids: [ID!]!) { nodes(ids: $ids) { __typename id name ... on Organization { region { name } } } }
            """, new { ids = new[] { "University:gxu", "Region:450200", "University:nowhere", Enterprise(Yuchai) } });

        Assert.Empty(response.Errors);
        var nodes = response.Data!["nodes"]!.AsArray();
        Assert.Equal(4, nodes.Count);
        Assert.Equal("广西大学", nodes[0]!["name"]!.GetValue<string>());
        Assert.Equal("南宁市", nodes[0]!["region"]!["name"]!.GetValue<string>());
        Assert.Equal("Region", nodes[1]!["__typename"]!.GetValue<string>());
        Assert.Null(nodes[2]);
        Assert.Equal("玉林动力机械有限公司", nodes[3]!["name"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("University:gxu", "University", "locality", "IN_REGION")]
    [InlineData("ResearchInstitute:cas-giec", "ResearchInstitute", "locality", "OUT_OF_REGION")]
    [InlineData("GovernmentBody:gx-kjt", "GovernmentBody", "level", "PROVINCIAL")]
    [InlineData("Platform:liugong-etc", "Platform", "platformType", "ENTERPRISE_TECHNOLOGY_CENTER")]
    [InlineData("Platform:liugong-etc", "Platform", "statusDate", "2012-12-01")]
    [InlineData("Consortium:gx-cm", "Consortium", "consortiumType", "INNOVATION_CONSORTIUM")]
    [InlineData("Challenge:ch-battery", "Challenge", "status", "PUBLISHED")]
    [InlineData("Challenge:ch-battery", "Challenge", "deadline", "2025-06-30")]
    [InlineData("Project:pr-smart", "Project", "programme", "重点研发计划")]
    [InlineData("Achievement:ach-thermal", "Achievement", "achievementType", "专利")]
    [InlineData("Person:zhang-wei", "Person", "title", "教授")]
    [InlineData("Region:450200", "Region", "level", "CITY")]
    [InlineData("Field:new-energy-vehicles", "Field", "name", "新能源汽车")]
    public async Task EachKindHasItsOwnTypeAndCatalogFields(string id, string type, string field, string expected)
    {
        var response = await app.PostAsync($$"""query($id: ID!) { node(id: $id) { __typename ... on {{type}} { {{field}} } } }""", new { id });

        Assert.Empty(response.Errors);
        Assert.Equal(type, response.Data!["node"]!["__typename"]!.GetValue<string>());
        Assert.Equal(expected, response.Data!["node"]![field]!.ToString());
    }

    [StoreFact]
    public async Task DecimalsKeepTheirValue()
    {
        var response = await app.PostAsync("""{ node(id: "Challenge:ch-battery") { ... on Challenge { budget } } }""");

        Assert.Equal(500m, response.Data!["node"]!["budget"]!.GetValue<decimal>());
    }

    [StoreFact]
    public async Task RegionAndFieldHaveTheirChildren()
    {
        var response = await app.PostAsync("""
            { liuzhou: node(id: "Region:450200") { ... on Region { children { code name } } }
              automotive: node(id: "Field:automotive") { ... on Field { children { code } parent { name } } } }
            """);

        Assert.Empty(response.Errors);
        var counties = response.Data!["liuzhou"]!["children"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("450204", counties);
        Assert.All(counties, code => Assert.StartsWith("4502", code));
        Assert.Contains("new-energy-vehicles", response.Data!["automotive"]!["children"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()));
        Assert.Equal("先进制造业", response.Data!["automotive"]!["parent"]!["name"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task ConfidentialFiguresAreNullWithForbiddenForAnonymousAndTheRestIsPublic()
    {
        var response = await app.PostAsync("""query($id: ID!) { node(id: $id) { ... on Enterprise { name employees revenue rdExpenditure inventionPatents } } }""", new { id = Enterprise(Liugong) });

        var node = response.Data!["node"]!;
        Assert.Equal("柳州工程机械股份有限公司", node["name"]!.GetValue<string>());
        Assert.Equal(320, node["inventionPatents"]!.GetValue<long>());
        Assert.Null(node["employees"]);
        Assert.Null(node["revenue"]);
        Assert.Null(node["rdExpenditure"]);
        Assert.Equal(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"], response.ErrorCodes);
        Assert.Contains(response.Errors, e => e!["path"]!.AsArray().Select(p => p!.ToString()).SequenceEqual(["node", "revenue"]));
    }

    [StoreFact]
    public async Task ConfidentialFiguresAreVisibleToAnAnalyst()
    {
        var response = await app.PostAsync("""query($id: ID!) { node(id: $id) { ... on Enterprise { employees revenue rdExpenditure } } }""",
            new { id = Enterprise(Liugong) }, token: KnowledgeGraphApplication.TokenFor("analyst"));

        Assert.Empty(response.Errors);
        Assert.Equal(12000, response.Data!["node"]!["employees"]!.GetValue<long>());
        Assert.Equal(2800000.5m, response.Data!["node"]!["revenue"]!.GetValue<decimal>());
        Assert.Equal(95000m, response.Data!["node"]!["rdExpenditure"]!.GetValue<decimal>());
    }

    [StoreFact]
    public async Task OrganizationInterfaceCarriesTheCommonFieldsAndLinks()
    {
        var response = await app.PostAsync("""
            { nodes(ids: ["University:gxu", "GovernmentBody:gx-kjt"]) { ... on Organization { name region { code } hostedPlatforms { totalCount } projects { totalCount } } } }
            """);

        Assert.Empty(response.Errors);
        var nodes = response.Data!["nodes"]!.AsArray();
        Assert.Equal(1, nodes[0]!["projects"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("450000", nodes[1]!["region"]!["code"]!.GetValue<string>());
    }

    internal static IReadOnlyList<string> Names(JsonNode? connection) =>
        connection!["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>()).ToList();
}

/// <summary><see cref="NodeQueryTests"/> on the sample graph in the embedded store.</summary>
public sealed class SqliteNodeQueryTests(SampleGraphApplication app) : NodeQueryTests(app), IClassFixture<SampleGraphApplication>;

/// <summary><see cref="NodeQueryTests"/> on the sample graph in the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jNodeQueryTests(Neo4jSampleGraphApplication app) : NodeQueryTests(app), IClassFixture<Neo4jSampleGraphApplication>;
