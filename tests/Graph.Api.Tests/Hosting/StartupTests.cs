using KnowledgeGraph.Domain.Writing;
using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>What happens at start: the store is initialized, an empty store is seeded, bad settings stop the host.</summary>
public sealed class StartupTests
{
    private sealed class RecordingLoader : ISampleDataLoader
    {
        public int Loads { get; private set; }

        public Task LoadAsync(GraphWriter writer, CancellationToken cancellationToken)
        {
            Loads++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task StoreIsInitializedOnceBeforeTheFirstRequest()
    {
        var store = new CountingGraphStore();
        await using var app = new KnowledgeGraphApplication().WithServices(store.Install);

        await app.PostAsync("{ dataVersion }");
        await app.PostAsync("{ dataVersion }");

        Assert.Equal(1, store.Calls(nameof(IGraphStore.InitializeAsync)));
    }

    [Theory]
    [InlineData("true", 0, 1)]
    [InlineData("true", 5, 0)]
    [InlineData("false", 0, 0)]
    public async Task SampleDataIsLoadedOnlyIntoAnEmptyStoreWhenAllowed(string loadSampleData, int nodes, int expectedLoads)
    {
        var loader = new RecordingLoader();
        await using var app = new KnowledgeGraphApplication().With("Store:LoadSampleData", loadSampleData)
            .WithServices(services => services.AddSingleton<ISampleDataLoader>(loader));
        await using (var existing = new SqliteGraphStore(SqliteStoreOptions.ForFile(app.DatabasePath)))
        {
            await existing.InitializeAsync();
            await existing.WriteAsync(new WriteBatch([.. Enumerable.Range(0, nodes).Select(i => new WriteOperation.UpsertNode(new NodeInput(NodeKind.University, $"u{i}", $"示例大学{i}")))]));
        }

        await app.PostAsync("{ dataVersion }");

        Assert.Equal(expectedLoads, loader.Loads);
    }

    [Fact]
    public async Task ReadinessFailsWhileTheStoreIsUnavailableAndLivenessDoesNot()
    {
        var store = new CountingGraphStore();
        await using var app = new KnowledgeGraphApplication().WithServices(store.Install);
        using var client = app.CreateClient();
        store.Unavailable = true;

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Equal(200, (int)live.StatusCode);
    }

    [Fact]
    public async Task ReadinessWaitsForTheCollaborationProjectionWhileOtherRequestsAreAnswered()
    {
        var store = new CountingGraphStore();
        var scans = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.ScanGate = scans.Task;
        await using var app = new KnowledgeGraphApplication().WithServices(store.Install);
        using var client = app.CreateClient();

        // The projection's build at start is held at its first scan: not ready, yet other requests are answered.
        using (var building = await client.GetAsync("/health/ready"))
            Assert.Equal(503, (int)building.StatusCode);
        var version = await app.PostAsync("{ dataVersion }");
        Assert.Empty(version.Errors);
        Assert.False(app.CollaborationBuiltAsync().IsCompleted);

        scans.SetResult();
        await app.CollaborationBuiltAsync();

        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(200, (int)ready.StatusCode);
        var network = await app.PostAsync("{ collaborationNetwork { statistics { nodes } } }");
        Assert.Empty(network.Errors);
    }

    [Fact]
    public async Task UnknownStoreKindStopsTheHostWithAClearMessage()
    {
        await using var app = new KnowledgeGraphApplication().With("Store:Kind", "oracle");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Store:Kind is 'oracle'", error.ToString());
    }

    [Fact]
    public async Task SigningKeyShorterThan32BytesStopsTheHost()
    {
        await using var app = new KnowledgeGraphApplication().With("Auth:SigningKey", "too-short");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("at least 32", error.ToString());
    }

    [Fact]
    public async Task WithoutASigningKeyTokensAreRejectedAndTheServerSaysSo()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields().With("Auth:SigningKey", "");

        var response = await app.PostAsync("mutation { touch }", token: KnowledgeGraphApplication.TokenFor("editor"));

        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Contains(app.Logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("Auth:SigningKey is not configured"));
    }
}
