using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>Policy indicators and lists through GraphQL: 双清零 at its boundary, regions with sub-regions, paging, lists for analysts only.</summary>
public abstract class IndicatorTests(TestStore store)
{
    static NodeInput Industrial(int serial, string name, decimal revenue, bool rd = false, string region = "450602", params (string, object?)[] more) =>
        Enterprise(serial, name, region, [("industrial", true), ("aboveDesignatedSize", revenue >= 2000m), ("revenue", revenue), ("hasRdActivity", rd), ("dataYear", 2024L), .. more]);

    static readonly NodeInput AtThreshold = Industrial(51, "防城港示例钢铁制品有限公司", 50000m);
    static readonly NodeInput JustUnder = Industrial(52, "钦州示例石化有限公司", 49999.9m, region: "450702");
    static readonly NodeInput WithActivity = Industrial(53, "贵港示例造纸有限公司", 50000m, rd: true, region: "450802");
    static readonly NodeInput WithInstitution = Industrial(54, "梧州示例陶瓷有限公司", 65000m, region: "450403");
    static readonly NodeInput WithDelisted = Industrial(55, "钦州示例粮油有限公司", 82000m, region: "450702");
    static readonly NodeInput NotIndustrial = Enterprise(56, "南宁示例物流有限公司", "450108", ("revenue", 52000m), ("hasRdActivity", false));
    static readonly NodeInput Filed = new(NodeKind.Platform, "pf-ceramic", "梧州示例陶瓷研发中心", Properties: PropertyBag.Of(("status", "Filed"), ("filedOn", new DateOnly(2024, 3, 1))));
    static readonly NodeInput Delisted = new(NodeKind.Platform, "pf-grain", "钦州示例粮油技术中心", Properties: PropertyBag.Of(("status", "Delisted")));

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(AtThreshold, JustUnder, WithActivity, WithInstitution, WithDelisted, NotIndustrial, Filed, Delisted,
            Link(LinkType.Hosts, WithInstitution, Filed, Day(2024, 3, 1)),
            Link(LinkType.Hosts, WithDelisted, Delisted, Day(2019, 1, 1)));
        return app;
    }

    const string List = """
        query($list: PolicyList!, $region: String, $first: Int, $after: String) {
          policyList(list: $list, region: $region, first: $first, after: $after) {
            name totalCount
            nodes { id }
            edges { cursor node { name } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    [StoreFact]
    public async Task AnIndustrialEnterpriseAtExactlyFiveHundredMillionWithoutRdIsOnTheDoubleZeroList()
    {
        await using var app = await StartAsync();

        var list = PolicyApplication.Ok(await app.AnalyseAsync(List, new { list = "DOUBLE_ZERO" }))["policyList"]!;

        Assert.Equal("营收5亿元以上无研发活动和无研发机构的重点工业企业清单", list["name"]!.GetValue<string>());
        Assert.Equal([AtThreshold.Id, WithDelisted.Id], list["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(2, list["totalCount"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task AListIsPagedWithCursors()
    {
        await using var app = await StartAsync();

        var first = PolicyApplication.Ok(await app.AnalyseAsync(List, new { list = "DOUBLE_ZERO", first = 1 }))["policyList"]!;
        var cursor = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = PolicyApplication.Ok(await app.AnalyseAsync(List, new { list = "DOUBLE_ZERO", first = 1, after = cursor }))["policyList"]!;

        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var names = new[] { first, second }.Select(p => Assert.Single(p["edges"]!.AsArray())!["node"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(2, names.Distinct().Count());
    }

    [StoreFact]
    public async Task AListNeedsATokenWithTheAnalystRole()
    {
        await using var app = await StartAsync();

        var anonymous = await app.PostAsync(List, new { list = "DOUBLE_ZERO" });
        var editor = await app.EditAsync(List, new { list = "DOUBLE_ZERO" });
        var admin = await app.PostAsync(List, new { list = "DOUBLE_ZERO" }, token: KnowledgeGraphApplication.TokenFor("admin"));

        Assert.Equal(401, anonymous.Status);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.Contains("'analyst'", anonymous.Errors[0]!["message"]!.GetValue<string>());
        Assert.Null(anonymous.Json?["data"]);
        Assert.Equal(403, editor.Status);
        Assert.Equal(["FORBIDDEN"], editor.ErrorCodes);
        Assert.Contains("'analyst'", editor.Errors[0]!["message"]!.GetValue<string>());
        Assert.Equal(2, PolicyApplication.Ok(admin)["policyList"]!["totalCount"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task IndicatorsStayPublicWhileListsNeedTheAnalystRole()
    {
        await using var app = await StartAsync();

        var indicators = await app.PostAsync("{ indicators(region: \"450000\", year: 2024) { indicator value } }");

        Assert.Empty(indicators.Errors);
        Assert.NotEmpty(indicators.Data!["indicators"]!.AsArray());
    }

    [StoreFact]
    public async Task IndicatorsOfARegionCountItsSubRegionsBesideTheTarget()
    {
        await using var app = await StartAsync();

        // As an analyst: two enterprises in 钦州 is a small cell that anonymous callers do not see (InferenceControlTests).
        var qinzhou = PolicyApplication.Ok(await app.AnalyseAsync("{ indicators(region: \"450700\", year: 2024) { indicator value numerator denominator gap target { value year seed } } }"))["indicators"]!;
        var guangxi = PolicyApplication.Ok(await app.AnalyseAsync("{ indicators(year: 2024) { indicator value numerator target { value } } }"))["indicators"]!;

        var doubleZero = Assert.Single(qinzhou.AsArray(), i => i!["indicator"]!.GetValue<string>() == "DOUBLE_ZERO")!;
        Assert.Equal(1m, doubleZero["value"]!.GetValue<decimal>());
        // 钦州 is a city: Guangxi's targets are not its own.
        Assert.Null(doubleZero["target"]);
        Assert.Null(doubleZero["gap"]);
        var share = Assert.Single(qinzhou.AsArray(), i => i!["indicator"]!.GetValue<string>() == "RD_INSTITUTION_SHARE")!;
        Assert.Equal(0, share["numerator"]!.GetValue<int>());
        Assert.Equal(2, share["denominator"]!.GetValue<int>());
        Assert.Null(share["target"]);
        var filed = Assert.Single(guangxi.AsArray(), i => i!["indicator"]!.GetValue<string>() == "FILED_INSTITUTIONS")!;
        Assert.Equal(1m, filed["value"]!.GetValue<decimal>());
        var zeroAll = Assert.Single(guangxi.AsArray(), i => i!["indicator"]!.GetValue<string>() == "DOUBLE_ZERO")!;
        Assert.Equal(2m, zeroAll["value"]!.GetValue<decimal>());
        Assert.Equal(0m, zeroAll["target"]!["value"]!.GetValue<decimal>());
    }

    [StoreFact]
    public async Task AnUnknownRegionIsInvalidInput()
    {
        await using var app = await StartAsync();

        var (code, message) = PolicyApplication.Error(await app.PostAsync("{ indicators(region: \"999999\", year: 2024) { value } }"));

        Assert.Equal("INVALID_INPUT", code);
        Assert.Contains("999999", message);
    }
}

/// <summary><see cref="IndicatorTests"/> on the embedded store.</summary>
public sealed class SqliteIndicatorTests() : IndicatorTests(TestStore.Sqlite);

/// <summary><see cref="IndicatorTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jIndicatorTests() : IndicatorTests(TestStore.Neo4j);
