using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>The reads the policy rules need: a node, and the links of some nodes. A store is one; so is a store with a batch of writes laid over it.</summary>
public interface IGraphReader
{
    /// <summary>The node with this id, or null.</summary>
    Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The links of many nodes in one round trip, ordered by id.</summary>
    Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default);
}
