using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Hosting.Store;

/// <summary>
/// Fills an empty store with the illustrative data set on first start. Registered by the importer;
/// when none is registered the store simply starts empty.
/// </summary>
public interface ISampleDataLoader
{
    /// <summary>Loads the data set through the one write path.</summary>
    Task LoadAsync(GraphWriter writer, CancellationToken cancellationToken);
}
