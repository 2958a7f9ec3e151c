using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Writing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgeGraph.Api.Matchmaking;

/// <summary>The matchmaking index of the service (<see cref="MatchmakingIndexView"/>), its builds and catch-ups logged.</summary>
public sealed class MatchmakingIndexHolder(TimeProvider clock, CollaborationService collaboration, ILogger<MatchmakingIndexHolder> logger)
    : MatchmakingIndexView(collaboration.ProjectionAsync, clock)
{
    protected override void OnRefreshed(ViewRefresh refresh)
    {
        JournalViewLog.Refreshed(logger, "matchmaking index", refresh);
        ViewBuildMemory.Release(logger, "matchmaking index", refresh);
    }
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
