using KnowledgeGraph.Api.Exchange;
using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using Microsoft.Extensions.Hosting;

namespace KnowledgeGraph.Api.Tests.Exchange;

/// <summary>The server's start on a real SQLite file: reference nodes are seeded, the sample is loaded on the first start only.</summary>
public sealed class SampleDataLoaderTests : IDisposable
{
    private readonly ExchangeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    // The store services of the server (Program: AddGraphStore, AddGraphExchange), started and stopped once.
    private async Task StartAndStopAsync(string database, bool loadSampleData = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            Args = ["--Store:Kind=sqlite", $"--Store:Sqlite:Path={_workspace.PathOf(database)}", $"--Store:LoadSampleData={loadSampleData}"],
        });
        builder.Services.AddGraphStore(builder.Configuration).AddGraphExchange();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }

    [Fact]
    public async Task TheFirstStartLoadsTheSampleAndTheSecondDoesNot()
    {
        await StartAndStopAsync("graph.db");
        long version;
        await using (var store = await _workspace.OpenStoreAsync("graph.db"))
        {
            var counts = await store.CountAsync();
            Assert.Equal(File.ReadAllLines(Path.Combine(ExchangeWorkspace.SampleFolder, "links", "HOSTS.csv")).Length - 1, counts.Links[LinkType.Hosts]);
            // Take one sample node away: a second load would bring it back.
            var anyUniversity = (await store.ListNodesAsync(new NodeQuery([NodeKind.University], Take: 1))).Items.Single();
            version = (await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode(anyUniversity.Id)))).DataVersion;
        }

        await StartAndStopAsync("graph.db");

        var (_, after) = await _workspace.StateAsync("graph.db");
        Assert.Equal(version, after);
    }

    [Fact]
    public async Task EveryStartHasTheBuiltInReferenceNodesAndAChangedOneIsKept()
    {
        await StartAndStopAsync("graph.db", loadSampleData: false);
        await using (var store = await _workspace.OpenStoreAsync("graph.db"))
        {
            var counts = await store.CountAsync();
            Assert.Equal(Regions.All.Count, counts.Nodes[NodeKind.Region]);
            Assert.Equal(Fields.All.Count, counts.Nodes[NodeKind.Field]);
            Assert.Equal(0, counts.LinkTotal);
            await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(new NodeInput(NodeKind.Region, "450200", "柳州", "Liuzhou City",
                Properties: PropertyBag.Of(("level", "City"), ("parent", "450000"))))));
        }
        var (_, version) = await _workspace.StateAsync("graph.db");

        await StartAndStopAsync("graph.db", loadSampleData: false);

        await using var reopened = await _workspace.OpenStoreAsync("graph.db");
        Assert.Equal("柳州", (await reopened.GetNodeAsync("Region:450200"))!.Name);
        Assert.Equal(version, await reopened.GetDataVersionAsync());
    }
}
