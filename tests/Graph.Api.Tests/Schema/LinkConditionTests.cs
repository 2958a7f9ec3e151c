using static KnowledgeGraph.Api.Tests.Schema.NodeQueryTests;

namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>
/// Link conditions in <c>where</c> (<c>some</c>, <c>none</c>, <c>single</c>, <c>all</c> on a link field, with conditions on the link and on
/// the node at its other end) and the <c>organizations</c> list across the organisation kinds.
/// </summary>
public abstract class LinkConditionTests(SampleGraphApplication app)
{
    private const string Liugong = "柳州工程机械股份有限公司";
    private const string Yuchai = "玉林动力机械有限公司";
    private const string NanningNev = "南宁新能源汽车有限公司";
    private const string GuilinTech = "桂林示例科技有限公司";

    private async Task<IReadOnlyList<string>> NamesAsync(string list, string where, string? token = null)
    {
        var response = await app.PostAsync($$"""{ {{list}}(where: {{where}}, order: [{ key: ASC }]) { totalCount edges { node { name } } } }""", token: token);
        Assert.Empty(response.Errors);
        var names = Names(response.Data![list]);
        Assert.Equal(names.Count, response.Data![list]!["totalCount"]!.GetValue<int>());
        return names;
    }

    [StoreFact]
    public async Task SomeNeedsOneLinkThatMeetsBothTheLinkAndTheOtherEndCondition()
    {
        // Paired since 2022 with a university or institute in 广西 (450000 and every region within it).
        var since2022 = await NamesAsync("enterprises",
            """{ pairings: { some: { link: { startDate: { gte: "2022-01-01" } }, node: { region: { eq: "450000" } } } } }""");
        // Liugong's only pairing since 2023 is with an institute in 广东: no single link meets both.
        var since2023 = await NamesAsync("enterprises",
            """{ pairings: { some: { link: { startDate: { gte: "2023-01-01" } }, node: { region: { eq: "450000" } } } } }""");
        var fromTheList = await NamesAsync("enterprises", """{ pairings: { some: { link: { source: { contains: "结对子" } } } } }""");

        Assert.Equal([NanningNev, Liugong], since2022);
        Assert.Empty(since2023);
        Assert.Equal([Liugong], fromTheList);
    }

    [StoreFact]
    public async Task NoneAndAllHoldForNodesWithoutSuchLinks()
    {
        var noneOutOfRegion = await NamesAsync("enterprises", "{ pairings: { none: { node: { locality: { eq: OUT_OF_REGION } } } } }");
        var allWithUniversities = await NamesAsync("enterprises", "{ pairings: { all: { node: { kind: { eq: UNIVERSITY } } } } }");
        var unpaired = await NamesAsync("enterprises", "{ pairings: { none: {} } }");

        Assert.Equal([NanningNev, GuilinTech, Yuchai], noneOutOfRegion);
        Assert.Equal([NanningNev, GuilinTech, Yuchai], allWithUniversities);
        Assert.Equal([GuilinTech], unpaired);
    }

    [StoreFact]
    public async Task SingleNeedsExactlyOneLinkThatMeetsTheEdgeCondition()
    {
        // Liugong has three pairings, Yuchai and Nanning NEV one each, Guilin Tech none.
        var onePairing = await NamesAsync("enterprises", "{ pairings: { single: {} } }");
        // Since 2022: Liugong two (桂电 and the institute), Nanning NEV one, Yuchai none.
        var oneSince2022 = await NamesAsync("enterprises", """{ pairings: { single: { link: { startDate: { gte: "2022-01-01" } } } } }""");
        var oneUniversitySince2022 = await NamesAsync("enterprises",
            """{ pairings: { single: { link: { startDate: { gte: "2022-01-01" } }, node: { kind: { eq: UNIVERSITY } } } } }""");
        // Every university is paired with two enterprises or none.
        var universities = await NamesAsync("universities", "{ pairings: { single: {} } }");
        var notSingle = await NamesAsync("enterprises", "{ not: { pairings: { single: {} } } }");

        Assert.Equal([NanningNev, Yuchai], onePairing);
        Assert.Equal([NanningNev], oneSince2022);
        Assert.Equal([NanningNev, Liugong], oneUniversitySince2022);
        Assert.Empty(universities);
        Assert.Equal([Liugong, GuilinTech], notSingle);
    }

