using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// Registers the collaboration projection and wraps the registered store so every write refreshes it. Call after the
/// store is registered. <c>Collaboration:HomeProvince</c> (default 450000, Guangxi) is where 区内 and 区外 are seen from.
/// </summary>
public static class CollaborationServiceCollectionExtensions
{
    public static IServiceCollection AddCollaboration(this IServiceCollection services, IConfiguration configuration)
    {
        var home = new HomeProvince(configuration["Collaboration:HomeProvince"] is { Length: > 0 } code ? code : Locality.DefaultHomeProvince);
        services.AddSingleton(home);
        services.AddSingleton<CollaborationProjectionHolder>();
        services.AddSingleton<CollaborationService>();

        var store = services.LastOrDefault(d => d.ServiceType == typeof(IGraphStore))
            ?? throw new InvalidOperationException("AddCollaboration needs the graph store registered first (AddGraphStore).");
        services.Remove(store);
        services.AddSingleton<IGraphStore>(provider =>
            new ProjectingGraphStore(Resolve(store, provider), provider.GetRequiredService<CollaborationProjectionHolder>()));
        return services;
    }

    static IGraphStore Resolve(ServiceDescriptor descriptor, IServiceProvider provider) =>
        descriptor.ImplementationInstance as IGraphStore
        ?? descriptor.ImplementationFactory?.Invoke(provider) as IGraphStore
        ?? (IGraphStore)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
