using System.Text.Json.Nodes;
using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>
/// <c>expectedVersion</c>: a write is refused only when a record it names changed after the version the client read it
/// at; writes to other records in between are no conflict. A node's <c>version</c> is what to give back.
/// </summary>
public abstract class RecordVersionTests(MutationApplication app)
{
    private const string Rename = """
        mutation($id: ID!, $name: String!, $expected: Long) {
          patchUniversity(id: $id, set: { name: $name }, expectedVersion: $expected) { dataVersion changes { id change } }
        }
        """;

    private Task<GraphQLResponse> EditAsync(string query, object? variables = null) => app.PostAsync(query, variables, token: MutationApplication.Editor);

    private async Task<long> CreateAsync(string key, string name = "示例科技大学")
    {
        var response = await EditAsync(UpsertUniversity, new { input = University(key, name) });
        Assert.Empty(response.Errors);
        return DataVersion(response.Data?["upsertUniversity"]);
    }

    private Task<GraphQLResponse> RenameAsync(string key, string name, long? expected) =>
        EditAsync(Rename, new { id = $"University:{key}", name, expected });

    private async Task<(string Name, long Version)> ReadAsync(string key)
    {
        var response = await app.PostAsync($$"""{ node(id: "University:{{key}}") { name ... on University { version } } }""");
        Assert.Empty(response.Errors);
        var node = response.Data!["node"]!;
        return (node["name"]!.GetValue<string>(), node["version"]!.GetValue<long>());
    }

    private static JsonNode Error(GraphQLResponse response) => Assert.Single(response.Errors)!;

    [StoreFact]
    public async Task AWriteGuardedByAVersionTheRecordChangedAfterIsAConflictAndWritesNothing()
    {
        var created = await CreateAsync("guarded-univ");
        var renamed = await RenameAsync("guarded-univ", "第一次改名", created);
        Assert.Empty(renamed.Errors);
        var after = DataVersion(renamed.Data?["patchUniversity"]);

        var stale = await RenameAsync("guarded-univ", "过时的改名", created);

        Assert.Equal(["CONFLICT"], stale.ErrorCodes);
        var error = Error(stale);
        Assert.Contains($"University:guarded-univ changed in data version {after}", error["message"]!.GetValue<string>());
        Assert.Equal("""["set"]""", error["extensions"]?["argumentPath"]?.ToJsonString());
        Assert.Equal(("第一次改名", after), await ReadAsync("guarded-univ"));
        Assert.Equal(after, await app.GraphStore.GetDataVersionAsync());
    }

    [StoreFact]
    public async Task WritesToOtherRecordsAfterTheReadAreNoConflict()
    {
        var read = await CreateAsync("quiet-univ");
        await CreateAsync("busy-univ");
        Assert.Empty((await RenameAsync("busy-univ", "别人的改名", null)).Errors);

        var guarded = await RenameAsync("quiet-univ", "安静的改名", read);

        Assert.Empty(guarded.Errors);
        Assert.Equal("安静的改名", (await ReadAsync("quiet-univ")).Name);
        // The whole-store guard keeps its meaning: any write anywhere after it counts.
        var wholeStore = await EditAsync(UpsertUniversity.Replace("upsertUniversity(input: $input)", "upsertUniversity(input: $input, expectedDataVersion: $expected)")
            .Replace("($input: UniversityInput!)", "($input: UniversityInput!, $expected: Long)"), new { input = University("quiet-univ", "整库版本"), expected = read });
        Assert.Equal(["CONFLICT"], wholeStore.ErrorCodes);
    }

    [StoreFact]
    public async Task ANodesVersionIsItsLastChangeAndALinkAtItDoesNotChangeIt()
    {
        await EditAsync(UpsertEnterprise, new { input = Enterprise(Liuzhou) });
        var created = await CreateAsync("versioned-univ");
        Assert.Equal(("示例科技大学", created), await ReadAsync("versioned-univ"));
        var linked = await EditAsync(LinkPairedWith, new { input = Pairing($"Enterprise:{Liuzhou}", "University:versioned-univ") });
        Assert.Empty(linked.Errors);

        var (_, version) = await ReadAsync("versioned-univ");
        Assert.Equal(created, version);
        var guarded = await RenameAsync("versioned-univ", "按版本改名", version);
        Assert.Empty(guarded.Errors);
        Assert.Equal(DataVersion(guarded.Data?["patchUniversity"]), (await ReadAsync("versioned-univ")).Version);
    }

