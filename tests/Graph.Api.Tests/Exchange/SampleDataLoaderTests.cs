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
            var anyEnterprise = (await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], Take: 1))).Items.Single();
            version = (await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode(anyEnterprise.Id)))).DataVersion;
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
            Assert.Equal(TechnologyFields.All.Count, counts.Nodes[NodeKind.Field]);
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

    [Fact]
    public async Task TheSamplesRealUniversitiesAreMergedIntoTheReferenceOnes()
    {
        await StartAndStopAsync("graph.db");

        await using var store = await _workspace.OpenStoreAsync("graph.db");
        Assert.Null(await store.GetNodeAsync("University:gxu"));
        var gxu = (await store.GetNodeAsync("University:4145010593"))!;
        Assert.Equal(("广西大学", "Guangxi University", "4145010593"), (gxu.Name, gxu.NameEn, gxu.Properties.Text("moeCode")));
        var named = await store.ListNodesAsync(new NodeQuery([NodeKind.University], new NodeFilter.Compare("name", FilterOp.Eq, "广西大学")));
        Assert.Equal(1, named.TotalCount);
        // Every sample agreement is there, the one with 清华大学 on the reference node.
        var counts = await store.CountAsync();
        Assert.Equal(File.ReadAllLines(Path.Combine(ExchangeWorkspace.SampleFolder, "links", "COOPERATION_AGREEMENT.csv")).Length - 1, counts.Links[LinkType.CooperationAgreement]);
        Assert.Null(await store.GetNodeAsync("University:tsinghua"));
        Assert.Contains(await store.GetLinksAsync(new LinkQuery(["GovernmentBody:gxgov"])), l => l.ToId == "University:4111010003");
    }

    [Fact]
    public async Task AnUpgradeAddsTheMissingReferenceUniversitiesAndKeepsWhatUsersChanged()
    {
        const string Gxu = "University:4145010593", Guet = "University:4145010595", Gxnu = "University:4145010602";
        await StartAndStopAsync("graph.db", loadSampleData: false);
        await using (var store = await _workspace.OpenStoreAsync("graph.db"))
        {
            Assert.Equal(ReferenceOrganizations.All.Count, (await store.CountAsync()).Nodes[NodeKind.University]);
            var gxu = (await store.GetNodeAsync(Gxu))!;
            var guet = (await store.GetNodeAsync(Guet))!;
            await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(new NodeInput(NodeKind.University, gxu.Key, gxu.Name, "Guangxi University", gxu.Aliases,
                gxu.Properties.With("website", "https://www.gxu.edu.cn")))));
            // A user deletes 桂电 (the journal says so); 广西师范大学 is missing as if an older release had not shipped it.
            await store.WriteAsync(new WriteBatch([new WriteOperation.DeleteNode(Guet)])
            {
                Journal = new JournalDraft(Actor.Service("test"), "deleteUniversity", false, new Dictionary<string, Node> { [Guet] = guet }, new Dictionary<string, Link>(), []),
            });
            await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode(Gxnu)));
        }

        await StartAndStopAsync("graph.db", loadSampleData: false);

        await using var reopened = await _workspace.OpenStoreAsync("graph.db");
        var kept = (await reopened.GetNodeAsync(Gxu))!;
        Assert.Equal(("Guangxi University", "https://www.gxu.edu.cn"), (kept.NameEn, kept.Properties.Text("website")));
        Assert.Null(await reopened.GetNodeAsync(Guet));
        Assert.Equal("广西师范大学", (await reopened.GetNodeAsync(Gxnu))!.Name);
    }
}
