using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// What the policy rules read: nodes and links, and the peers of a node — the nodes of its kind with the same values —
/// for a rule that compares a node with the others (一业一团: one team per industry and region). A store is one; so is
/// a store with a batch of writes laid over it.
/// </summary>
public interface IRuleReader : IGraphReader
{
    /// <summary>
    /// The nodes of a kind whose properties hold each of these values (on a list property, among its items), ordered by id.
    /// </summary>
    Task<IReadOnlyList<Node>> NodesWithAsync(NodeKind kind, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default);
}

/// <summary>A store as the policy rules read it.</summary>
public sealed class StoreRuleReader(IGraphStore store) : IRuleReader
{
    // Peers are few (one team per industry and region); a page this size holds them all.
    const int MaxPeers = 1_000;

    /// <inheritdoc/>
    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => store.GetNodeAsync(id, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default) => store.GetLinksAsync(query, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Node>> NodesWithAsync(NodeKind kind, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var filter = new NodeFilter.AllOf([.. values.Select(v => (NodeFilter)new NodeFilter.Compare(v.Key, FilterOp.Eq, v.Value))]);
        var page = await store.ListNodesAsync(new NodeQuery([kind], filter, Take: MaxPeers, CountTotal: false), cancellationToken).ConfigureAwait(false);
        return page.Items;
    }

    /// <summary>Whether a node's properties hold each of these values, as <see cref="NodesWithAsync"/> finds them.</summary>
    public static bool Holds(Node node, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(values);
        return values.All(v => node.Properties.Text(v.Key) == v.Value || node.Properties.List(v.Key).Contains(v.Value));
    }
}
