using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>
/// The store port: everything the service needs from a graph database. Implemented by the embedded
/// SQLite store and the Neo4j store; both pass the same conformance suite.
/// Errors are domain errors (<see cref="Errors.DomainException"/>): a write that fails writes nothing.
/// </summary>
public interface IGraphStore : IGraphReader, IAsyncDisposable
{
    /// <summary>Creates or migrates the schema; safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The node of this kind with this natural key (credit code, division code, key), or null.</summary>
    Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default);

    /// <summary>The nodes with these ids, in one round trip; missing ids are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>A filtered, sorted page of nodes.</summary>
    Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default);

    /// <summary>Nodes whose name, English name or an alias contains the text, best matches first
    /// (exact, then prefix, then substring; then shorter names).</summary>
    Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>The link with this id, or null.</summary>
    Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the nodes at the other end of the links of many nodes (the query's types and direction), in one
    /// round trip and without reading the links' content: for walking neighbourhoods. Each node's neighbours are
    /// distinct and ordered by id; a node without any (or missing) is absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a batch of writes in one transaction: all of them, or on any error none. When the batch changes anything
    /// and carries a journal draft, the completed entry is appended in the same transaction and returned with the result.
    /// </summary>
    Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a large stream of upserts in one transaction (all or nothing), without per-operation
    /// outcomes; nodes before the links that use them. For import, migration and generated data. A journal draft, when
    /// given, is appended as one bulk entry when the import changed anything.
    /// </summary>
    Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, JournalDraft? journal = null, CancellationToken cancellationToken = default);

    /// <summary>Journal entries after a data version, oldest first (at most <see cref="JournalQuery.First"/>).</summary>
    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest journal entries touching each of these nodes (the node or a link at it), newest first, at most
    /// <paramref name="perNode"/> each, in one round trip: for the versions of many records at once. A node without
    /// any is absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>> GetNewestJournalByNodeAsync(IReadOnlyCollection<string> nodeIds, int perNode, CancellationToken cancellationToken = default);

    /// <summary>Every node (of a kind, when given), ordered by id.</summary>
    IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>Every link (of a type, when given), ordered by id.</summary>
    IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, CancellationToken cancellationToken = default);

    /// <summary>How many nodes and links of each kind and type.</summary>
    Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>A number that changes on every commit that changed data.</summary>
    Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default);
}
