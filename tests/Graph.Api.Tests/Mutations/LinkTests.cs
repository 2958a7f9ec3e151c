using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary><c>link&lt;LinkType&gt;</c>, <c>unlink</c> and <c>deleteNode</c>.</summary>
public abstract class LinkTests(MutationApplication app) : IAsyncLifetime
{
    private const string EnterpriseId = $"Enterprise:{Liuzhou}";
    private const string UniversityId = "University:demo-tech-univ";
    private static readonly string PairingId = $"PAIRED_WITH|{EnterpriseId}|{UniversityId}";

    public async Task InitializeAsync()
    {
        await app.PostAsync(UpsertEnterprise, new { input = Enterprise(Liuzhou) }, token: MutationApplication.Editor);
        await app.PostAsync(UpsertUniversity, new { input = University("demo-tech-univ") }, token: MutationApplication.Editor);
        // The class's tests share the application and run in any order: each starts without the pairing.
        await MutateAsync($$"""mutation { unlink(id: "{{PairingId}}") {{Payload}} }""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<GraphQLResponse> PairAsync(string? startDate) =>
        app.PostAsync(LinkPairedWith, new { input = Pairing(EnterpriseId, UniversityId, startDate) }, token: MutationApplication.Editor);

    private Task<GraphQLResponse> MutateAsync(string query) => app.PostAsync(query, token: MutationApplication.Editor);

    [StoreFact]
    public async Task LinkingCreatesTheLinkThenARepeatIsUnchangedAndANewDateUpdatesIt()
    {
        var created = (await PairAsync("2021-03-01")).Data?["linkPairedWith"];
        var repeated = (await PairAsync("2021-03-01")).Data?["linkPairedWith"];
        var updated = (await PairAsync("2021-04-01")).Data?["linkPairedWith"];

        Assert.Equal([(PairingId, "CREATED")], Changes(created));
        Assert.Equal([(PairingId, "UNCHANGED")], Changes(repeated));
        Assert.Equal(DataVersion(created), DataVersion(repeated));
        Assert.Equal([(PairingId, "UPDATED")], Changes(updated));
        var stored = await app.GraphStore.GetLinkAsync(PairingId);
        Assert.Equal((new DateOnly(2021, 4, 1), "结对子名单"), (stored!.StartDate, stored.Source));
    }

    [StoreFact]
    public async Task ThePayloadReturnsTheLinkAsNowStoredWithItsEnds()
    {
        var response = await app.PostAsync("""
            mutation($input: PairedWithInput!) {
              linkPairedWith(input: $input) { changes { node { id } link { id type startDate source ... on PairedWithLink { from { id name } to { id name } } } } }
            }
            """, new { input = Pairing(EnterpriseId, UniversityId, "2021-03-01") }, token: MutationApplication.Editor);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var change = response.Data?["linkPairedWith"]?["changes"]?[0];
        Assert.Null(change?["node"]);
        var link = change?["link"];
        Assert.Equal(PairingId, link?["id"]?.GetValue<string>());
        Assert.Equal("PAIRED_WITH", link?["type"]?.GetValue<string>());
        Assert.Equal("2021-03-01", link?["startDate"]?.GetValue<string>());
        Assert.Equal((EnterpriseId, "柳州示例精工机械有限公司"), (link?["from"]?["id"]?.GetValue<string>(), link?["from"]?["name"]?.GetValue<string>()));
        Assert.Equal((UniversityId, "示例科技大学"), (link?["to"]?["id"]?.GetValue<string>(), link?["to"]?["name"]?.GetValue<string>()));
    }

    [StoreFact]
    public async Task ALinksPropertiesAndKeyAreWritten()
    {
        await MutateAsync("""mutation { upsertProject(input: { key: "gx-2023-001", name: "示例重点研发计划项目" }) { dataVersion } }""");

        var response = await MutateAsync($$"""
            mutation {
              linkParticipatesIn(input: { from: "{{EnterpriseId}}", to: "Project:gx-2023-001", key: "lead", role: LEAD, fundingShare: 62.5 }) {{Payload}}
            }
            """);

        var id = $"PARTICIPATES_IN|{EnterpriseId}|Project:gx-2023-001|lead";
        Assert.Equal([(id, "CREATED")], Changes(response.Data?["linkParticipatesIn"]));
        AssertProperties(PropertyBag.Of(("role", "Lead"), ("fundingShare", 62.5m)), (await app.GraphStore.GetLinkAsync(id))?.Properties);
    }

    [StoreFact]
    public async Task UnlinkDeletesTheLinkAndARepeatFindsNothing()
    {
        await PairAsync("2021-03-01");
        var unlink = $$"""mutation { unlink(id: "{{PairingId}}") {{Payload}} }""";

        var deleted = (await MutateAsync(unlink)).Data?["unlink"];
        var again = (await MutateAsync(unlink)).Data?["unlink"];

        Assert.Equal([(PairingId, "DELETED")], Changes(deleted));
        Assert.Equal([(PairingId, "NOT_FOUND")], Changes(again));
        Assert.Equal(DataVersion(deleted), DataVersion(again));
        Assert.Null(await app.GraphStore.GetLinkAsync(PairingId));
    }

    [StoreFact]
    public async Task DeletingANodeDeletesItsLinksToo()
    {
        await MutateAsync("""mutation { upsertUniversity(input: { key: "short-lived", name: "示例短期学院" }) { dataVersion } }""");
        var pairing = $"PAIRED_WITH|{EnterpriseId}|University:short-lived";
        await app.PostAsync(LinkPairedWith, new { input = Pairing(EnterpriseId, "University:short-lived") }, token: MutationApplication.Editor);
        Assert.NotNull(await app.GraphStore.GetLinkAsync(pairing));

        var response = await MutateAsync($$"""mutation { deleteNode(id: "University:short-lived") {{Payload}} }""");

        Assert.Equal([("University:short-lived", "DELETED")], Changes(response.Data?["deleteNode"]));
        Assert.Null(await app.GraphStore.GetNodeAsync("University:short-lived"));
        Assert.Null(await app.GraphStore.GetLinkAsync(pairing));
        Assert.NotNull(await app.GraphStore.GetNodeAsync(EnterpriseId));
    }

    [StoreFact]
    public async Task DeletingANodeThatIsNotThereIsNotFoundAndChangesNothing()
    {
        var before = await app.GraphStore.GetDataVersionAsync();

        var response = await MutateAsync($$"""mutation { deleteNode(id: "University:never-was") {{Payload}} }""");

        Assert.Equal([("University:never-was", "NOT_FOUND")], Changes(response.Data?["deleteNode"]));
        Assert.Equal(before, DataVersion(response.Data?["deleteNode"]));
    }
}

/// <summary><see cref="LinkTests"/> on the embedded store.</summary>
public sealed class SqliteLinkTests(MutationApplication app) : LinkTests(app), IClassFixture<MutationApplication>;

/// <summary><see cref="LinkTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jLinkTests(Neo4jMutationApplication app) : LinkTests(app), IClassFixture<Neo4jMutationApplication>;
