using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The embedded graph store: one SQLite file in WAL mode, so many readers run beside one writer.
/// Every operation takes a pooled connection of its own; writes are serialized by a lock here and by
/// SQLite's write lock across processes. See <see cref="Migrations"/> for the tables.
/// </summary>
/// <remarks>
/// A front over the store's parts, each with one job: node, link, grouped, count and journal reads, the scans views
/// are built from, batch writes and imports, all on the store's connections (<see cref="SqliteConnections"/>).
/// </remarks>
public sealed class SqliteGraphStore : IGraphStore, IGroupingStore
{
    readonly SqliteConnections _connections;
    readonly NodeReads _nodes;
    readonly LinkReads _links;
    readonly GroupedReads _groups;
    readonly CountReads _counts;
    readonly JournalReads _journal;
    readonly GraphScans _scans;
    readonly BatchWrites _writes;
    readonly BulkImport _import;

    /// <summary>A store over the database the options name; call <see cref="InitializeAsync"/> before use.</summary>
    public SqliteGraphStore(SqliteStoreOptions options)
    {
        _connections = new SqliteConnections(options);
        _nodes = new NodeReads(_connections);
        _links = new LinkReads(_connections);
        _groups = new GroupedReads(_connections);
        _counts = new CountReads(_connections);
        _journal = new JournalReads(_connections);
        _scans = new GraphScans(_connections);
        _writes = new BatchWrites(_connections);
        _import = new BulkImport(_connections);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => SchemaSetup.InitializeAsync(_connections, cancellationToken);

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => _nodes.GetNodeAsync(id, cancellationToken);

    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default) =>
        GetNodeAsync(NodeId.Of(kind, key), cancellationToken);

    public Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        _nodes.GetNodesAsync(ids, cancellationToken);

    public Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default) => _nodes.ListNodesAsync(query, cancellationToken);

    public Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => _nodes.SearchAsync(query, cancellationToken);

    public Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default) => _links.GetLinkAsync(id, cancellationToken);

    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default) => _links.GetLinksAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken = default) =>
        _links.GetNeighbourIdsAsync(query, cancellationToken);

    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default) => _writes.WriteAsync(batch, cancellationToken);

    public Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, JournalDraft? journal = null, CancellationToken cancellationToken = default) =>
        _import.ImportAsync(operations, progress, journal, cancellationToken);

    public IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, CancellationToken cancellationToken = default) => _scans.ScanNodesAsync(kind, cancellationToken);

    public IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, CancellationToken cancellationToken = default) => _scans.ScanLinksAsync(type, cancellationToken);

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default) => _counts.CountAsync(cancellationToken);

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => _counts.GetDataVersionAsync(cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
        _journal.GetJournalAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>> GetNewestJournalByNodeAsync(IReadOnlyCollection<string> nodeIds, int perNode, CancellationToken cancellationToken = default) =>
        _journal.GetNewestByNodeAsync(nodeIds, perNode, cancellationToken);

    public bool CanGroup(AggregateRequest request) => GroupedReads.CanGroup(request);

    public Task<IReadOnlyList<GroupCount>> GroupAsync(AggregateSelection selection, CancellationToken cancellationToken = default) =>
        _groups.GroupAsync(selection, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountLinksAsync(AggregateSelection selection, LinkType type, Direction direction, CancellationToken cancellationToken = default) =>
        _groups.CountLinksAsync(selection, type, direction, cancellationToken);

    public Task<IReadOnlyDictionary<string, FigureSummary>> SummarizeAsync(AggregateSelection selection, string property, CancellationToken cancellationToken = default) =>
        _groups.SummarizeAsync(selection, property, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _connections.Dispose();
        return ValueTask.CompletedTask;
    }
}
