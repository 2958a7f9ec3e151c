using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>
/// Tokens scoped to a jurisdiction (<c>token --region 450200</c>): 柳州市's staff write, and read confidential figures, only
/// in 柳州市 and its districts; everything public they read everywhere; unscoped tokens are unchanged.
/// </summary>
public abstract class JurisdictionTests(TestStore store)
{
    static readonly NodeInput LiuzhouFirm = Enterprise(61, "柳州示例机械有限公司", "450205",
        ("industrial", true), ("aboveDesignatedSize", true), ("revenue", 60000m), ("employees", 500L), ("hasRdActivity", false), ("dataYear", 2024L));
    static readonly NodeInput NanningFirm = Enterprise(62, "南宁示例电子有限公司", "450103",
        ("industrial", true), ("aboveDesignatedSize", true), ("revenue", 70000m), ("employees", 600L), ("hasRdActivity", false), ("dataYear", 2024L));
    static readonly NodeInput Gxu = University("demo-gxu", "示例广西大学", "450103");

    static readonly string LiuzhouEditor = KnowledgeGraphApplication.ScopedTokenFor(["450200"], "editor");
    static readonly string LiuzhouAnalyst = KnowledgeGraphApplication.ScopedTokenFor(["450200"], "analyst");

    const string Pair = "mutation($e: ID!, $p: ID!) { createPairing(enterpriseId: $e, partnerId: $p, startOn: \"2024-05-01\") { id } }";

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(LiuzhouFirm, NanningFirm, Gxu);
        return app;
    }

    [StoreFact]
    public async Task LiuzhouStaffPairALiuzhouEnterpriseButNotOneInNanning()
    {
        await using var app = await StartAsync();

        var inside = await app.PostAsync(Pair, new { e = LiuzhouFirm.Id, p = Gxu.Id }, token: LiuzhouEditor);
        var outside = await app.PostAsync(Pair, new { e = NanningFirm.Id, p = Gxu.Id }, token: LiuzhouEditor);

        PolicyApplication.Ok(inside);
        var (code, message) = PolicyApplication.Error(outside);
        Assert.Equal("FORBIDDEN", code);
        Assert.Contains("450200 柳州市", message);
        Assert.Contains("450103 青秀区", message);
        Assert.Single(await app.GraphStore.GetLinksAsync(new([LiuzhouFirm.Id], Direction.Out, [LinkType.PairedWith])));
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([NanningFirm.Id], Direction.Out, [LinkType.PairedWith])));
    }

    [StoreFact]
    public async Task AnUnscopedEditorStillWritesEverywhere()
    {
        await using var app = await StartAsync();

        PolicyApplication.Ok(await app.EditAsync(Pair, new { e = NanningFirm.Id, p = Gxu.Id }));
        PolicyApplication.Ok(await app.EditAsync($"mutation {{ patchEnterprise(id: \"{NanningFirm.Id}\", set: {{ nameEn: \"Nanning Demo Electronics\" }}) {{ dataVersion }} }}"));

        Assert.Single(await app.GraphStore.GetLinksAsync(new([NanningFirm.Id], Direction.Out, [LinkType.PairedWith])));
    }

    [StoreFact]
    public async Task LiuzhouStaffNeitherEditNorMoveAnEnterpriseOutOfTheirCity()
    {
        await using var app = await StartAsync();
        string Patch(NodeInput firm, string set) => $"mutation {{ patchEnterprise(id: \"{firm.Id}\", set: {{ {set} }}) {{ dataVersion }} }}";

        var own = await app.PostAsync(Patch(LiuzhouFirm, "nameEn: \"Liuzhou Demo Machinery\""), token: LiuzhouEditor);
        var other = await app.PostAsync(Patch(NanningFirm, "nameEn: \"Nanning Demo Electronics\""), token: LiuzhouEditor);
        var moved = await app.PostAsync(Patch(LiuzhouFirm, "region: \"450103\""), token: LiuzhouEditor);
        var deleted = await app.PostAsync($"mutation {{ deleteNode(id: \"{NanningFirm.Id}\") {{ dataVersion }} }}", token: LiuzhouEditor);

        PolicyApplication.Ok(own);
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(other).Code);
        var (code, message) = PolicyApplication.Error(moved);
        Assert.Equal("FORBIDDEN", code);
        Assert.Contains("would be placed in 450103", message);
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(deleted).Code);
        var stored = await app.GraphStore.GetNodesAsync([LiuzhouFirm.Id, NanningFirm.Id]);
        Assert.Equal("450205", stored[LiuzhouFirm.Id].Properties.Text("region"));
        Assert.Null(stored[NanningFirm.Id].NameEn);
    }

    [StoreFact]
    public async Task LiuzhouAnalystsReadRevenueInLiuzhouOnlyAndEveryonesNames()
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync("{ enterprises(order: [{ name: ASC }]) { nodes { id name revenue employees } } }", token: LiuzhouAnalyst);

        var nodes = response.Data!["enterprises"]!["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!);
        Assert.Equal(60000m, nodes[LiuzhouFirm.Id]["revenue"]!.GetValue<decimal>());
        Assert.Equal("南宁示例电子有限公司", nodes[NanningFirm.Id]["name"]!.GetValue<string>());
        Assert.Null(nodes[NanningFirm.Id]["revenue"]);
        Assert.Null(nodes[NanningFirm.Id]["employees"]);
        Assert.Equal(["FORBIDDEN", "FORBIDDEN"], response.ErrorCodes);
        Assert.Contains("450103 青秀区", response.Errors[0]!["message"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task AFilterOnRevenueByLiuzhouAnalystsSeesOnlyLiuzhou()
    {
        await using var app = await StartAsync();
        const string Large = "{ enterprises(where: { revenue: { gte: 10000 } }, order: [{ revenue: DESC }]) { totalCount nodes { id } } }";

        var scoped = PolicyApplication.Ok(await app.PostAsync(Large, token: LiuzhouAnalyst))["enterprises"]!;
        var unscoped = PolicyApplication.Ok(await app.AnalyseAsync(Large))["enterprises"]!;
        var partners = PolicyApplication.Ok(await app.PostAsync(
            "{ universities(where: { pairings: { some: { node: { revenue: { gte: 10000 } } } } }) { totalCount } }", token: LiuzhouAnalyst))["universities"]!;

        Assert.Equal([LiuzhouFirm.Id], Ids(scoped));
        Assert.Equal([NanningFirm.Id, LiuzhouFirm.Id], Ids(unscoped));
        Assert.Equal(0, partners["totalCount"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task APolicyListOfLiuzhouStaffIsTheirCitys()
    {
        await using var app = await StartAsync();
        const string List = "query($region: String) { policyList(list: DOUBLE_ZERO, region: $region) { totalCount nodes { id } } }";

        var own = PolicyApplication.Ok(await app.PostAsync(List, new { region = (string?)null }, token: LiuzhouAnalyst))["policyList"]!;
        var other = await app.PostAsync(List, new { region = "450100" }, token: LiuzhouAnalyst);

        Assert.Equal([LiuzhouFirm.Id], Ids(own));
        var (code, message) = PolicyApplication.Error(other);
        Assert.Equal("FORBIDDEN", code);
        Assert.Contains("450100 南宁市", message);
    }

    [StoreFact]
    public async Task SmallCellsOfAnotherCityStaySuppressedForLiuzhouAnalysts()
    {
        await using var app = await StartAsync();
        const string Indicators = "query($region: String) { indicators(region: $region, year: 2024) { indicator suppressed value } }";
        async Task<JsonArray> Read(string region, string? token) =>
            PolicyApplication.Ok(await app.PostAsync(Indicators, new { region }, token: token))["indicators"]!.AsArray();

        var liuzhou = await Read("450200", LiuzhouAnalyst);
        var nanning = await Read("450100", LiuzhouAnalyst);

        Assert.Equal((await Read("450200", KnowledgeGraphApplication.TokenFor("analyst"))).ToJsonString(), liuzhou.ToJsonString());
        Assert.Equal((await Read("450100", null)).ToJsonString(), nanning.ToJsonString());
        Assert.Contains(nanning, i => i!["suppressed"]!.GetValue<bool>());
        Assert.DoesNotContain(liuzhou, i => i!["suppressed"]!.GetValue<bool>());
    }

    [StoreFact]
    public async Task AFilingCheckOfLiuzhouStaffReadsTheSizeOfLiuzhouEnterprisesOnly()
    {
        await using var app = await StartAsync();
        const string Check = "query($ids: [ID!]!) { filingCheck(input: { enterpriseIds: $ids, mode: SINGLE, staff: 10, siteArea: 150, equipmentValue: 120, annualRdFunding: 300, projects: 5, hasRules: true }) { standardSize } }";

        var own = await app.PostAsync(Check, new { ids = new[] { LiuzhouFirm.Id } }, token: LiuzhouEditor);
        var other = await app.PostAsync(Check, new { ids = new[] { NanningFirm.Id } }, token: LiuzhouEditor);

        PolicyApplication.Ok(own);
        var (code, message) = PolicyApplication.Error(other);
        Assert.Equal("FORBIDDEN", code);
        Assert.Contains($"{NanningFirm.Id} is in 450103 青秀区, outside the regions of the token (450200 柳州市)", message);
    }

    [StoreFact]
    public async Task TheJournalNamesTheRegionsOfTheTokenThatWrote()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.PostAsync(Pair, new { e = LiuzhouFirm.Id, p = Gxu.Id }, token: LiuzhouEditor));

        var changes = PolicyApplication.Ok(await app.PostAsync(
            $"{{ changes(nodeId: \"{LiuzhouFirm.Id}\") {{ nodes {{ operation actor {{ subject regions }} }} }} }}", token: KnowledgeGraphApplication.TokenFor("admin")))["changes"]!;

        var entry = Assert.Single(changes["nodes"]!.AsArray())!;
        Assert.Equal("createPairing", entry["operation"]!.GetValue<string>());
        Assert.Equal("city-staff", entry["actor"]!["subject"]!.GetValue<string>());
        Assert.Equal(["450200"], entry["actor"]!["regions"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    static List<string> Ids(JsonNode connection) => [.. connection["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
}

/// <summary><see cref="JurisdictionTests"/> on the embedded store.</summary>
public sealed class SqliteJurisdictionTests() : JurisdictionTests(TestStore.Sqlite);

/// <summary><see cref="JurisdictionTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jJurisdictionTests() : JurisdictionTests(TestStore.Neo4j);