    [StoreFact]
    public async Task ABatchAndALinkAreGuardedByEveryRecordTheyName()
    {
        await EditAsync(UpsertEnterprise, new { input = Enterprise(Yulin, "玉林示例机械有限公司") });
        var read = await CreateAsync("batch-guard-univ");
        var pairing = $"PAIRED_WITH|Enterprise:{Yulin}|University:batch-guard-univ";
        var linked = await EditAsync(LinkPairedWith, new { input = Pairing($"Enterprise:{Yulin}", "University:batch-guard-univ") });
        var linkedAt = DataVersion(linked.Data?["linkPairedWith"]);

        var staleUnlink = await EditAsync("mutation($id: ID!, $expected: Long) { unlink(id: $id, expectedVersion: $expected) { dataVersion } }", new { id = pairing, expected = read });
        Assert.Equal(["CONFLICT"], staleUnlink.ErrorCodes);
        Assert.NotNull(await app.GraphStore.GetLinkAsync(pairing));

        var batch = await EditAsync(
            "mutation($operations: [BatchOperationInput!]!, $expected: Long) { applyBatch(operations: $operations, expectedVersion: $expected) { dataVersion } }",
            new
            {
                operations = new object[]
                {
                    new { upsertUniversity = University("batch-guard-new") },
                    new { unlink = pairing },
                },
                expected = read,
            });
        Assert.Equal(["CONFLICT"], batch.ErrorCodes);
        Assert.Equal("""["operations",1,"unlink"]""", Error(batch)["extensions"]?["argumentPath"]?.ToJsonString());
        Assert.Null(await app.GraphStore.GetNodeAsync("University:batch-guard-new"));

        var fresh = await EditAsync("mutation($id: ID!, $expected: Long) { unlink(id: $id, expectedVersion: $expected) { changes { change } } }", new { id = pairing, expected = linkedAt });
        Assert.Equal("DELETED", fresh.Data?["unlink"]?["changes"]?[0]?["change"]?.GetValue<string>());
    }

    [StoreFact]
    public async Task OfConcurrentWritesGuardedByOneVersionOfOneRecordExactlyOneWins()
    {
        var read = await CreateAsync("raced-univ");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RenameAsync("raced-univ", $"竞争者{i}", read)));

        var winners = responses.Where(r => r.Errors.Count == 0).ToList();
        Assert.Single(winners);
        Assert.All(responses.Except(winners), r => Assert.Equal(["CONFLICT"], r.ErrorCodes));
        var winner = Assert.Single(winners);
        Assert.Equal(DataVersion(winner.Data?["patchUniversity"]), (await ReadAsync("raced-univ")).Version);
    }

    [StoreFact]
    public async Task ConcurrentGuardedWritesToDifferentRecordsAllWin()
    {
        var keys = Enumerable.Range(0, 8).Select(i => $"parallel-univ-{i}").ToList();
        foreach (var key in keys) await CreateAsync(key);
        var read = await app.GraphStore.GetDataVersionAsync();

        var responses = await Task.WhenAll(keys.Select(key => RenameAsync(key, $"{key} 改名", read)));

        Assert.All(responses, r => Assert.True(r.Errors.Count == 0, r.ToString()));
        foreach (var key in keys) Assert.Equal($"{key} 改名", (await ReadAsync(key)).Name);
    }

    [StoreFact]
    public async Task AVersionTheStoreHasNotReachedOrANegativeOneIsRefused()
    {
        await CreateAsync("future-univ");
        var now = await app.GraphStore.GetDataVersionAsync();

        Assert.Equal(["CONFLICT"], (await RenameAsync("future-univ", "未来", now + 10)).ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], (await RenameAsync("future-univ", "负数", -1)).ErrorCodes);
        Assert.Equal("示例科技大学", (await ReadAsync("future-univ")).Name);
    }
}

/// <summary><see cref="RecordVersionTests"/> on the embedded store.</summary>
public sealed class SqliteRecordVersionTests(MutationApplication app) : RecordVersionTests(app), IClassFixture<MutationApplication>;

/// <summary><see cref="RecordVersionTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jRecordVersionTests(Neo4jMutationApplication app) : RecordVersionTests(app), IClassFixture<Neo4jMutationApplication>;
