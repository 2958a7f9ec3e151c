using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Hosting.Store;

/// <summary>Registers the graph store chosen by Store:Kind as the one <see cref="IGraphStore"/>, initialized at start.</summary>
public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddGraphStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section);
        var kind = (configuration[$"{StoreOptions.Section}:Kind"] ?? StoreKinds.Sqlite).Trim().ToLowerInvariant();
        Func<IServiceProvider, IGraphStore> create = kind switch
        {
            StoreKinds.Sqlite => provider => CreateSqliteStore(provider, configuration.GetSection($"{StoreOptions.Section}:Sqlite")),
            StoreKinds.Neo4j => provider => CreateNeo4jStore(provider, configuration.GetSection($"{StoreOptions.Section}:Neo4j")),
            _ => throw new InvalidOperationException($"Store:Kind is '{kind}': it must be '{StoreKinds.Sqlite}' (the embedded default) or '{StoreKinds.Neo4j}'."),
        };
        services.AddSingleton(create);
        services.AddHostedService<StoreInitializer>();
        return services;
    }

    private static IGraphStore CreateSqliteStore(IServiceProvider provider, IConfigurationSection section) =>
        throw new InvalidOperationException("The SQLite store is not part of this build yet.");

    private static IGraphStore CreateNeo4jStore(IServiceProvider provider, IConfigurationSection section) =>
        throw new InvalidOperationException("The Neo4j store is not part of this build yet.");
}
