using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using Microsoft.Extensions.Options;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// The store a verb acts on: the one the service is configured with (Store:Kind, Store:Sqlite:Path, …, overridable as
/// <c>--Store:Sqlite:Path=other.db</c>), initialized and holding the built-in reference nodes. Dispose it to close the store.
/// </summary>
internal sealed class CliStore : IAsyncDisposable
{
    private readonly IHost _host;

    private CliStore(IHost host, IGraphStore store)
    {
        _host = host;
        Store = store;
        Writer = host.Services.GetRequiredService<GraphWriter>();
    }

    public IGraphStore Store { get; }

    /// <summary>The one write path over the store.</summary>
    public GraphWriter Writer { get; }

    /// <summary>Opens the configured store; <paramref name="seedReferenceData"/> false leaves out the built-in reference nodes.</summary>
    public static async Task<CliStore> OpenAsync(string[] args, CancellationToken cancellationToken, bool seedReferenceData = true)
    {
        var builder = CliConfiguration.CreateBuilder(args);
        builder.Services.AddGraphStore(builder.Configuration);
        // The host is built for its services only; it is not started, so no sample data is loaded into an empty store.
        var host = builder.Build();
        var cli = new CliStore(host, host.Services.GetRequiredService<IGraphStore>());
        try
        {
            await cli.Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            if (seedReferenceData)
                await ReferenceData.SeedAsync(cli.Store, host.Services.GetRequiredService<IOptions<StoreOptions>>().Value.ReferenceOrganizations, cancellationToken).ConfigureAwait(false);
            return cli;
        }
        catch
        {
            await cli.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync().ConfigureAwait(false);
        else _host.Dispose();
    }
}
