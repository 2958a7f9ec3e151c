using System.Diagnostics;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Neo4j;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The same warm reads on the embedded store and on a Neo4j holding the same graph (copied there with
/// <c>migrate</c>), side by side: a node by id, a link page of a hub (one link type in one direction, as a GraphQL
/// link field asks), search, a list page with its total, and the full scans the collaboration projection is built from.
/// </summary>
internal static class StoreComparisonBenchmark
{
    public static async Task RunAsync(string file, Uri neo4jUrl)
    {
        await using var sqlite = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await sqlite.InitializeAsync();
        using var http = new HttpClient();
        await using var neo4j = new Neo4jGraphStore(http, new Neo4jStoreOptions
        {
            Url = neo4jUrl,
            User = Environment.GetEnvironmentVariable("NEO4J_USER"),
            Password = Environment.GetEnvironmentVariable("NEO4J_PASSWORD"),
            Timeout = TimeSpan.FromMinutes(5),
        });
        await neo4j.InitializeAsync();
        var (sqliteCounts, neo4jCounts) = (await sqlite.CountAsync(), await neo4j.CountAsync());
        Console.WriteLine($"SQLite {Path.GetFileName(file)}: {sqliteCounts.NodeTotal:N0} nodes, {sqliteCounts.LinkTotal:N0} links; " +
            $"Neo4j {neo4jUrl} {await neo4j.GetServerVersionAsync()}: {neo4jCounts.NodeTotal:N0} nodes, {neo4jCounts.LinkTotal:N0} links; load average {Machine.LoadAverage()}");

        // The hub and its busiest link type, the ids and the names come from SQLite so both stores answer the same calls.
        var ids = new List<string>();
        await foreach (var node in sqlite.ScanNodesAsync(NodeKind.Enterprise)) ids.Add(node.Id);
        var (hub, hubType, hubDirection, hubLinks) = await BusiestHubAsync(sqlite);
        var names = (await sqlite.GetNodesAsync(ids.Where((_, i) => i % 97 == 0).ToArray())).Values.Select(n => n.Name).Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine($"  hub {hub}: {hubLinks:N0} {GraphCatalog.Of(hubType).Name} links ({hubDirection})");
        Console.WriteLine($"  {"",-46} {"SQLite median",14} {"p99",9}   {"Neo4j median",13} {"p99",9}");

        foreach (var (name, count, call) in new (string, int, Func<IGraphStore, int, Task>)[]
        {
            ("node by id", 200, (s, i) => s.GetNodeAsync(ids[(i * 7919) % ids.Count])),
            ("link page of a hub (one type, one direction)", 50, (s, _) => s.GetLinksAsync(new LinkQuery([hub], hubDirection, [hubType]))),
            ("search, a specific name", 50, (s, i) => s.SearchAsync(new SearchQuery(names[i % names.Length]))),
            ("search, 广西, first 20", 20, (s, _) => s.SearchAsync(new SearchQuery("广西"))),
            ("list page: enterprises by name, 20 after 1,000, with total", 50, (s, _) => s.ListNodesAsync(
                new NodeQuery([NodeKind.Enterprise], Sort: [new SortField("name")], Skip: 1000, Take: 20))),
        })
        {
            var onSqlite = await MeasureAsync(count, i => call(sqlite, i));
            var onNeo4j = await MeasureAsync(count, i => call(neo4j, i));
            Console.WriteLine($"  {name,-46} {onSqlite.Median,11:F1} ms {onSqlite.P99,6:F1} ms   {onNeo4j.Median,10:F1} ms {onNeo4j.P99,6:F1} ms");
        }

        foreach (var (name, store) in new (string, IGraphStore)[] { ("SQLite", sqlite), ("Neo4j", neo4j) })
        {
            var start = Stopwatch.GetTimestamp();
            long nodes = 0, links = 0;
            await foreach (var _ in store.ScanNodesAsync()) nodes++;
            var nodeTime = Stopwatch.GetElapsedTime(start);
            await foreach (var _ in store.ScanLinksAsync()) links++;
            var total = Stopwatch.GetElapsedTime(start);
            Console.WriteLine($"  scan of the whole graph on {name,-6}: {nodes:N0} nodes {nodeTime.TotalSeconds:F1} s, {links:N0} links {(total - nodeTime).TotalSeconds:F1} s, total {total.TotalSeconds:F1} s");
        }
        Console.WriteLine($"  load average after: {Machine.LoadAverage()}");
    }

    /// <summary>The node with the most links of one type in one direction.</summary>
    static async Task<(string Id, LinkType Type, Direction Direction, int Links)> BusiestHubAsync(SqliteGraphStore store)
    {
        var counts = new Dictionary<(string, LinkType, Direction), int>();
        await foreach (var link in store.ScanLinksAsync())
        {
            foreach (var key in new[] { (link.FromId, link.Type, Direction.Out), (link.ToId, link.Type, Direction.In) })
                counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var ((id, type, direction), links) = counts.MaxBy(c => c.Value);
        return (id, type, direction, links);
    }

    /// <summary>Median and p99 of one call at a time, after a tenth as many untimed calls.</summary>
    static async Task<(double Median, double P99)> MeasureAsync(int count, Func<int, Task> call)
    {
        for (var i = 0; i < Math.Max(1, count / 10); i++) await call(i);
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        double Percentile(double p) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];
        return (Percentile(0.5), Percentile(0.99));
    }
}