    [StoreFact]
    public async Task LinkPropertiesAreFilteredWithTheirTypes()
    {
        var led = await NamesAsync("projects",
            "{ participants: { some: { link: { role: { eq: LEAD }, fundingShare: { gte: 50 } }, node: { kind: { eq: ENTERPRISE } } } } }");
        var partnerLed = await NamesAsync("projects", "{ participants: { some: { link: { role: { eq: LEAD } }, node: { kind: { eq: UNIVERSITY } } } } }");
        var cheapApplicants = await NamesAsync("challenges", "{ applicants: { all: { link: { price: { lt: 460 } } } } }");
        var lab = await NamesAsync("organizations", """{ cooperationAgreements: { some: { link: { title: { contains: "实验室" } } } } }""");

        Assert.Equal(["智能工程机械关键技术研究"], led);
        Assert.Empty(partnerLed);
        Assert.Equal(["新能源汽车电池热管理技术攻关"], cheapApplicants);
        Assert.Equal([Liugong, "中国科学院广州能源研究所"], lab);
    }

    [StoreFact]
    public async Task LinkConditionsNestThroughTheOtherEnd()
    {
        // Universities that applied to a challenge posted by an organisation in 南宁.
        var applied = await NamesAsync("universities",
            """{ challengeApplications: { some: { node: { posters: { some: { node: { region: { eq: "450100" } } } } } } } }""");
        // Enterprises paired with a university that co-builds a national platform.
        var nested = await NamesAsync("enterprises",
            "{ pairings: { some: { node: { coBuiltPlatforms: { some: { node: { level: { eq: NATIONAL } } } } } } } }");
        var combined = await NamesAsync("enterprises",
            """{ or: [{ pairings: { some: { node: { key: { eq: "thu" } } } } }, { cooperationAgreements: { some: { node: { key: { eq: "thu" } } } } }], not: { hostedPlatforms: { none: {} } } }""");

        Assert.Equal(["桂林电子科技大学"], applied);
        Assert.Equal([Liugong, Yuchai], nested);
        Assert.Equal([Liugong], combined);
    }

