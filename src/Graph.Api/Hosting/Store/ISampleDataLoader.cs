using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Hosting.Store;

/// <summary>
/// Fills an empty store with the illustrative data set on first start. Registered by the importer;
/// when none is registered the store simply starts empty.
/// </summary>
public interface ISampleDataLoader
{
    Task LoadAsync(IGraphStore store, CancellationToken cancellationToken);
}
