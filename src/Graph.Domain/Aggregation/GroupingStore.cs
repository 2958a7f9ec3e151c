using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Aggregation;

/// <summary>The nodes of an aggregation: those of these kinds the filter selects (all of them when null), grouped as the request says.</summary>
public sealed record AggregateSelection(IReadOnlyCollection<NodeKind> Kinds, NodeFilter? Filter, AggregateRequest Request);

/// <summary>A group as counted: its key, how many nodes it holds, how many of them are enterprises (small-cell suppression counts these).</summary>
public sealed record GroupCount(IReadOnlyList<GroupValue> Key, int Count, int Enterprises)
{
    /// <summary>The key as <see cref="NodeAggregation.KeyId"/> writes it.</summary>
    public string Id { get; } = NodeAggregation.KeyId(Key);
}

/// <summary>
/// A store that groups a selection and computes the measures of the groups itself, with the semantics of
/// <see cref="NodeAggregation"/> (a node in one group per combination of its values; a link between two nodes of a group
/// counted once; in a year, the figures of that year and the links in force on its 31 December). It computes numbers
/// only: which groups are shown and who may read a measure is decided by the caller. Measures are keyed by
/// <see cref="GroupCount.Id"/>; a group without any is absent.
/// </summary>
public interface IGroupingStore
{
    /// <summary>Whether the store groups by these keys (policy lists are computed by the service).</summary>
    bool CanGroup(AggregateRequest request);

    /// <summary>The non-empty groups of the selection, in no particular order.</summary>
    Task<IReadOnlyList<GroupCount>> GroupAsync(AggregateSelection selection, CancellationToken cancellationToken = default);

    /// <summary>How many distinct links of a type, read in a direction from the group's nodes, each group has.</summary>
    Task<IReadOnlyDictionary<string, int>> CountLinksAsync(AggregateSelection selection, LinkType type, Direction direction, CancellationToken cancellationToken = default);

    /// <summary>A numeric property over each group's nodes that have it (<see cref="NodeAggregation.Figure(NodeKind, PropertyBag, int?, string)"/>).</summary>
    Task<IReadOnlyDictionary<string, FigureSummary>> SummarizeAsync(AggregateSelection selection, string property, CancellationToken cancellationToken = default);
}
