using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using Xunit.Abstractions;

namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>No N+1: the store calls of a query do not grow with the number of organisations it lists.</summary>
public abstract class BatchedLoadingTests(TestStore storeKind, ITestOutputHelper output)
{
    private const string Query = """
        query($first: Int!) {
          enterprises(first: $first, order: [{ key: ASC }]) {
            nodes {
              name
              region { name parent { name } }
              hostedPlatforms { totalCount edges { node { name level } link { startDate } } }
              pairings { totalCount edges { node { name region { name } } } }
            }
          }
        }
        """;

    [StoreFact]
    public async Task HundredOrganisationsWithRegionPlatformsAndPairingsTakeAsManyStoreCallsAsTen()
    {
        var ten = await StoreCallsForAsync(10);
        var hundred = await StoreCallsForAsync(100);

        output.WriteLine($"store calls: {ten} for 10 organisations, {hundred} for 100");
        Assert.Equal(ten, hundred);
        // One list, then per level one node load and one link load: a handful, whatever the count.
        Assert.InRange(hundred, 3, 8);
    }

    private async Task<int> StoreCallsForAsync(int organisations)
    {
        var store = new CountingGraphStore();
        await using var app = new KnowledgeGraphApplication(storeKind).WithServices(store.Install);
        await app.Store.WriteAsync(Graph(organisations));
        await app.CollaborationBuiltAsync();
        store.Reset();

        var response = await app.PostAsync(Query, new { first = organisations });

        Assert.Empty(response.Errors);
        var nodes = response.Data!["enterprises"]!["nodes"]!.AsArray();
        Assert.Equal(organisations, nodes.Count);
        Assert.All(nodes, n =>
        {
            Assert.Equal("柳州市", n!["region"]!["parent"]!["name"]!.GetValue<string>());
            Assert.Equal(2, n["hostedPlatforms"]!["totalCount"]!.GetValue<int>());
            Assert.Equal("南宁市", n["pairings"]!["edges"]![0]!["node"]!["region"]!["name"]!.GetValue<string>());
        });
        return store.ReadCalls;
    }

    /// <summary>Organisations in 柳南区, each hosting two platforms and paired with one of three universities.</summary>
    private static WriteBatch Graph(int organisations)
    {
        var operations = new List<WriteOperation>();
        for (var u = 0; u < 3; u++)
            operations.Add(Node(NodeKind.University, $"u{u}", $"示例大学{u}", ("region", "450100")));
        for (var i = 0; i < organisations; i++)
        {
            var code = CreditCode.Create($"91450204MA5K{i:D5}");
            var enterprise = NodeId.Of(NodeKind.Enterprise, code);
            operations.Add(Node(NodeKind.Enterprise, code, $"示例企业{i}", ("region", "450204")));
            for (var p = 0; p < 2; p++)
            {
                operations.Add(Node(NodeKind.Platform, $"p{i}-{p}", $"示例平台{i}-{p}", ("level", "City")));
                operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.Hosts, enterprise, $"Platform:p{i}-{p}", StartDate: new DateOnly(2020, 1, 1))));
            }
            operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, enterprise, $"University:u{i % 3}")));
        }
        return new WriteBatch(operations);
    }

    private static WriteOperation.UpsertNode Node(NodeKind kind, string key, string name, params (string, object?)[] properties) =>
        new(new NodeInput(kind, key, name, Properties: PropertyBag.Of(properties)));
}

/// <summary><see cref="BatchedLoadingTests"/> on the embedded store.</summary>
public sealed class SqliteBatchedLoadingTests(ITestOutputHelper output) : BatchedLoadingTests(TestStore.Sqlite, output);

/// <summary><see cref="BatchedLoadingTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jBatchedLoadingTests(ITestOutputHelper output) : BatchedLoadingTests(TestStore.Neo4j, output);
