using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using KnowledgeGraph.Store.Neo4j;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Api.Hosting.Store;

/// <summary>
/// Registers the graph store chosen by Store:Kind as the one <see cref="IGraphStore"/>, initialized at start, and the
/// one <see cref="GraphWriter"/> over it, which tells every registered <see cref="IJournalObserver"/> of each write.
/// </summary>
public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddGraphStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section);
        var kind = configuration[$"{StoreOptions.Section}:Kind"] ?? StoreKinds.Sqlite;
        var create = StoreFactory(kind, configuration);
        services.AddSingleton(_ => create());
        // The one write path: every mutation, workflow, import and the sample data write through it.
        services.AddSingleton<GraphWriter>();
        services.AddHostedService<StoreInitializer>();
        return services;
    }

    /// <summary>Makes stores of this kind (<c>sqlite</c> or <c>neo4j</c>) as the Store section configures them; an unknown kind fails here.</summary>
    internal static Func<IGraphStore> StoreFactory(string kind, IConfiguration configuration) => kind.Trim().ToLowerInvariant() switch
    {
        StoreKinds.Sqlite => () => CreateSqliteStore(configuration.GetSection($"{StoreOptions.Section}:Sqlite")),
        StoreKinds.Neo4j => () => CreateNeo4jStore(configuration.GetSection($"{StoreOptions.Section}:Neo4j")),
        _ => throw new InvalidOperationException($"Store:Kind is '{kind}': it must be '{StoreKinds.Sqlite}' (the embedded default) or '{StoreKinds.Neo4j}'."),
    };

    private static SqliteGraphStore CreateSqliteStore(IConfigurationSection section)
    {
        // A relative path is relative to the working directory, as the configuration docs say.
        var path = Path.GetFullPath(section["Path"] is { Length: > 0 } configured ? configured : ".data/knowledge-graph.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteGraphStore(SqliteStoreOptions.ForFile(path));
    }

    private static Neo4jGraphStore CreateNeo4jStore(IConfigurationSection section)
    {
        var options = new Neo4jStoreOptions();
        section.Bind(options);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return new Neo4jGraphStore(http, options);
    }
}
