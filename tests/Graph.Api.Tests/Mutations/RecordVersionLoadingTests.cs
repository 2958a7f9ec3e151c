using Xunit.Abstractions;
using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>
/// A list's <c>version</c>s come from one batch of journal reads, however many records it lists, and each is the data
/// version of the record's last write.
/// </summary>
public abstract class RecordVersionLoadingTests(TestStore storeKind, ITestOutputHelper output)
{
    private const string Versions = """
        query($first: Int!) { universities(first: $first, order: [{ key: ASC }]) { nodes { key version } } }
        """;

    private const string Rename = """
        mutation($id: ID!, $name: String!) { patchUniversity(id: $id, set: { name: $name }) { dataVersion } }
        """;

    [StoreFact]
    public async Task FortyUniversitiesVersionsTakeAsManyStoreCallsAsTenAndEachIsItsLastWrite()
    {
        var ten = await StoreCallsForVersionsAsync(10);
        var forty = await StoreCallsForVersionsAsync(40);

        output.WriteLine($"store calls: {ten} for 10 universities' versions, {forty} for 40");
        Assert.Equal(ten, forty);
        // The list, the newest bulk load of each bulk subject, and the records' journal entries in one read.
        Assert.InRange(forty, 2, 6);
    }

    [StoreFact]
    public async Task ALinksVersionIsItsLastWriteAndGuardsItsUpdate()
    {
        await using var app = new KnowledgeGraphApplication(storeKind);
        Task<GraphQLResponse> EditAsync(string query, object variables) => app.PostAsync(query, variables, token: MutationApplication.Editor);
        Assert.Empty((await EditAsync(UpsertEnterprise, new { input = Enterprise(Liuzhou) })).Errors);
        Assert.Empty((await EditAsync(UpsertUniversity, new { input = University("linked-univ") })).Errors);
        var linked = DataVersion((await EditAsync(LinkPairedWith, new { input = Pairing($"Enterprise:{Liuzhou}", "University:linked-univ") })).Data?["linkPairedWith"]);
        // A change of the link's start node is filed under the same node, and is no change of the link.
        Assert.Empty((await EditAsync(UpsertEnterprise, new { input = Enterprise(Liuzhou, "柳州示例精工机械股份有限公司") })).Errors);
        Assert.Equal(linked, await LinkVersionAsync(app));

        var guarded = """
            mutation($input: PairedWithInput!, $expected: Long) { linkPairedWith(input: $input, expectedVersion: $expected) { dataVersion } }
            """;
        var updated = await EditAsync(guarded, new { input = Pairing($"Enterprise:{Liuzhou}", "University:linked-univ", "2022-05-01"), expected = linked });
        Assert.Empty(updated.Errors);
        var updatedAt = DataVersion(updated.Data?["linkPairedWith"]);
        Assert.Equal(updatedAt, await LinkVersionAsync(app));

        var stale = await EditAsync(guarded, new { input = Pairing($"Enterprise:{Liuzhou}", "University:linked-univ", "2023-01-01"), expected = linked });
        Assert.Equal(["CONFLICT"], stale.ErrorCodes);
        Assert.Equal(updatedAt, await LinkVersionAsync(app));
    }

    [StoreFact]
    public async Task ARecordEditedSixtyTimesReadsItsVersionFromItsNewestEntries()
    {
        var store = new CountingGraphStore();
        await using var app = new KnowledgeGraphApplication(storeKind).WithServices(store.Install);
        long last = 0;
        for (var i = 0; i < 60; i++)
        {
            var renamed = await app.PostAsync(UpsertEnterprise, new { input = Enterprise(Liuzhou, $"柳州示例第{i}次更名机械有限公司") }, token: MutationApplication.Editor);
            Assert.Empty(renamed.Errors);
            last = DataVersion(renamed.Data?["upsertEnterprise"]);
        }
        store.Reset();

        var response = await app.PostAsync($$"""{ node(id: "Enterprise:{{Liuzhou}}") { ... on Enterprise { version } } }""");

        Assert.Empty(response.Errors);
        Assert.Equal(last, response.Data!["node"]!["version"]!.GetValue<long>());
        // The newest few of its 60 entries and the bulk loads', not 50 of its own decoded to find the first.
        output.WriteLine($"journal entries read: {store.JournalEntriesRead}");
        Assert.InRange(store.JournalEntriesRead, 1, 8);
    }

    private static async Task<long> LinkVersionAsync(KnowledgeGraphApplication app)
    {
        var response = await app.PostAsync("""{ node(id: "University:linked-univ") { ... on University { pairings { edges { link { version } } } } } }""");
        Assert.Empty(response.Errors);
        return Assert.Single(response.Data!["node"]!["pairings"]!["edges"]!.AsArray())!["link"]!["version"]!.GetValue<long>();
    }

    private async Task<int> StoreCallsForVersionsAsync(int universities)
    {
        var store = new CountingGraphStore();
        await using var app = new KnowledgeGraphApplication(storeKind).WithServices(store.Install);
        var keys = Enumerable.Range(0, universities).Select(i => $"versions-univ-{i:D3}").ToList();
        var created = await app.PostAsync(ApplyBatch, new { operations = keys.Select(k => new { upsertUniversity = University(k) }).ToArray() }, token: MutationApplication.Editor);
        Assert.Empty(created.Errors);
        var expected = keys.ToDictionary(k => k, _ => DataVersion(created.Data?["applyBatch"]));
        await app.PostAsync(UpsertEnterprise, new { input = Enterprise(Liuzhou) }, token: MutationApplication.Editor);
        for (var i = 0; i < universities; i++)
        {
            // Every third renamed (a newer version); every fourth paired, which leaves its version as it was.
            if (i % 3 == 0)
            {
                var renamed = await app.PostAsync(Rename, new { id = $"University:{keys[i]}", name = $"改名大学{i}" }, token: MutationApplication.Editor);
                Assert.Empty(renamed.Errors);
                expected[keys[i]] = DataVersion(renamed.Data?["patchUniversity"]);
            }
            if (i % 4 == 0)
                Assert.Empty((await app.PostAsync(LinkPairedWith, new { input = Pairing($"Enterprise:{Liuzhou}", $"University:{keys[i]}") }, token: MutationApplication.Editor)).Errors);
        }
        store.Reset();

        var response = await app.PostAsync(Versions, new { first = universities });

        Assert.Empty(response.Errors);
        var nodes = response.Data!["universities"]!["nodes"]!.AsArray();
        Assert.Equal(universities, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(expected[n!["key"]!.GetValue<string>()], n["version"]!.GetValue<long>()));
        return store.ReadCalls;
    }
}

/// <summary><see cref="RecordVersionLoadingTests"/> on the embedded store.</summary>
public sealed class SqliteRecordVersionLoadingTests(ITestOutputHelper output) : RecordVersionLoadingTests(TestStore.Sqlite, output);

/// <summary><see cref="RecordVersionLoadingTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jRecordVersionLoadingTests(ITestOutputHelper output) : RecordVersionLoadingTests(TestStore.Neo4j, output);
