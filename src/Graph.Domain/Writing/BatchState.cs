using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// The graph as it will be once a batch is written: the store as read, with the batch's upserts and deletes laid over
/// it. The policy rules read it, so they judge the outcome of the whole batch whatever the order of its writes.
/// </summary>
internal sealed class BatchState(IRuleReader store) : IRuleReader
{
    static readonly DateTimeOffset Unwritten = DateTimeOffset.UnixEpoch;

    // null: deleted by the batch.
    readonly Dictionary<string, Node?> _nodes = new(StringComparer.Ordinal);
    readonly Dictionary<string, Link?> _links = new(StringComparer.Ordinal);
    // The batch's links by the nodes at their ends, so a node's links are found without a pass over all of them.
    readonly Dictionary<string, List<string>> _linksAt = new(StringComparer.Ordinal);

    /// <summary>The store under the batch.</summary>
    public IRuleReader Store => store;

    /// <summary>Records a node upsert; the node as it will be.</summary>
    public Node Upsert(NodeInput node, Node? before) =>
        (_nodes[node.Id] = new Node(node.Id, node.Kind, node.Key, node.Name, node.NameEn, node.Aliases, node.Properties,
            before?.CreatedAt ?? Unwritten, Unwritten))!;

    /// <summary>Records a link upsert.</summary>
    public void Upsert(LinkInput link, Link? before)
    {
        if (!_links.ContainsKey(link.Id)) Index(link.Id, link.FromId, link.ToId);
        _links[link.Id] = new Link(link.Id, link.Type, link.FromId, link.ToId, link.Key, link.StartDate, link.EndDate, link.Source,
            link.Properties, before?.CreatedAt ?? Unwritten, Unwritten);
    }

    /// <summary>Records a node delete (its links go with it).</summary>
    public void DeleteNode(string id) => _nodes[id] = null;

    /// <summary>Records a link delete.</summary>
    public void DeleteLink(string id)
    {
        if (!_links.ContainsKey(id) && LinkId.TryParse(id, out _, out var fromId, out var toId, out _)) Index(id, fromId, toId);
        _links[id] = null;
    }

    void Index(string linkId, string fromId, string toId)
    {
        foreach (var end in fromId == toId ? [fromId] : new[] { fromId, toId })
        {
            if (!_linksAt.TryGetValue(end, out var ids)) _linksAt[end] = ids = [];
            ids.Add(linkId);
        }
    }

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
        foreach (var nodeId in ids)
        {
            if (!_linksAt.TryGetValue(nodeId, out var written)) continue;
            foreach (var id in written)
            {
                if (_links[id] is { } link && Matches(link)) result[id] = link;
            }
        }
        // A link at a node the batch deletes goes with it.
        return [.. result.Values
            .Where(l => !(_nodes.TryGetValue(l.FromId, out var from) && from is null) && !(_nodes.TryGetValue(l.ToId, out var to) && to is null))
            .OrderBy(l => l.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Node>> NodesWithAsync(NodeKind kind, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        var stored = await store.NodesWithAsync(kind, values, cancellationToken).ConfigureAwait(false);
        // The batch's version of a node replaces the stored one: it may no longer hold the values, or be deleted.
        return [.. stored.Where(n => !_nodes.ContainsKey(n.Id))
            .Concat(_nodes.Values.OfType<Node>().Where(n => n.Kind == kind && StoreRuleReader.Holds(n, values)))
            .OrderBy(n => n.Id, StringComparer.Ordinal)];
    }
}
