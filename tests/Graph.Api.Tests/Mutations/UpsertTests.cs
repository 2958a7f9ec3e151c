using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary><c>upsert&lt;Kind&gt;</c>: create or update by natural key, idempotent, with every property typed from the catalog.</summary>
public abstract class UpsertTests(MutationApplication app)
{
    private Task<GraphQLResponse> UpsertAsync(object input) =>
        app.PostAsync(UpsertEnterprise, new { input }, token: MutationApplication.EditorAnalyst);

    [StoreFact]
    public async Task UpsertingANewEnterpriseCreatesItWithTypedPropertiesAndTheRegionOfItsCreditCode()
    {
        var before = await app.GraphStore.GetDataVersionAsync();

        var response = await UpsertAsync(Enterprise(Liuzhou, "柳州示例精工机械有限公司",
            ("nameEn", "Liuzhou Example Precision Machinery"), ("aliases", new[] { "示例精工" }), ("fields", new[] { "machinery" }),
            ("employees", 1000), ("revenue", 40000.5m), ("highTech", true), ("foundedOn", "2006-03-15")));

        var payload = response.Data?["upsertEnterprise"];
        Assert.Equal([($"Enterprise:{Liuzhou}", "CREATED")], Changes(payload));
        Assert.Equal(before + 1, DataVersion(payload));
        var stored = await app.GraphStore.GetNodeAsync($"Enterprise:{Liuzhou}");
        Assert.NotNull(stored);
        Assert.Equal("Liuzhou Example Precision Machinery", stored.NameEn);
        Assert.Equal<string>(["示例精工"], stored.Aliases);
        AssertProperties(
            PropertyBag.Of(("region", "450204"), ("fields", new[] { "machinery" }), ("employees", 1000L), ("revenue", 40000.5m),
                ("highTech", true), ("foundedOn", new DateOnly(2006, 3, 15)), ("sizeClass", "Large")),
            stored.Properties);
    }

    [StoreFact]
    public async Task RepeatingTheSameUpsertIsUnchangedAndLeavesTheDataVersionAlone()
    {
        var input = Enterprise(Yulin, "玉林示例动力配件有限公司", ("region", "450902"), ("revenue", 800));
        var first = DataVersion((await UpsertAsync(input)).Data?["upsertEnterprise"]);

        var repeat = (await UpsertAsync(input)).Data?["upsertEnterprise"];

        Assert.Equal([($"Enterprise:{Yulin}", "UNCHANGED")], Changes(repeat));
        Assert.Equal(first, DataVersion(repeat));
        Assert.Equal(first, await app.GraphStore.GetDataVersionAsync());
    }

    [StoreFact]
    public async Task AnUpsertReplacesTheContentSoAPropertyLeftOutIsCleared()
    {
        await UpsertAsync(Enterprise(Huawei, "华为技术有限公司", ("employees", 200000), ("highTech", true)));

        var response = await UpsertAsync(Enterprise(Huawei, "华为技术有限公司", ("highTech", false)));

        Assert.Equal([($"Enterprise:{Huawei}", "UPDATED")], Changes(response.Data?["upsertEnterprise"]));
        var stored = await app.GraphStore.GetNodeAsync($"Enterprise:{Huawei}");
        // 440300 is not among the known regions, so the nearest one, Guangdong, is taken.
        AssertProperties(PropertyBag.Of(("region", "440000"), ("highTech", false)), stored!.Properties);
    }

    [StoreFact]
    public async Task ThePayloadReturnsTheNodeAsNowStored()
    {
        var response = await app.PostAsync("""
            mutation($input: EnterpriseInput!) {
              upsertEnterprise(input: $input) {
                changes { change node { id ... on Enterprise { creditCode name aliases region { code name } fields { code } highTech foundedOn } } link { id } }
              }
            }
            """, new { input = Enterprise(Yulin, "玉林示例动力配件有限公司", ("aliases", new[] { "示例动力" }), ("fields", new[] { "machinery" }), ("highTech", true), ("foundedOn", "2004-07-01")) },
            token: MutationApplication.EditorAnalyst);

        var change = response.Data?["upsertEnterprise"]?["changes"]?[0];
        Assert.Null(change?["link"]);
        Assert.Equal($$"""
            {"id":"Enterprise:{{Yulin}}","creditCode":"{{Yulin}}","name":"玉林示例动力配件有限公司","aliases":["示例动力"],"region":{"code":"450902","name":"玉州区"},"fields":[{"code":"machinery"}],"highTech":true,"foundedOn":"2004-07-01"}
            """, change?["node"]?.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [StoreFact]
    public async Task EnumPropertiesTakeTheirScreamingCaseValues()
    {
        var response = await app.PostAsync($$"""
            mutation {
              upsertPlatform(input: { key: "lz-tech-center", name: "柳州示例企业技术中心", region: "450200",
                platformType: ENTERPRISE_TECHNOLOGY_CENTER, level: PROVINCIAL, status: ACCREDITED, statusDate: "2023-06-30" }) {{Payload}}
            }
            """, token: MutationApplication.Editor);

        Assert.Equal([("Platform:lz-tech-center", "CREATED")], Changes(response.Data?["upsertPlatform"]));
        var stored = await app.GraphStore.GetNodeAsync("Platform:lz-tech-center");
        AssertProperties(
            PropertyBag.Of(("region", "450200"), ("platformType", "EnterpriseTechnologyCenter"), ("level", "Provincial"), ("status", "Accredited"),
                ("statusDate", new DateOnly(2023, 6, 30))),
            stored!.Properties);
    }

    [StoreFact]
    public async Task ARegionCreatedByAnUpsertCanBeReferencedByTheNextOne()
    {
        var region = await app.PostAsync($$"""
            mutation { upsertRegion(input: { code: "450299", name: "示例新区", level: COUNTY, parent: "450200" }) {{Payload}} }
            """, token: MutationApplication.Editor);
        Assert.Equal([("Region:450299", "CREATED")], Changes(region.Data?["upsertRegion"]));

        var university = await app.PostAsync(UpsertUniversity,
            new { input = new { key = "new-district-college", name = "示例新区学院", region = "450299" } }, token: MutationApplication.Editor);

        Assert.Equal([("University:new-district-college", "CREATED")], Changes(university.Data?["upsertUniversity"]));
    }

    [StoreFact]
    public async Task EveryNodeKindHasAnUpsertAndEveryLinkTypeALinkMutation()
    {
        var response = await app.PostAsync("""{ __type(name: "Mutation") { fields { name } } }""");

        var fields = response.Data!["__type"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToHashSet();
        foreach (var kind in Enum.GetValues<NodeKind>())
            Assert.Contains("upsert" + kind, fields);
        foreach (var type in Enum.GetValues<LinkType>())
            Assert.Contains("link" + type, fields);
        Assert.Contains("unlink", fields);
        Assert.Contains("deleteNode", fields);
        Assert.Contains("applyBatch", fields);
    }
}

/// <summary><see cref="UpsertTests"/> on the embedded store.</summary>
public sealed class SqliteUpsertTests(MutationApplication app) : UpsertTests(app), IClassFixture<MutationApplication>;

/// <summary><see cref="UpsertTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jUpsertTests(Neo4jMutationApplication app) : UpsertTests(app), IClassFixture<Neo4jMutationApplication>;
