using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The aggregations behind <c>enterprisesAggregate</c>, timed one call at a time on a built file, each as the resolver
/// runs it (select through the store, group, count the links): pairings per city per year over the home province,
/// pairings per county per year in its largest city (a filtered selection), revenue per city in the latest year.
/// Prints median and p99.
/// </summary>
internal static class AggregateBenchmark
{
    public static async Task RunAsync(string file, HomeProvince home, int calls)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"aggregates on {Path.GetFileName(file)}: {counts.Nodes.GetValueOrDefault(NodeKind.Enterprise):N0} enterprises, "
            + $"{counts.Links.GetValueOrDefault(LinkType.PairedWith):N0} pairings; load average {Machine.LoadAverage()}");

        var enterprises = await NodeAggregation.SelectAsync(store, [NodeKind.Enterprise], null);
        var city = enterprises.GroupBy(e => NodeAggregation.RegionAt(e.Properties.Text("region"), RegionLevel.City))
            .Where(g => g.Key is not null && g.Key.StartsWith(home.Code[..2], StringComparison.Ordinal))
            .OrderByDescending(g => g.Count()).First().Key!;
        enterprises = null;
        var inCity = new NodeFilter.Compare("region", FilterOp.In, Regions.Descendants(city).Select(r => r.Code).Append(city).ToList());
        var inProvince = new NodeFilter.Compare("region", FilterOp.In, Regions.Descendants(home.Code).Select(r => r.Code).Append(home.Code).ToList());
        var byCityAndYear = new AggregateRequest([new GroupBy(GroupDimension.Region, RegionLevel.City), new GroupBy(GroupDimension.Year)], From: 2022, To: 2024);
        var byCountyAndYear = new AggregateRequest([new GroupBy(GroupDimension.Region, RegionLevel.County), new GroupBy(GroupDimension.Year)], From: 2022, To: 2024);
        var byCity = new AggregateRequest([new GroupBy(GroupDimension.Region, RegionLevel.City)]);

        var groups = 0;
        await QueryBenchmark.MeasureAsync($"pairings per city per year, {home.Code}", calls, async () =>
            groups = await PairingsAsync(store, inProvince, byCityAndYear));
        Console.WriteLine($"    {groups:N0} groups");
        await QueryBenchmark.MeasureAsync($"pairings per county per year, {city}", calls, async () =>
            groups = await PairingsAsync(store, inCity, byCountyAndYear));
        Console.WriteLine($"    {groups:N0} groups");
        await QueryBenchmark.MeasureAsync($"revenue per city, latest year, {home.Code}", calls, async () =>
        {
            var nodes = await NodeAggregation.SelectAsync(store, [NodeKind.Enterprise], inProvince);
            var result = NodeAggregation.Group(nodes, byCity);
            return result.Sum(g => NodeAggregation.Summarize(g, "revenue")?.Count ?? 0);
        });
    }

    static async Task<int> PairingsAsync(SqliteGraphStore store, NodeFilter filter, AggregateRequest request)
    {
        var nodes = await NodeAggregation.SelectAsync(store, [NodeKind.Enterprise], filter);
        var groups = NodeAggregation.Group(nodes, request);
        var links = await NodeAggregation.LinksAsync(store, nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal), LinkType.PairedWith, Direction.Out);
        return groups.Count(g => NodeAggregation.CountLinks(g, links) >= 0);
    }
}
