using System.Collections.Concurrent;
using KnowledgeGraph.Api.Graph.Links;
using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Aggregates;

/// <summary>
/// An aggregation's answer: the groups shown, how many were suppressed, and the links and ties its measures count, each
/// loaded once for all the groups (one batched store call per link field asked for, one projection read for ties).
/// </summary>
public sealed class Aggregation(
    IReadOnlyList<AggregateGroup> groups,
    int suppressedGroups,
    IReadOnlySet<string> nodeIds,
    IGraphStore store,
    Func<CancellationToken, Task<CollaborationProjection>> projection)
{
    private readonly ConcurrentDictionary<LinkField, Lazy<Task<ILookup<string, Link>>>> _links = new();
    private readonly Lazy<Task<IReadOnlyDictionary<string, IReadOnlyList<NetworkEdge>>>> _ties = new(async () =>
        (await projection(CancellationToken.None).ConfigureAwait(false)).TiesOf(nodeIds));

    /// <summary>The groups shown, ordered by key.</summary>
    public IReadOnlyList<AggregateGroup> Groups => groups;

    /// <summary>How many groups were left out as too small to show (fewer than three enterprises).</summary>
    public int SuppressedGroups => suppressedGroups;

    /// <summary>The links of one link field of every node of the selection, by node id.</summary>
    public Task<ILookup<string, Link>> LinksAsync(LinkField field, CancellationToken cancellationToken) =>
        _links.GetOrAdd(field, f => new Lazy<Task<ILookup<string, Link>>>(() =>
            NodeAggregation.LinksAsync(store, nodeIds, f.Type, f.Direction, cancellationToken))).Value;

    /// <summary>The collaboration ties of every organisation of the selection, by id.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<NetworkEdge>>> TiesAsync() => _ties.Value;
}

/// <summary>One group of an aggregation, with the aggregation its measures load from.</summary>
public sealed record AggregateGroupResult(Aggregation Aggregation, AggregateGroup Group);
