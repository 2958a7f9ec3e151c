using KnowledgeGraph.Domain.Errors;
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
    /// <summary>How often the start is tried when another process initializes the same store at the same time.</summary>
    private const int Attempts = 5;

    // StartingAsync runs before every hosted service's StartAsync, so before Kestrel listens.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < Attempts && e is InvalidOperationException or DomainException && !cancellationToken.IsCancellationRequested)
            {
                // Two services started on one new store both add the built-in nodes (and the sample data): the one that
                // commits second finds them written meanwhile. Its next try finds them there and adds nothing.
                LogInitializationRace(logger, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        LogStoreReady(logger, options.Value.Kind);

        var seeded = await ReferenceData.SeedAsync(store, options.Value.ReferenceOrganizations, cancellationToken).ConfigureAwait(false);
        if (seeded > 0)
            LogSeededReferenceNodes(logger, seeded);
        var loader = sampleDataLoaders.LastOrDefault();
        if (!options.Value.LoadSampleData || loader is null || !await ReferenceData.HoldsNoUserDataAsync(store, cancellationToken).ConfigureAwait(false))
            return;

        LogLoadingSampleData(logger);
        await loader.LoadAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Initializing the store failed on try {Attempt}, probably beside another process starting on it; trying again: {Reason}")]
    private static partial void LogInitializationRace(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph store {StoreKind} is ready")]
    private static partial void LogStoreReady(ILogger logger, string storeKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} built-in region, field and university nodes to the store")]
    private static partial void LogSeededReferenceNodes(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store is empty: loading the sample data")]
    private static partial void LogLoadingSampleData(ILogger logger);
}
