using System.Diagnostics;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The store's reads on a built file, each timed one call at a time, after a warm-up: get by id, batched get of 100
/// ids, the 2-hop neighbourhood of a hub, name search (a specific name, a common 2-character term). Prints median and
/// p99, and the process's memory with the store loaded.
/// </summary>
internal static class QueryBenchmark
{
    public static async Task RunAsync(string file)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"queries on {Path.GetFileName(file)}: {counts.NodeTotal:N0} nodes, {counts.LinkTotal:N0} links; load average {Machine.LoadAverage()}");

        var sample = await SampleAsync(store, 20_000);
        var ids = sample.Select(n => n.Id).ToArray();
        var random = new Random(1);
        string AnyId() => ids[random.Next(ids.Length)];

        await MeasureAsync("get by id", 20_000, () => store.GetNodeAsync(AnyId()));
        await MeasureAsync("batched get, 100 ids", 2_000, () => store.GetNodesAsync(Enumerable.Range(0, 100).Select(_ => AnyId()).ToArray()));

        var hubs = await HubsAsync(store, 20);
        var hubIndex = 0;
        long reached = 0;
        await MeasureAsync("2-hop neighbourhood of a hub (ids)", hubs.Count, async () =>
        {
            var hub = hubs[hubIndex++ % hubs.Count].Id;
            var first = await store.GetNeighbourIdsAsync(new LinkQuery([hub]));
            var neighbours = first.GetValueOrDefault(hub) ?? [];
            var second = await store.GetNeighbourIdsAsync(new LinkQuery(neighbours));
            var reach = new HashSet<string>(neighbours, StringComparer.Ordinal);
            foreach (var ids in second.Values) reach.UnionWith(ids);
            reach.Remove(hub);
            reached += reach.Count;
            return reach.Count;
        });
        Console.WriteLine($"    hubs of {hubs[^1].Degree:N0}–{hubs[0].Degree:N0} neighbours; {reached / Math.Max(1, hubIndex):N0} distinct nodes within 2 hops on average");

        var names = sample.Where(n => n.Kind == NodeKind.Enterprise).Select(n => n.Name).ToArray();
        await MeasureAsync("search, a specific name", 1_000, () => store.SearchAsync(new SearchQuery(names[random.Next(names.Length)])));
        await MeasureAsync("search, a common 2-character term (广西)", 100, () => store.SearchAsync(new SearchQuery("广西")));
        var total = 0;
        await MeasureAsync("search, 广西, every match (its total)", 20, async () => total = (await store.SearchAsync(new SearchQuery("广西", Limit: int.MaxValue))).Count);
        Console.WriteLine($"    广西 matches {total:N0} nodes");

        GC.Collect();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"  load average after: {Machine.LoadAverage()}");
        Console.WriteLine($"  RSS with the store loaded: {process.WorkingSet64 / (1024.0 * 1024):N0} MiB (peak {process.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB{Machine.ResidentSplit()})");
    }

    /// <summary>Times one call at a time; a tenth as many calls first, untimed, to warm up.</summary>
    internal static async Task MeasureAsync<T>(string name, int count, Func<Task<T>> call)
    {
        for (var i = 0; i < Math.Max(1, count / 10); i++) await call();
        var times = new double[count];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        process.Refresh();
        // On a shared machine the wall times grow with the load; the CPU time per call much less so.
        var cpuPerCall = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
        Array.Sort(times);
        double Percentile(double p) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];
        Console.WriteLine($"  {name,-44} median {Percentile(0.5),9:F3} ms   p99 {Percentile(0.99),9:F3} ms   CPU {cpuPerCall,9:F3} ms per call   ({count:N0} calls)");
    }

    /// <summary>Organisations drawn evenly from the whole file (every n-th by id).</summary>
    static async Task<List<Node>> SampleAsync(SqliteGraphStore store, int size)
    {
        var all = new List<Node>();
        var kinds = new[] { NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute };
        var total = 0L;
        var counts = await store.CountAsync();
        foreach (var kind in kinds) total += counts.Nodes.GetValueOrDefault(kind);
        var step = Math.Max(1, total / size);
        var index = 0L;
        foreach (var kind in kinds)
        {
            await foreach (var node in store.ScanNodesAsync(kind))
            {
                if (index++ % step == 0) all.Add(node);
            }
        }
        return all;
    }

    /// <summary>The universities and institutes with the most neighbours.</summary>
    static async Task<List<(string Id, int Degree)>> HubsAsync(SqliteGraphStore store, int count)
    {
        var academics = new List<string>();
        foreach (var kind in new[] { NodeKind.University, NodeKind.ResearchInstitute })
        {
            await foreach (var node in store.ScanNodesAsync(kind)) academics.Add(node.Id);
        }
        var degrees = new List<(string Id, int Degree)>();
        foreach (var batch in academics.Chunk(100))
        {
            var neighbours = await store.GetNeighbourIdsAsync(new LinkQuery(batch));
            degrees.AddRange(batch.Select(id => (id, neighbours.GetValueOrDefault(id)?.Count ?? 0)));
        }
        return [.. degrees.OrderByDescending(d => d.Degree).ThenBy(d => d.Id, StringComparer.Ordinal).Take(count)];
    }
}
