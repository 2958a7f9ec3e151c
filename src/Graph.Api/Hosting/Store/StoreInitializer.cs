using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using Microsoft.Extensions.Options;

namespace KnowledgeGraph.Api.Hosting.Store;

/// <summary>
/// Creates or migrates the store's schema before the server accepts requests, adds the built-in Region and Field nodes it
/// lacks, and fills a store that holds no data of its own with the sample data.
/// </summary>
internal sealed partial class StoreInitializer(
    IGraphStore store,
    GraphWriter writer,
    IOptions<StoreOptions> options,
    IEnumerable<ISampleDataLoader> sampleDataLoaders,
    ILogger<StoreInitializer> logger) : IHostedLifecycleService
{
    // StartingAsync runs before every hosted service's StartAsync, so before Kestrel listens.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        LogStoreReady(logger, options.Value.Kind);

        var seeded = await ReferenceData.SeedAsync(store, cancellationToken).ConfigureAwait(false);
        if (seeded > 0)
            LogSeededReferenceNodes(logger, seeded);
        var counts = await store.CountAsync(cancellationToken).ConfigureAwait(false);

        var loader = sampleDataLoaders.LastOrDefault();
        if (!options.Value.LoadSampleData || loader is null || !ReferenceData.HoldsNoUserData(counts))
            return;

        LogLoadingSampleData(logger);
        await loader.LoadAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph store {StoreKind} is ready")]
    private static partial void LogStoreReady(ILogger logger, string storeKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} built-in region and field nodes to the store")]
    private static partial void LogSeededReferenceNodes(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store is empty: loading the sample data")]
    private static partial void LogLoadingSampleData(ILogger logger);
}
