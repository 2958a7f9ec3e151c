using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>What the collaboration endpoints and resolvers use: the current projection, and names from the store.</summary>
public sealed class CollaborationService(IGraphStore store, CollaborationProjectionHolder holder)
{
    /// <summary>The projection, current as of the store's data version.</summary>
    public Task<CollaborationProjection> ProjectionAsync(CancellationToken cancellationToken) => holder.GetAsync(store, cancellationToken);

    /// <summary>The names and public identifiers of these nodes, by id, in one store call.</summary>
    public async Task<IReadOnlyDictionary<string, OrganizationLabel>> NamesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var nodes = await store.GetNodesAsync(ids.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        return nodes.ToDictionary(n => n.Key, n => LabelOf(n.Value), StringComparer.Ordinal);
    }

    static OrganizationLabel LabelOf(Node node) => new(
        node.Name,
        node.Kind == NodeKind.Enterprise ? node.Key : null,
        node.Properties.Text("moeCode"),
        node.Properties.Text("rorId"));
}
