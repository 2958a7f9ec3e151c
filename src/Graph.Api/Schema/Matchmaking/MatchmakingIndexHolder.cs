using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgeGraph.Api.Schema.Matchmaking;

/// <summary>
/// Holds the matchmaking index of the process: built from the store and the collaboration projection on first use, and
/// rebuilt on the next query after the store's data version changes.
/// </summary>
public sealed class MatchmakingIndexHolder(TimeProvider clock) : IDisposable
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

    readonly SemaphoreSlim _gate = new(1, 1);
    (MatchmakingIndex Index, long Version)? _current;

    /// <summary>The index, current as of the store's data version now.</summary>
    public async Task<MatchmakingIndex> GetAsync(IGraphStore store, CollaborationService collaboration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(collaboration);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (_current is { } known && known.Version == version) return known.Index;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
            if (_current is { } again && again.Version == version) return again.Index;
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
            var index = MatchmakingIndex.Build(nodes, links, projection, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            _current = (index, version);
            return index;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}

/// <summary>Registers the matchmaking index holder (after <c>AddCollaboration</c>).</summary>
public static class MatchmakingServiceCollectionExtensions
{
    public static IServiceCollection AddMatchmaking(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MatchmakingIndexHolder>();
        return services;
    }
}
