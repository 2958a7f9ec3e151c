using System.Collections.Concurrent;
using KnowledgeGraph.Api.Graph.Links;
using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Aggregates;

/// <summary>
/// An aggregation's answer: the groups shown, how many were suppressed, and their measures. A store that groups itself
/// (<see cref="IGroupingStore"/>) computes the counts, figures and link counts, one grouped read per measure asked for;
/// otherwise, and for the measures no store computes (collaboration ties), the selection's nodes are grouped here, once
/// for all the groups, with the links and ties loaded once (one batched store call per link field, one projection read).
/// </summary>
public sealed class Aggregation
{
    private readonly AggregateSelection _selection;
    private readonly IGraphStore _store;
    private readonly IGroupingStore? _grouping;
    private readonly Lazy<Task<Members>> _members;
    private readonly ConcurrentDictionary<LinkField, Lazy<Task<IReadOnlyDictionary<string, int>>>> _links = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, FigureSummary>>>> _figures = new(StringComparer.Ordinal);
    private readonly Lazy<Task<IReadOnlyDictionary<string, IReadOnlyList<NetworkEdge>>>> _ties;

    /// <summary>The nodes grouped here: the groups with their members, by key id, and the ids of the selection.</summary>
    private sealed record Members(IReadOnlyDictionary<string, AggregateGroup> Groups, IReadOnlySet<string> NodeIds);

    private Aggregation(AggregateSelection selection, IReadOnlyList<GroupCount> shown, int suppressedGroups, IGraphStore store,
        IGroupingStore? grouping, Func<Task<Members>> members, Func<CancellationToken, Task<CollaborationProjection>> projection)
    {
        _selection = selection;
        Groups = shown;
        SuppressedGroups = suppressedGroups;
        _store = store;
        _grouping = grouping;
        _members = new(members);
        _ties = new(async () => (await projection(CancellationToken.None).ConfigureAwait(false)).TiesOf((await _members.Value.ConfigureAwait(false)).NodeIds));
    }

    /// <summary>
    /// Groups the selection — in the store when it can, else here — and leaves out the groups of fewer than three enterprises
    /// unless <paramref name="showSmallGroups"/>. <paramref name="listsOf"/> tells the policy lists of the selected enterprises
    /// (needed only when grouping by list).
    /// </summary>
    public static async Task<Aggregation> CreateAsync(
        AggregateSelection selection, IGraphStore store, bool showSmallGroups,
        Func<IReadOnlyList<Node>, CancellationToken, Task<Func<Node, int?, IReadOnlyList<Domain.Policy.PolicyList>>>>? listsOf,
        Func<CancellationToken, Task<CollaborationProjection>> projection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(store);
        async Task<Members> GroupHereAsync()
        {
            var nodes = await NodeAggregation.SelectAsync(store, selection.Kinds, selection.Filter, selection.Request.Year, cancellationToken).ConfigureAwait(false);
            var lists = selection.Request.ByList ? await listsOf!(nodes, cancellationToken).ConfigureAwait(false) : null;
            var groups = NodeAggregation.Group(nodes, selection.Request, lists);
            return new Members(groups.ToDictionary(g => NodeAggregation.KeyId(g.Key), StringComparer.Ordinal), nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal));
        }

        var grouping = store as IGroupingStore is { } able && able.CanGroup(selection.Request) ? able : null;
        IReadOnlyList<GroupCount> counts;
        Func<Task<Members>> members;
        if (grouping is not null)
        {
            counts = [.. (await grouping.GroupAsync(selection, cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Key, NodeAggregation.KeyOrder)];
            members = GroupHereAsync;
        }
        else
        {
            var grouped = await GroupHereAsync().ConfigureAwait(false);
            counts = [.. grouped.Groups.Values.Select(g => new GroupCount(g.Key, g.Members.Count, g.Enterprises))];
            members = () => Task.FromResult(grouped);
        }
        IReadOnlyList<GroupCount> shown = showSmallGroups ? counts : [.. counts.Where(c => !Domain.Policy.SmallCells.IsDisclosive(c.Enterprises))];
        return new Aggregation(selection, shown, counts.Count - shown.Count, store, grouping, members, projection);
    }

    /// <summary>The groups shown, ordered by key.</summary>
    public IReadOnlyList<GroupCount> Groups { get; }

    /// <summary>How many groups were left out as too small to show (fewer than three enterprises).</summary>
    public int SuppressedGroups { get; }

    /// <summary>A numeric property over the group's nodes that have it; null when none has it.</summary>
    public async Task<FigureSummary?> SummarizeAsync(GroupCount group, string property, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (_grouping is not { } grouping) return NodeAggregation.Summarize(await MembersOfAsync(group).ConfigureAwait(false), property);
        var summaries = await _figures.GetOrAdd(property, p => new(() => grouping.SummarizeAsync(_selection, p, cancellationToken))).Value.ConfigureAwait(false);
        return summaries.GetValueOrDefault(group.Id);
    }

    /// <summary>How many distinct links of a link field the group's nodes have (in a year, those in force on its 31 December).</summary>
    public async Task<int> CountLinksAsync(GroupCount group, LinkField field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(field);
        var counts = await _links.GetOrAdd(field, f => new(() => CountLinksAsync(f, cancellationToken))).Value.ConfigureAwait(false);
        return counts.GetValueOrDefault(group.Id);
    }

    /// <summary>How many distinct collaboration ties the group's organisations have (<see cref="NodeAggregation.CountTies"/>).</summary>
    public async Task<int> CountTiesAsync(GroupCount group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return NodeAggregation.CountTies(await MembersOfAsync(group).ConfigureAwait(false), await _ties.Value.ConfigureAwait(false));
    }

    private async Task<IReadOnlyDictionary<string, int>> CountLinksAsync(LinkField field, CancellationToken cancellationToken)
    {
        if (_grouping is not null) return await _grouping.CountLinksAsync(_selection, field.Type, field.Direction, cancellationToken).ConfigureAwait(false);
        var members = await _members.Value.ConfigureAwait(false);
        var links = await NodeAggregation.LinksAsync(_store, members.NodeIds, field.Type, field.Direction, cancellationToken).ConfigureAwait(false);
        return members.Groups.ToDictionary(g => g.Key, g => NodeAggregation.CountLinks(g.Value, links), StringComparer.Ordinal);
    }

    private async Task<AggregateGroup> MembersOfAsync(GroupCount group) =>
        (await _members.Value.ConfigureAwait(false)).Groups[group.Id];
}

/// <summary>One group of an aggregation, with the aggregation its measures load from.</summary>
public sealed record AggregateGroupResult(Aggregation Aggregation, GroupCount Group);
