using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// The graph as it will be once a batch is written: the store as read, with the batch's upserts and deletes laid over
/// it. The policy rules read it, so they judge the outcome of the whole batch whatever the order of its writes.
/// </summary>
internal sealed class BatchState(IGraphReader store) : IGraphReader
{
    static readonly DateTimeOffset Unwritten = DateTimeOffset.UnixEpoch;

    // null: deleted by the batch.
    readonly Dictionary<string, Node?> _nodes = new(StringComparer.Ordinal);
    readonly Dictionary<string, Link?> _links = new(StringComparer.Ordinal);

    /// <summary>The store under the batch.</summary>
    public IGraphReader Store => store;

    /// <summary>Records a node upsert; the node as it will be.</summary>
    public Node Upsert(NodeInput node, Node? before) =>
        (_nodes[node.Id] = new Node(node.Id, node.Kind, node.Key, node.Name, node.NameEn, node.Aliases, node.Properties,
            before?.CreatedAt ?? Unwritten, Unwritten))!;

    /// <summary>Records a link upsert.</summary>
    public void Upsert(LinkInput link, Link? before) =>
        _links[link.Id] = new Link(link.Id, link.Type, link.FromId, link.ToId, link.Key, link.StartDate, link.EndDate, link.Source,
            link.Properties, before?.CreatedAt ?? Unwritten, Unwritten);

    /// <summary>Records a node delete (its links go with it).</summary>
    public void DeleteNode(string id) => _nodes[id] = null;

    /// <summary>Records a link delete.</summary>
    public void DeleteLink(string id) => _links[id] = null;

    /// <summary>Whether the batch writes this node (upserts or deletes it).</summary>
    public bool Writes(string nodeId) => _nodes.ContainsKey(nodeId);

    public async Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) =>
        _nodes.TryGetValue(id, out var node) ? node : await store.GetNodeAsync(id, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stored = await store.GetLinksAsync(query, cancellationToken).ConfigureAwait(false);
        var ids = query.NodeIds.ToHashSet(StringComparer.Ordinal);
        bool Matches(Link link) =>
            (query.Types is null || query.Types.Count == 0 || query.Types.Contains(link.Type))
            && query.Direction switch
            {
                Direction.Out => ids.Contains(link.FromId),
                Direction.In => ids.Contains(link.ToId),
                _ => ids.Contains(link.FromId) || ids.Contains(link.ToId),
            };
        var result = new Dictionary<string, Link>(StringComparer.Ordinal);
        foreach (var link in stored)
        {
            if (!_links.ContainsKey(link.Id)) result[link.Id] = link;
        }
        foreach (var (id, link) in _links)
        {
            if (link is not null && Matches(link)) result[id] = link;
        }
        // A link at a node the batch deletes goes with it.
        return [.. result.Values
            .Where(l => !(_nodes.TryGetValue(l.FromId, out var from) && from is null) && !(_nodes.TryGetValue(l.ToId, out var to) && to is null))
            .OrderBy(l => l.Id, StringComparer.Ordinal)];
    }
}
