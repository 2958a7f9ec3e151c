using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// The conformance suite on Neo4j (NEO4J_URL, else the test Neo4j), each test on an emptied database.
/// Skipped, with the reason, when no Neo4j can be had.
/// </summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jConformanceTests : GraphStoreConformanceTests, IDisposable
{
    readonly HttpClient _http = new();

    protected override async Task<IGraphStore> CreateStoreAsync() => await Neo4jFixture.EmptyStoreAsync(_http);

    public void Dispose() => _http.Dispose();
}
