using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// The store as the API sees it: every call goes to the real store; after a write commits, its outcomes refresh the
/// collaboration projection, and after a bulk import the projection is rebuilt on its next use.
/// </summary>
public sealed class ProjectingGraphStore(IGraphStore inner, CollaborationProjectionHolder projection) : IGraphStore
{
    /// <summary>The store this one forwards to.</summary>
    public IGraphStore Inner => inner;

    public async Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        var result = await inner.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        await projection.WrittenAsync(result).ConfigureAwait(false);
        return result;
    }

    public async Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ImportAsync(operations, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            projection.Invalidate();
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);
    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => inner.GetNodeAsync(id, cancellationToken);
    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default) => inner.GetNodeByKeyAsync(kind, key, cancellationToken);
    public Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => inner.GetNodesAsync(ids, cancellationToken);
    public Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default) => inner.ListNodesAsync(query, cancellationToken);
    public Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);
    public Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default) => inner.GetLinkAsync(id, cancellationToken);
    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default) => inner.GetLinksAsync(query, cancellationToken);
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken = default) => inner.GetNeighbourIdsAsync(query, cancellationToken);
    public IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, CancellationToken cancellationToken = default) => inner.ScanNodesAsync(kind, cancellationToken);
    public IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, CancellationToken cancellationToken = default) => inner.ScanLinksAsync(type, cancellationToken);
    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);
    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => inner.GetDataVersionAsync(cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
