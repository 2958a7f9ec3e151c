using System.Diagnostics;
using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The aggregations behind <c>enterprisesAggregate</c>, timed one call at a time on a built file, each as the resolver
/// runs it: pairings per city per year over the home province, pairings per county per year in its largest city (a
/// filtered selection), pairings per province per year over every enterprise (no filter), revenue per city of the home
/// province in the latest year. <c>--path store</c> (the default) groups in SQL as the
/// embedded store answers; <c>--path service</c> selects the nodes and groups them in the service, as on a store that
/// cannot group (and as before grouping moved into SQL). Prints where one call of each path spends its time, then
/// median and p99.
/// </summary>
internal static class AggregateBenchmark
{
    public static async Task RunAsync(string file, HomeProvince home, int calls, bool inService)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"aggregates on {Path.GetFileName(file)} ({(inService ? "grouped in the service" : "grouped in SQL")}): "
            + $"{counts.Nodes.GetValueOrDefault(NodeKind.Enterprise):N0} enterprises, {counts.Links.GetValueOrDefault(LinkType.PairedWith):N0} pairings; "
            + $"load average {Machine.LoadAverage()}");

        var inProvince = new NodeFilter.Compare("region", FilterOp.In, Regions.Descendants(home.Code).Select(r => r.Code).Append(home.Code).ToList());
        var byCity = new AggregateRequest([new GroupBy(GroupDimension.Region, RegionLevel.City)]);
        // The home province's city with the most enterprises.
        var cities = await store.GroupAsync(new AggregateSelection([NodeKind.Enterprise], inProvince, byCity));
        var city = cities.Where(c => c.Key[0].Value is not null).MaxBy(c => c.Count)!.Key[0].Value!;
        var inCity = new NodeFilter.Compare("region", FilterOp.In, Regions.Descendants(city).Select(r => r.Code).Append(city).ToList());
        var byCityAndYear = new AggregateRequest([new GroupBy(GroupDimension.Region, RegionLevel.City), new GroupBy(GroupDimension.Year)], From: 2022, To: 2024);
        var byCountyAndYear = new AggregateRequest([new GroupBy(GroupDimension.Region, RegionLevel.County), new GroupBy(GroupDimension.Year)], From: 2022, To: 2024);

        var pairingsPerCity = new AggregateSelection([NodeKind.Enterprise], inProvince, byCityAndYear);
        if (inService) await ProfileInServiceAsync(store, pairingsPerCity);
        else await ProfileInStoreAsync(store, pairingsPerCity);

        var groups = 0;
        await QueryBenchmark.MeasureAsync($"pairings per city per year, {home.Code}", calls, async () =>
            groups = await PairingsAsync(store, pairingsPerCity, inService));
        Console.WriteLine($"    {groups:N0} groups");
        await QueryBenchmark.MeasureAsync($"pairings per county per year, {city}", calls, async () =>
            groups = await PairingsAsync(store, new AggregateSelection([NodeKind.Enterprise], inCity, byCountyAndYear), inService));
        Console.WriteLine($"    {groups:N0} groups");
        var byProvinceAndYear = new AggregateRequest([new GroupBy(GroupDimension.Region, RegionLevel.Province), new GroupBy(GroupDimension.Year)], From: 2022, To: 2024);
        await QueryBenchmark.MeasureAsync("pairings per province per year, every enterprise", calls, async () =>
            groups = await PairingsAsync(store, new AggregateSelection([NodeKind.Enterprise], null, byProvinceAndYear), inService));
        Console.WriteLine($"    {groups:N0} groups");
        var revenue = new AggregateSelection([NodeKind.Enterprise], inProvince, byCity);
        await QueryBenchmark.MeasureAsync($"revenue per city, latest year, {home.Code}", calls, async () =>
        {
            if (!inService) return (await store.SummarizeAsync(revenue, "revenue")).Values.Sum(s => s.Count);
            var nodes = await NodeAggregation.SelectAsync(store, revenue.Kinds, revenue.Filter);
            return NodeAggregation.Group(nodes, byCity).Sum(g => NodeAggregation.Summarize(g, "revenue")?.Count ?? 0);
        });
    }

    static async Task<int> PairingsAsync(SqliteGraphStore store, AggregateSelection selection, bool inService)
    {
        if (!inService)
        {
            var groups = await store.GroupAsync(selection);
            var pairings = await store.CountLinksAsync(selection, LinkType.PairedWith, Direction.Out);
            return groups.Count(g => pairings.GetValueOrDefault(g.Id) >= 0);
        }
        var nodes = await NodeAggregation.SelectAsync(store, selection.Kinds, selection.Filter);
        var grouped = NodeAggregation.Group(nodes, selection.Request);
        var links = await NodeAggregation.LinksAsync(store, nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal), LinkType.PairedWith, Direction.Out);
        return grouped.Count(g => NodeAggregation.CountLinks(g, links) >= 0);
    }

    // Where one call's time goes, step by step.
    static async Task ProfileInServiceAsync(SqliteGraphStore store, AggregateSelection selection)
    {
        var clock = Stopwatch.StartNew();
        var nodes = await NodeAggregation.SelectAsync(store, selection.Kinds, selection.Filter);
        var select = clock.Elapsed.TotalMilliseconds;
        var grouped = NodeAggregation.Group(nodes, selection.Request);
        var group = clock.Elapsed.TotalMilliseconds;
        var links = await NodeAggregation.LinksAsync(store, nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal), LinkType.PairedWith, Direction.Out);
        var load = clock.Elapsed.TotalMilliseconds;
        var counted = grouped.Sum(g => NodeAggregation.CountLinks(g, links));
        var count = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"  one call, pairings per city per year: select {nodes.Count:N0} nodes {select:N0} ms, group {group - select:N0} ms, "
            + $"load {links.Sum(l => l.Count()):N0} pairings {load - group:N0} ms, count {count - load:N0} ms ({counted:N0} counted)");
    }

    static async Task ProfileInStoreAsync(SqliteGraphStore store, AggregateSelection selection)
    {
        var clock = Stopwatch.StartNew();
        var groups = await store.GroupAsync(selection);
        var group = clock.Elapsed.TotalMilliseconds;
        var pairings = await store.CountLinksAsync(selection, LinkType.PairedWith, Direction.Out);
        var count = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"  one call, pairings per city per year: group {groups.Sum(g => g.Count):N0} members in {groups.Count:N0} groups {group:N0} ms, "
            + $"count {pairings.Values.Sum():N0} pairings {count - group:N0} ms");
    }
}
