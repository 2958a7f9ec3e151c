using static KnowledgeGraph.Api.Tests.Schema.NodeQueryTests;

namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>Root lists: where (each operator family, and/or/not, regions and fields with their sub-regions), order, paging both ways.</summary>
public abstract class RootListTests(SampleGraphApplication app)
{
    private async Task<IReadOnlyList<string>> EnterpriseNamesAsync(string where, string order = "[{ name: ASC }]", string? token = null)
    {
        var response = await app.PostAsync($$"""{ enterprises(where: {{where}}, order: {{order}}) { totalCount edges { node { name } } } }""", token: token);
        Assert.Empty(response.Errors);
        var names = Names(response.Data!["enterprises"]);
        Assert.Equal(names.Count, response.Data!["enterprises"]!["totalCount"]!.GetValue<int>());
        return names;
    }

    [StoreFact]
    public async Task TextOperations()
    {
        Assert.Equal(["玉林动力机械有限公司"], await EnterpriseNamesAsync("""{ name: { eq: "玉林动力机械有限公司" } }"""));
        Assert.Equal(3, (await EnterpriseNamesAsync("""{ name: { neq: "玉林动力机械有限公司" } }""")).Count);
        Assert.Equal(2, (await EnterpriseNamesAsync("""{ name: { in: ["玉林动力机械有限公司", "桂林示例科技有限公司", "不存在"] } }""")).Count);
        Assert.Equal(["南宁新能源汽车有限公司", "柳州工程机械股份有限公司"], (await EnterpriseNamesAsync("""{ name: { nin: ["玉林动力机械有限公司", "桂林示例科技有限公司"] } }""")).Order());
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司"], (await EnterpriseNamesAsync("""{ name: { contains: "机械" } }""")).Order());
        Assert.Equal(2, (await EnterpriseNamesAsync("""{ name: { ncontains: "机械" } }""")).Count);
        Assert.Equal(["桂林示例科技有限公司"], await EnterpriseNamesAsync("""{ name: { startsWith: "桂林" } }"""));
        Assert.Equal(3, (await EnterpriseNamesAsync("""{ name: { nstartsWith: "桂林" } }""")).Count);
        Assert.Equal(["玉林动力机械有限公司"], await EnterpriseNamesAsync("""{ nameEn: { contains: "yulin" } }"""));
    }

    [StoreFact]
    public async Task RangeAndBooleanOperations()
    {
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司"], (await EnterpriseNamesAsync("{ inventionPatents: { gt: 100 } }")).Order());
        Assert.Equal(["南宁新能源汽车有限公司"], await EnterpriseNamesAsync("{ inventionPatents: { lte: 4 } }"));
        Assert.Equal(2, (await EnterpriseNamesAsync("{ inventionPatents: { gte: 150, lt: 1000 } }")).Count);
        Assert.Equal(["南宁新能源汽车有限公司"], await EnterpriseNamesAsync("""{ foundedOn: { gte: "2000-01-01" } }"""));
        Assert.Equal(["南宁新能源汽车有限公司"], await EnterpriseNamesAsync("{ hasRdActivity: { eq: false } }"));
        Assert.Equal(["南宁新能源汽车有限公司", "桂林示例科技有限公司"], (await EnterpriseNamesAsync("{ highTech: { neq: true } }")).Order());
        Assert.Equal(["玉林动力机械有限公司"], await EnterpriseNamesAsync("{ inventionPatents: { in: [150, 151] } }"));
    }

    [StoreFact]
    public async Task EnumAndListOperations()
    {
        var response = await app.PostAsync("""
            { accredited: platforms(where: { status: { eq: ACCREDITED } }) { nodes { name } }
              notNational: platforms(where: { level: { nin: [NATIONAL] } }) { nodes { name } }
              inRegion: universities(where: { locality: { in: [IN_REGION] } }) { totalCount }
              alias: universities(where: { aliases: { some: { eq: "西大" } } }) { nodes { name } }
              noAlias: universities(where: { aliases: { none: { contains: "西" } } }) { totalCount } }
            """);

        Assert.Empty(response.Errors);
        Assert.Equal("柳州工程机械企业技术中心", response.Data!["accredited"]!["nodes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("广西新能源汽车工程技术研究中心", response.Data!["notNational"]!["nodes"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Equal(2, response.Data!["inRegion"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("广西大学", response.Data!["alias"]!["nodes"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Equal(2, response.Data!["noAlias"]!["totalCount"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task AndOrNot()
    {
        Assert.Equal(["柳州工程机械股份有限公司"], await EnterpriseNamesAsync("""{ and: [{ name: { contains: "机械" } }, { inventionPatents: { gt: 200 } }] }"""));
        Assert.Equal(["南宁新能源汽车有限公司", "柳州工程机械股份有限公司"], (await EnterpriseNamesAsync("""{ or: [{ name: { startsWith: "南宁" } }, { inventionPatents: { gt: 200 } }] }""")).Order());
        Assert.Equal(3, (await EnterpriseNamesAsync("""{ not: { name: { startsWith: "玉林" } } }""")).Count);
        Assert.Equal(["玉林动力机械有限公司"], await EnterpriseNamesAsync("""{ not: { or: [{ name: { startsWith: "南宁" } }, { inventionPatents: { gt: 200 } }, { example: { eq: true } }] } }"""));
    }

    [StoreFact]
    public async Task RegionMatchesTheRegionAndEverySubRegion()
    {
        Assert.Equal(4, (await EnterpriseNamesAsync("""{ region: { eq: "450000" } }""")).Count);
        Assert.Equal(["柳州工程机械股份有限公司"], await EnterpriseNamesAsync("""{ region: { eq: "450200" } }"""));
        Assert.Equal(["柳州工程机械股份有限公司"], await EnterpriseNamesAsync("""{ region: { eq: "450204" } }"""));
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司"], (await EnterpriseNamesAsync("""{ region: { in: ["450200", "450900"] } }""")).Order());
        Assert.Equal(2, (await EnterpriseNamesAsync("""{ region: { nin: ["450200", "450900"] } }""")).Count);
        Assert.Equal(3, (await EnterpriseNamesAsync("""{ region: { neq: "450100" } }""")).Count);
    }

    [StoreFact]
    public async Task FieldMatchesTheFieldAndEverySubField()
    {
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司"], (await EnterpriseNamesAsync("""{ fields: { some: { eq: "machinery" } } }""")).Order());
        Assert.Equal(3, (await EnterpriseNamesAsync("""{ fields: { some: { eq: "manufacturing" } } }""")).Count);
        Assert.Equal(["南宁新能源汽车有限公司"], await EnterpriseNamesAsync("""{ fields: { some: { in: ["automotive"] } } }"""));
        Assert.Equal(2, (await EnterpriseNamesAsync("""{ fields: { none: { eq: "machinery" } } }""")).Count);
    }

    [StoreFact]
    public async Task OrderSortsByOneOrMoreKeys()
    {
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司", "南宁新能源汽车有限公司", "桂林示例科技有限公司"],
            await EnterpriseNamesAsync("{}", "[{ inventionPatents: DESC }]"));
        Assert.Equal(["南宁新能源汽车有限公司", "玉林动力机械有限公司", "柳州工程机械股份有限公司", "桂林示例科技有限公司"],
            await EnterpriseNamesAsync("{}", "[{ inventionPatents: ASC }]"));
        Assert.Equal(["南宁新能源汽车有限公司", "柳州工程机械股份有限公司", "玉林动力机械有限公司", "桂林示例科技有限公司"],
            await EnterpriseNamesAsync("{}", "[{ highTech: ASC }, { foundedOn: DESC }]"));
    }

    [StoreFact]
    public async Task RootListsPageForwardAndBackwardWithCursors()
    {
        const string query = """
            query($first: Int, $after: String, $last: Int, $before: String) {
              universities(first: $first, after: $after, last: $last, before: $before, order: [{ key: ASC }]) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { key } } } }
            """;
        static IReadOnlyList<string> Keys(GraphQLResponse r) => r.Data!["universities"]!["edges"]!.AsArray().Select(e => e!["node"]!["key"]!.GetValue<string>()).ToList();

        var first = await app.PostAsync(query, new { first = 2 });
        Assert.Equal(["guet", "gxu"], Keys(first));
        Assert.Equal(3, first.Data!["universities"]!["totalCount"]!.GetValue<int>());
        Assert.True(first.Data!["universities"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var next = await app.PostAsync(query, new { first = 2, after = first.Data!["universities"]!["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal(["thu"], Keys(next));
        Assert.False(next.Data!["universities"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(next.Data!["universities"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        var last = await app.PostAsync(query, new { last = 2 });
        Assert.Equal(["gxu", "thu"], Keys(last));
        Assert.True(last.Data!["universities"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.False(last.Data!["universities"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var before = await app.PostAsync(query, new { last = 2, before = last.Data!["universities"]!["pageInfo"]!["startCursor"]!.GetValue<string>() });
        Assert.Equal(["guet"], Keys(before));
        Assert.False(before.Data!["universities"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [StoreTheory]
    [InlineData("""{ enterprises(where: { region: { eq: "999999" } }) { totalCount } }""", "where.region.eq")]
    [InlineData("""{ enterprises(where: { fields: { some: { eq: "no-such-field" } } }) { totalCount } }""", "where.fields.some.eq")]
    [InlineData("""{ enterprises(where: { aliases: { some: { neq: "x" } } }) { totalCount } }""", "where.aliases.some.neq")]
    [InlineData("""{ enterprises(where: { name: { contains: "" } }) { totalCount } }""", "where.name.contains")]
    [InlineData("""{ enterprises(first: -1) { totalCount } }""", "'first'")]
    [InlineData("""{ enterprises(before: "bm9wZQ==") { totalCount } }""", "'before'")]
    public async Task InvalidFilterValuesAreInvalidInputSayingWhichArgument(string query, string where)
    {
        var response = await app.PostAsync(query);

        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.Contains(where, response.Errors[0]!["message"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task FilteringOnAConfidentialFigureNeedsTheAnalystRole()
    {
        var anonymous = await app.PostAsync("{ enterprises(where: { revenue: { gt: 100000 } }) { totalCount } }");
        var analyst = await EnterpriseNamesAsync("{ revenue: { gt: 100000 } }", token: KnowledgeGraphApplication.TokenFor("analyst"));

        Assert.Equal(["FORBIDDEN"], anonymous.ErrorCodes);
        Assert.Contains("revenue", anonymous.Errors[0]!["message"]!.GetValue<string>());
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司"], analyst.Order());
    }

    [StoreFact]
    public async Task EveryKindHasARootList()
    {
        var response = await app.PostAsync("""
            { enterprises { totalCount } universities { totalCount } researchInstitutes { totalCount } governmentBodies { totalCount }
              platforms { totalCount } consortia { totalCount } challenges { totalCount } projects { totalCount } achievements { totalCount }
              regions(where: { parent: { eq: "450000" } }) { totalCount } fields(where: { parent: { eq: "automotive" } }) { nodes { code } } people { nodes { name } } }
            """);

        Assert.Empty(response.Errors);
        Assert.Equal(4, response.Data!["enterprises"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(1, response.Data!["governmentBodies"]!["totalCount"]!.GetValue<int>());
        Assert.True(response.Data!["regions"]!["totalCount"]!.GetValue<int>() > 3);
        Assert.Contains(response.Data!["fields"]!["nodes"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "new-energy-vehicles");
        Assert.Equal("张伟", response.Data!["people"]!["nodes"]![0]!["name"]!.GetValue<string>());
    }
}

/// <summary><see cref="RootListTests"/> on the sample graph in the embedded store.</summary>
public sealed class SqliteRootListTests(SampleGraphApplication app) : RootListTests(app), IClassFixture<SampleGraphApplication>;

/// <summary><see cref="RootListTests"/> on the sample graph in the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jRootListTests(Neo4jSampleGraphApplication app) : RootListTests(app), IClassFixture<Neo4jSampleGraphApplication>;
