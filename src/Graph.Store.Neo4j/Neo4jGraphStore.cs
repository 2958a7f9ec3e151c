using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// The graph in Neo4j, over its HTTP APIs (the Query API on 5.25+, else the transactional endpoint): a front over the
/// reads (<see cref="Neo4jReads"/>, <see cref="Neo4jScans"/>, <see cref="Neo4jGrouping"/>), the writes
/// (<see cref="Neo4jWrites"/>) and the bulk load (<see cref="Neo4jBulkImport"/>), all through one
/// <see cref="Neo4jConnection"/>.
/// </summary>
public sealed class Neo4jGraphStore : IGraphStore, IGroupingStore
{
    readonly Neo4jConnection _connection;
    readonly Neo4jReads _reads;
    readonly Neo4jScans _scans;
    readonly Neo4jGrouping _grouping;
    readonly Neo4jWrites _writes;
    readonly Neo4jBulkImport _import;
    // Writers queue here rather than on the data-version lock in Neo4j, where each waiting writer would hold
    // one of the server's HTTP worker threads and could starve the transaction that holds the lock.
    readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>A store speaking to Neo4j through this client (its lifetime is the caller's).</summary>
    public Neo4jGraphStore(HttpClient http, Neo4jStoreOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        _connection = new Neo4jConnection(http, options, time);
        _reads = new Neo4jReads(_connection);
        _scans = new Neo4jScans(_connection);
        _grouping = new Neo4jGrouping(_connection);
        _writes = new Neo4jWrites(_connection, time);
        _import = new Neo4jBulkImport(_connection, _writes);
    }

    /// <summary>The server's version, discovered on first use.</summary>
    public async Task<Version> GetServerVersionAsync(CancellationToken cancellationToken = default) =>
        (await _connection.ServerAsync(cancellationToken).ConfigureAwait(false)).Version;

    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        new Neo4jSchemaSetup(_connection).InitializeAsync(cancellationToken);

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => _reads.GetNodeAsync(id, cancellationToken);

    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default) =>
        _reads.GetNodeByKeyAsync(kind, key, cancellationToken);

    public Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        _reads.GetNodesAsync(ids, cancellationToken);

    public Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default) => _reads.ListNodesAsync(query, cancellationToken);

    public Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => _reads.SearchAsync(query, cancellationToken);

    public Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default) => _reads.GetLinkAsync(id, cancellationToken);

    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default) => _reads.GetLinksAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken = default) =>
        _reads.GetNeighbourIdsAsync(query, cancellationToken);

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default) => _reads.CountAsync(cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
        _reads.GetJournalAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>> GetNewestJournalByNodeAsync(IReadOnlyCollection<string> nodeIds, int perNode, CancellationToken cancellationToken = default) =>
        _reads.GetNewestJournalByNodeAsync(nodeIds, perNode, cancellationToken);

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => _reads.GetDataVersionAsync(cancellationToken);

    /// <summary>
    /// After a load of a dump: moves the data version past both the loaded one and <paramref name="before"/>, the highest
    /// one clients may have seen, in one write, so that an old <c>expectedDataVersion</c> gets CONFLICT. Returns the
    /// loaded version and the new one.
    /// </summary>
    public Task<(long Loaded, long Version)> ContinueDataVersionAsync(long before, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(before);
        return GatedAsync(() => _writes.ContinueDataVersionAsync(before, cancellationToken), cancellationToken);
    }

    public IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        _scans.ScanNodesAsync(kind, cancellationToken);

    public IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, CancellationToken cancellationToken = default) =>
        _scans.ScanLinksAsync(type, cancellationToken);

    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return GatedAsync(() => _writes.WriteAsync(batch, cancellationToken), cancellationToken);
    }

    public Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, JournalDraft? journal = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return GatedAsync(() => _import.ImportAsync(operations, progress, journal, cancellationToken), cancellationToken);
    }

    public bool CanGroup(AggregateRequest request) => Neo4jGrouping.CanGroup(request);

    public Task<IReadOnlyList<GroupCount>> GroupAsync(AggregateSelection selection, CancellationToken cancellationToken = default) =>
        _grouping.GroupAsync(selection, cancellationToken);

    public Task<IReadOnlyDictionary<string, FigureSummary>> SummarizeAsync(AggregateSelection selection, string property, CancellationToken cancellationToken = default) =>
        _grouping.SummarizeAsync(selection, property, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountLinksAsync(AggregateSelection selection, LinkType type, Direction direction, CancellationToken cancellationToken = default) =>
        _grouping.CountLinksAsync(selection, type, direction, cancellationToken);

    /// <summary>Runs a write once the writes before it in this store are done.</summary>
    async Task<T> GatedAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
