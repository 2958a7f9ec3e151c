using KnowledgeGraph.Api.Hosting.Health;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// Registers the collaboration projection, built in the background at start (<see cref="CollaborationWarmUp"/>, part of
/// <c>/health/ready</c>) and kept up to date by the journal entries of every write.
/// <c>Collaboration:HomeProvince</c> (default 450000, Guangxi) is where 区内 and 区外 are seen from.
/// </summary>
public static class CollaborationServiceCollectionExtensions
{
    public static IServiceCollection AddCollaboration(this IServiceCollection services, IConfiguration configuration)
    {
        var home = new HomeProvince(configuration["Collaboration:HomeProvince"] is { Length: > 0 } code ? code : Locality.DefaultHomeProvince);
        services.AddSingleton(home);
        services.AddSingleton<CollaborationProjectionHolder>();
        services.AddSingleton<IJournalObserver>(provider => provider.GetRequiredService<CollaborationProjectionHolder>());
        services.AddSingleton<CollaborationService>();
        services.AddSingleton<CollaborationWarmUp>();
        services.AddHostedService(provider => provider.GetRequiredService<CollaborationWarmUp>());
        services.AddHealthChecks().AddCheck<CollaborationHealthCheck>("collaboration", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
