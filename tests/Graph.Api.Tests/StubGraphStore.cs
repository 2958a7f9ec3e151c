using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests;

/// <summary>
/// A store that answers only what the host itself asks (initialize, count, data version), records it, and
/// fails on demand: for the startup and health tests, and in place of the SQLite store until that lands.
/// </summary>
public sealed class StubGraphStore : IGraphStore
{
    public int InitializeCalls { get; private set; }

    public long NodeCount { get; set; }

    public bool Unavailable { get; set; }

    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        InitializeCalls++;
        return Task.CompletedTask;
    }

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) =>
        Unavailable ? throw new StoreUnavailableException("The stub store is switched off.") : Task.FromResult(0L);

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new GraphCounts(new Dictionary<NodeKind, long> { [NodeKind.Enterprise] = NodeCount }, new Dictionary<LinkType, long>()));

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    // The start seeds the built-in reference nodes: the stub has none and takes them without keeping them.
    public Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyDictionary<string, Node>>(new Dictionary<string, Node>());
    public Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, CancellationToken cancellationToken = default) => Task.FromResult(new ImportResult(0, 0, 0, 0, 0, 0, 0));
    public IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public ValueTask DisposeAsync() => default;
}
