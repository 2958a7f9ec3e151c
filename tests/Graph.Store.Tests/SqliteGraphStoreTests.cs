using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Store.Tests;

/// <summary>The conformance suite on the embedded store, each test in a fresh in-memory database.</summary>
public sealed class SqliteGraphStoreTests : GraphStoreConformanceTests
{
    protected override async Task<IGraphStore> CreateStoreAsync()
    {
        var store = new SqliteGraphStore(SqliteStoreOptions.InMemory("conformance-" + Guid.NewGuid().ToString("N")));
        await store.InitializeAsync();
        return store;
    }
}
