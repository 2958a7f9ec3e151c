using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary><c>applyBatch</c>: many writes in order in one transaction, all or nothing.</summary>
public abstract class BatchTests(MutationApplication app)
{
    private const string EnterpriseId = $"Enterprise:{Liuzhou}";
    private const string UniversityId = "University:batch-univ";
    private static readonly string PairingId = $"PAIRED_WITH|{EnterpriseId}|{UniversityId}";

    private static object[] FilingAndPairing(object lastOperation) =>
    [
        new { upsertEnterprise = Enterprise(Liuzhou) },
        new { upsertUniversity = University("batch-univ") },
        lastOperation,
    ];

    private Task<GraphQLResponse> BatchAsync(object[] operations, long? expected = null) =>
        app.PostAsync(ApplyBatch, new { operations, expected }, token: MutationApplication.Editor);

    [StoreFact]
    public async Task ABatchWritesNodesAndTheLinksBetweenThemInOrder()
    {
        var before = await app.GraphStore.GetDataVersionAsync();
        object[] operations =
        [
            new { upsertEnterprise = Enterprise(Huawei, "华为技术有限公司") },
            new { upsertUniversity = University("first-batch-univ") },
            new { linkPairedWith = Pairing($"Enterprise:{Huawei}", "University:first-batch-univ") },
        ];

        var response = await BatchAsync(operations);

        var payload = response.Data?["applyBatch"];
        var pairing = $"PAIRED_WITH|Enterprise:{Huawei}|University:first-batch-univ";
        Assert.Equal([($"Enterprise:{Huawei}", "CREATED"), ("University:first-batch-univ", "CREATED"), (pairing, "CREATED")], Changes(payload));
        Assert.Equal(before + 1, DataVersion(payload));
        Assert.NotNull(await app.GraphStore.GetLinkAsync(pairing));

        var repeat = await BatchAsync(operations);
        Assert.Equal(["UNCHANGED", "UNCHANGED", "UNCHANGED"], Changes(repeat.Data?["applyBatch"]).Select(c => c.Change));
        Assert.Equal(before + 1, DataVersion(repeat.Data?["applyBatch"]));
    }

    [StoreFact]
    public async Task ABatchWhoseLastOperationIsWrongWritesNothing()
    {
        var before = await app.GraphStore.GetDataVersionAsync();
        var counts = await app.GraphStore.CountAsync();

        var response = await BatchAsync(
        [
            new { upsertEnterprise = Enterprise(Yulin, "玉林示例动力配件有限公司") },
            new { upsertUniversity = University("all-or-nothing-univ") },
            new { linkPairedWith = Pairing($"Enterprise:{Yulin}", "University:not-in-the-batch") },
        ]);

        var error = Assert.Single(response.Errors)!;
        Assert.Equal("NOT_FOUND", error["extensions"]?["code"]?.GetValue<string>());
        Assert.StartsWith("PAIRED_WITH", error["message"]!.GetValue<string>());
        Assert.Contains("operations[2].linkPairedWith.to: there is no node University:not-in-the-batch", error["message"]!.GetValue<string>());
        Assert.Equal("""["operations",2,"linkPairedWith","to"]""", error["extensions"]?["argumentPath"]?.ToJsonString());
        Assert.Null(response.Data?["applyBatch"]);

        Assert.Equal(before, await app.GraphStore.GetDataVersionAsync());
        var after = await app.GraphStore.CountAsync();
        Assert.Equal((counts.NodeTotal, counts.LinkTotal), (after.NodeTotal, after.LinkTotal));
        Assert.Null(await app.GraphStore.GetNodeAsync($"Enterprise:{Yulin}"));
        Assert.Null(await app.GraphStore.GetNodeAsync("University:all-or-nothing-univ"));
    }

    [StoreFact]
    public async Task ABatchThatFailsInTheStoreWritesNothingEither()
    {
        await BatchAsync(FilingAndPairing(new { linkPairedWith = Pairing(EnterpriseId, UniversityId) }));
        var before = await app.GraphStore.GetDataVersionAsync();

        var response = await BatchAsync(
            [new { deleteNode = UniversityId }, new { upsertUniversity = University("late-univ") }], expected: before - 1);

        Assert.Equal(["CONFLICT"], response.ErrorCodes);
        Assert.Equal(before, await app.GraphStore.GetDataVersionAsync());
        Assert.NotNull(await app.GraphStore.GetNodeAsync(UniversityId));
        Assert.NotNull(await app.GraphStore.GetLinkAsync(PairingId));
        Assert.Null(await app.GraphStore.GetNodeAsync("University:late-univ"));
    }

    [StoreFact]
    public async Task ALinkToANodeDeletedEarlierInTheBatchIsNotFound()
    {
        await BatchAsync(FilingAndPairing(new { linkPairedWith = Pairing(EnterpriseId, UniversityId) }));

        var response = await BatchAsync([new { deleteNode = UniversityId }, new { linkPairedWith = Pairing(EnterpriseId, UniversityId, "2024-01-01") }]);

        Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
        Assert.Contains($"operations[1].linkPairedWith.to: there is no node {UniversityId}", response.Errors[0]!["message"]!.GetValue<string>());
        Assert.NotNull(await app.GraphStore.GetNodeAsync(UniversityId));
    }

    [StoreFact]
    public async Task UnlinkAndDeleteRunInABatch()
    {
        await BatchAsync(FilingAndPairing(new { linkPairedWith = Pairing(EnterpriseId, UniversityId) }));

        var response = await BatchAsync([new { unlink = PairingId }, new { deleteNode = UniversityId }, new { deleteNode = UniversityId }]);

        Assert.Equal([(PairingId, "DELETED"), (UniversityId, "DELETED"), (UniversityId, "NOT_FOUND")], Changes(response.Data?["applyBatch"]));
        Assert.Null(await app.GraphStore.GetNodeAsync(UniversityId));
        Assert.NotNull(await app.GraphStore.GetNodeAsync(EnterpriseId));
    }

    [StoreFact]
    public async Task AnOperationWithTwoWritesIsRefusedNamingIt()
    {
        var response = await BatchAsync(
        [
            new { upsertUniversity = University("one-univ") },
            new { upsertUniversity = University("two-univ"), deleteNode = EnterpriseId },
        ]);

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
        Assert.Contains("$operations[1]", response.Errors[0]!["message"]!.GetValue<string>());
        Assert.Null(await app.GraphStore.GetNodeAsync("University:one-univ"));
    }

    [StoreFact]
    public async Task ARegionCreatedInABatchCanBeUsedLaterInIt()
    {
        var response = await BatchAsync(
        [
            new { upsertRegion = new { code = "450298", name = "示例园区", level = "COUNTY", parent = "450200" } },
            new { upsertUniversity = new { key = "park-college", name = "示例园区学院", region = "450298" } },
        ]);

        Assert.Equal([("Region:450298", "CREATED"), ("University:park-college", "CREATED")], Changes(response.Data?["applyBatch"]));
        Assert.Equal("450298", (await app.GraphStore.GetNodeAsync(NodeId.Of(NodeKind.University, "park-college")))!.Properties.Text("region"));
    }
}

/// <summary><see cref="BatchTests"/> on the embedded store.</summary>
public sealed class SqliteBatchTests(MutationApplication app) : BatchTests(app), IClassFixture<MutationApplication>;

/// <summary><see cref="BatchTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jBatchTests(Neo4jMutationApplication app) : BatchTests(app), IClassFixture<Neo4jMutationApplication>;
