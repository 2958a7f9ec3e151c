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

/// <summary>The conformance suite on the embedded store as deployed: a file in WAL mode.</summary>
public sealed class SqliteFileGraphStoreTests : GraphStoreConformanceTests, IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("kg-conformance-").FullName;

    protected override async Task<IGraphStore> CreateStoreAsync()
    {
        var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")));
        await store.InitializeAsync();
        return store;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
