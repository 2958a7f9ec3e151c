using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>The application on its own embedded SQLite store, so that writes are real writes.</summary>
public sealed class MutationApplication : KnowledgeGraphApplication
{
    public MutationApplication() =>
        WithServices(services => services.AddSingleton<IGraphStore>(_ => new SqliteGraphStore(SqliteStoreOptions.ForFile(DatabasePath))));

    /// <summary>The store the application writes to.</summary>
    public IGraphStore GraphStore => Services.GetRequiredService<IGraphStore>();

    /// <summary>A token with the editor role.</summary>
    public static string Editor { get; } = TokenFor("editor");
}
