using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgeGraph.Api.Matchmaking;

/// <summary>
/// Holds the matchmaking index of the process through the journal (<see cref="JournalView{TView}"/>): built from the
/// store and the collaboration projection on first use, and built again on the next query after a write (the index
/// has no incremental update yet).
/// </summary>
public sealed class MatchmakingIndexHolder(TimeProvider clock, CollaborationService collaboration) : JournalView<MatchmakingIndex>
{
    static readonly NodeKind[] IndexedKinds =
    [
        NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute, NodeKind.GovernmentBody,
        NodeKind.Platform, NodeKind.Project, NodeKind.Achievement, NodeKind.Challenge,
    ];

    static readonly LinkType[] IndexedLinks =
    [
        LinkType.SubsidiaryOf, LinkType.Hosts, LinkType.Leads, LinkType.CoBuilds, LinkType.ParticipatesIn, LinkType.Transfers,
        LinkType.PairedWith, LinkType.Posts, LinkType.AppliesTo, LinkType.Awarded,
    ];

    protected override async Task<MatchmakingIndex> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken)
    {
        var projection = await collaboration.ProjectionAsync(cancellationToken).ConfigureAwait(false);
        var nodes = new List<Node>();
        foreach (var kind in IndexedKinds)
        {
            await foreach (var node in store.ScanNodesAsync(kind, cancellationToken).ConfigureAwait(false)) nodes.Add(node);
        }
        var links = new List<Link>();
        foreach (var type in IndexedLinks)
        {
            await foreach (var link in store.ScanLinksAsync(type, cancellationToken).ConfigureAwait(false)) links.Add(link);
        }
        return MatchmakingIndex.Build(nodes, links, projection, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    // A write that touches none of what the index reads leaves it as it is; any other is rebuilt on the next query.
    protected override bool Apply(MatchmakingIndex view, JournalEntry entry) =>
        entry.Changes.All(change => change switch
        {
            NodeChange n => (n.After ?? n.Before) is { } node && !IndexedKinds.Contains(node.Kind),
            LinkChange l => (l.After ?? l.Before) is { } link && !IndexedLinks.Contains(link.Type) && !CollaborationRules.LinkTypes.Contains(link.Type),
            _ => false,
        });
}

/// <summary>Registers the matchmaking index holder (after <c>AddCollaboration</c>).</summary>
public static class MatchmakingServiceCollectionExtensions
{
    public static IServiceCollection AddMatchmaking(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MatchmakingIndexHolder>();
        services.AddSingleton<IJournalObserver>(provider => provider.GetRequiredService<MatchmakingIndexHolder>());
        return services;
    }
}
