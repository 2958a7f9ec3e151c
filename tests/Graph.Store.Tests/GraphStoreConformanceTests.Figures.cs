using System.Collections.Immutable;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using static KnowledgeGraph.Domain.Store.NodeFilter;

namespace KnowledgeGraph.Store.Tests;

public abstract partial class GraphStoreConformanceTests
{
    static NodeInput WithFigures(int serial, decimal revenue2024, bool? flag = null)
    {
        var firm = Firm(serial, $"柳州示例铸造{serial}有限公司");
        var properties = firm.Properties.With("industrial", true).With("employees", 320L).With("revenue", revenue2024).With("dataYear", 2024L)
            .With("yearlyFigures", ImmutableArray.Create("2022 employees=200 revenue=1500 hasRdActivity=false", "2023 employees=300 revenue=2000 hasRdActivity=true"))
            .With("aboveDesignatedSize", flag);
        return firm with { Properties = properties };
    }

    [StoreFact]
    public async Task FiguresByYearAreKeptAsASeriesWithTheDerivedFactsFilterable()
    {
        await using var store = await CreateStoreAsync();
        using var writer = new GraphWriter(store, []);

        await writer.WriteAsync(Request("upsertEnterprise", new WriteOperation.UpsertNode(WithFigures(81, 2500m)), new WriteOperation.UpsertNode(WithFigures(82, 1999.99m))));

        var node = await store.GetNodeAsync(WithFigures(81, 0m).Id);
        Assert.Equal(["2022 employees=200 revenue=1500 hasRdActivity=false", "2023 employees=300 revenue=2000 hasRdActivity=true", "2024 employees=320 revenue=2500"],
            node!.Properties.List("yearlyFigures").ToArray());
        Assert.Equal((2024L, true, "Medium"), (node.Properties.Integer("dataYear"), node.Properties.Flag("aboveDesignatedSize"), node.Properties.Text("sizeClass")));
        var aboveScale = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("aboveDesignatedSize", FilterOp.Eq, true)));
        var small = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("sizeClass", FilterOp.Eq, "Small")));
        Assert.Equal([WithFigures(81, 0m).Id], aboveScale.Items.Select(n => n.Id));
        Assert.Equal([WithFigures(82, 0m).Id], small.Items.Select(n => n.Id));
    }

    [StoreFact]
    public async Task AFlagContradictingTheFiguresIsRefusedAndNothingIsWritten()
    {
        await using var store = await CreateStoreAsync();
        using var writer = new GraphWriter(store, []);
        var version = await store.GetDataVersionAsync();

        var located = await Assert.ThrowsAsync<LocatedWriteException>(() =>
            writer.WriteAsync(Request("upsertEnterprise", new WriteOperation.UpsertNode(WithFigures(83, 2500m)), new WriteOperation.UpsertNode(WithFigures(84, 1999.99m, flag: true)))));

        var refused = Assert.IsType<RuleViolationException>(located.InnerException);
        Assert.Contains("aboveDesignatedSize", refused.Message);
        Assert.Equal(version, await store.GetDataVersionAsync());
        Assert.Null(await store.GetNodeAsync(WithFigures(83, 0m).Id));
    }
}
