using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Neo4j;
using KnowledgeGraph.Store.Sqlite;

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

    private static SqliteGraphStore CreateSqliteStore(IServiceProvider provider, IConfigurationSection section)
    {
        // A relative path is relative to the working directory, as the configuration docs say.
        var path = Path.GetFullPath(section["Path"] is { Length: > 0 } configured ? configured : ".data/knowledge-graph.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteGraphStore(SqliteStoreOptions.ForFile(path));
    }

    private static Neo4jGraphStore CreateNeo4jStore(IServiceProvider provider, IConfigurationSection section)
    {
        var options = new Neo4jStoreOptions();
        section.Bind(options);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return new Neo4jGraphStore(http, options);
    }
}