    [StoreFact]
    public async Task OrganizationsListEveryOrganisationKindFilteredSortedAndPagedBothWays()
    {
        const string query = """
            query($first: Int, $after: String, $last: Int, $before: String) {
              organizations(first: $first, after: $after, last: $last, before: $before, order: [{ key: ASC }],
                            where: { region: { eq: "450000" } }) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                nodes { __typename key ... on Enterprise { creditCode } } } }
            """;
        static IReadOnlyList<string> Keys(GraphQLResponse r) => r.Data!["organizations"]!["nodes"]!.AsArray().Select(n => n!["key"]!.GetValue<string>()).ToList();

        var first = await app.PostAsync(query, new { first = 4 });
        var next = await app.PostAsync(query, new { first = 4, after = first.Data!["organizations"]!["pageInfo"]!["endCursor"]!.GetValue<string>() });
        var last = await app.PostAsync(query, new { last = 2 });
        var before = await app.PostAsync(query, new { last = 2, before = last.Data!["organizations"]!["pageInfo"]!["startCursor"]!.GetValue<string>() });

        Assert.Empty(first.Errors.Concat(next.Errors).Concat(last.Errors).Concat(before.Errors));
        Assert.Equal([SampleGraph.NanningNev, SampleGraph.Liugong, SampleGraph.GuilinTech, SampleGraph.Yuchai], Keys(first));
        Assert.Equal(SampleGraph.NanningNev, first.Data!["organizations"]!["nodes"]![0]!["creditCode"]!.GetValue<string>());
        Assert.Equal(7, first.Data!["organizations"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["guet", "gx-kjt", "gxu"], Keys(next));
        Assert.Equal(["GovernmentBody", "University"], next.Data!["organizations"]!["nodes"]!.AsArray().Skip(1).Select(n => n!["__typename"]!.GetValue<string>()));
        Assert.False(next.Data!["organizations"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(["gx-kjt", "gxu"], Keys(last));
        Assert.Equal([SampleGraph.Yuchai, "guet"], Keys(before));
        Assert.True(before.Data!["organizations"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [StoreFact]
    public async Task OrganizationsFilterOnKindAndOnTheLinksAllOrganisationsHave()
    {
        var academics = await NamesAsync("organizations", """{ kind: { in: [UNIVERSITY, RESEARCH_INSTITUTE] }, region: { nin: ["450000"] } }""");
        var notEnterprises = await NamesAsync("organizations", "{ kind: { neq: ENTERPRISE }, memberships: { some: {} } }");
        var hostsNational = await NamesAsync("organizations", "{ hostedPlatforms: { some: { node: { level: { eq: NATIONAL } } } } }");

        Assert.Equal(["中国科学院广州能源研究所", "清华大学"], academics);
        Assert.Equal(["广西大学"], notEnterprises);
        Assert.Equal([Liugong], hostsNational);
    }

    [StoreTheory]
    [InlineData("""{ enterprises(where: { pairings: { some: { node: { region: { eq: "999999" } } } } }) { totalCount } }""", "where.pairings.some.node.region.eq")]
    [InlineData("""{ organizations(where: { staff: { all: { node: { name: { contains: "" } } } } }) { totalCount } }""", "where.staff.all.node.name.contains")]
    [InlineData("""{ enterprises(where: { pairings: { single: { node: { region: { in: ["450000", "12"] } } } } }) { totalCount } }""", "where.pairings.single.node.region.in")]
    [InlineData("""{ projects(where: { participants: { none: { node: { aliases: { some: { neq: "x" } } } } } }) { totalCount } }""", "where.participants.none.node.aliases.some.neq")]
    public async Task InvalidValuesInLinkConditionsAreInvalidInputSayingWhere(string query, string where)
    {
        var response = await app.PostAsync(query);

        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.Contains(where, response.Errors[0]!["message"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task AFieldTheOtherEndDoesNotHaveIsRefusedBeforeRunning()
    {
        // Universities and institutes have no revenue; organisations of every kind share no pairings.
        var revenue = await app.PostAsync("{ enterprises(where: { pairings: { some: { node: { revenue: { gt: 1 } } } } }) { totalCount } }");
        var pairings = await app.PostAsync("{ organizations(where: { pairings: { some: {} } }) { totalCount } }");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], revenue.ErrorCodes);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], pairings.ErrorCodes);
    }

    [StoreFact]
    public async Task AConfidentialFigureAtTheOtherEndNeedsTheAnalystRole()
    {
        const string where = "{ pairings: { some: { node: { revenue: { lt: 100000 } } } } }";

        var anonymous = await app.PostAsync($$"""{ universities(where: {{where}}) { totalCount } }""");
        var analyst = await NamesAsync("universities", where, KnowledgeGraphApplication.TokenFor("analyst"));

        Assert.Equal(["FORBIDDEN"], anonymous.ErrorCodes);
        Assert.Contains("revenue", anonymous.Errors[0]!["message"]!.GetValue<string>());
        Assert.Equal(["桂林电子科技大学"], analyst);
    }

    [StoreFact]
    public async Task NestedLinkConditionsCountTowardsTheComplexityLimit()
    {
        static string Nested(int depth) => depth == 0 ? "{}" : $"{{ pairings: {{ some: {{ node: {Nested(depth - 1)} }} }} }}";

        var two = await app.PostAsync($"{{ enterprises(first: 1, where: {Nested(2)}) {{ totalCount }} }}");
        var three = await app.PostAsync($"{{ enterprises(first: 1, where: {Nested(3)}) {{ totalCount }} }}");

        Assert.Empty(two.Errors);
        // Every enterprise paired with a university that has a pairing: all three paired ones.
        Assert.Equal(3, two.Data!["enterprises"]!["totalCount"]!.GetValue<int>());
        // Each level reads the links of every node of the kind: three levels are over the default limit.
        Assert.Equal(400, three.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], three.ErrorCodes);
    }

    [StoreFact]
    public async Task SingleCountsTowardsTheComplexityLimitAsTheOtherQuantifiers()
    {
        static string Nested(int depth) => depth == 0 ? "{}" : $"{{ pairings: {{ single: {{ node: {Nested(depth - 1)} }} }} }}";

        var two = await app.PostAsync($"{{ enterprises(first: 1, where: {Nested(2)}) {{ totalCount }} }}");
        var three = await app.PostAsync($"{{ enterprises(first: 1, where: {Nested(3)}) {{ totalCount }} }}");

        Assert.Empty(two.Errors);
        Assert.Equal(["QUERY_TOO_COMPLEX"], three.ErrorCodes);
    }

    [StoreFact]
    public async Task OrganizationsSortByKindAlphabeticallyAndPageAcrossKindsBothWays()
    {
        const string query = """
            query($order: [OrganizationSortInput!], $first: Int, $after: String, $last: Int, $before: String) {
              organizations(first: $first, after: $after, last: $last, before: $before, order: $order) {
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { __typename key } } } }
            """;
        var byKind = new object[] { new { kind = "ASC" }, new { key = "ASC" } };
        static IReadOnlyList<string> Keys(GraphQLResponse r) => r.Data!["organizations"]!["edges"]!.AsArray().Select(e => e!["node"]!["key"]!.GetValue<string>()).ToList();
        static IReadOnlyList<string> Kinds(GraphQLResponse r) => r.Data!["organizations"]!["edges"]!.AsArray().Select(e => e!["node"]!["__typename"]!.GetValue<string>()).ToList();
        static string Cursor(GraphQLResponse r, string name) => r.Data!["organizations"]!["pageInfo"]![name]!.GetValue<string>();
        static Dictionary<string, string> Cursors(GraphQLResponse r) => r.Data!["organizations"]!["edges"]!.AsArray()
            .ToDictionary(e => e!["node"]!["key"]!.GetValue<string>(), e => e!["cursor"]!.GetValue<string>());

        var first = await app.PostAsync(query, new { order = byKind, first = 5 });
        var after = await app.PostAsync(query, new { order = byKind, first = 5, after = Cursor(first, "endCursor") });
        var last = await app.PostAsync(query, new { order = byKind, last = 3 });
        var before = await app.PostAsync(query, new { order = byKind, last = 3, before = Cursor(last, "startCursor") });
        var descending = await app.PostAsync(query, new { order = new object[] { new { kind = "DESC" }, new { key = "ASC" } }, first = 5 });

        Assert.Empty(first.Errors.Concat(after.Errors).Concat(last.Errors).Concat(before.Errors).Concat(descending.Errors));
        // ENTERPRISE, GOVERNMENT_BODY, RESEARCH_INSTITUTE, UNIVERSITY: alphabetically by the kind's name.
        Assert.Equal([SampleGraph.NanningNev, SampleGraph.Liugong, SampleGraph.GuilinTech, SampleGraph.Yuchai, "gx-kjt"], Keys(first));
        Assert.Equal(["Enterprise", "Enterprise", "Enterprise", "Enterprise", "GovernmentBody"], Kinds(first));
        Assert.Equal(["cas-giec", "guet", "gxu", "thu"], Keys(after));
        Assert.Equal(["ResearchInstitute", "University", "University", "University"], Kinds(after));
        Assert.False(after.Data!["organizations"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(["guet", "gxu", "thu"], Keys(last));
        Assert.Equal([SampleGraph.Yuchai, "gx-kjt", "cas-giec"], Keys(before));
        Assert.True(before.Data!["organizations"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        // A node has the same cursor whichever way its page was reached.
        Assert.Equal(Cursors(first)[SampleGraph.Yuchai], Cursors(before)[SampleGraph.Yuchai]);
        Assert.Equal(Cursors(after)["guet"], Cursors(last)["guet"]);
        Assert.Equal(["guet", "gxu", "thu", "cas-giec", "gx-kjt"], Keys(descending));
    }
}

/// <summary><see cref="LinkConditionTests"/> on the sample graph in the embedded store.</summary>
public sealed class SqliteLinkConditionTests(SampleGraphApplication app) : LinkConditionTests(app), IClassFixture<SampleGraphApplication>;

/// <summary><see cref="LinkConditionTests"/> on the sample graph in the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jLinkConditionTests(Neo4jSampleGraphApplication app) : LinkConditionTests(app), IClassFixture<Neo4jSampleGraphApplication>;
