using System.Diagnostics;
using System.Runtime;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// Where the collaboration projection's build from a store goes, phase by phase, in CPU seconds (what a busy machine
/// does not inflate) beside wall time and the collector's share: the scans of the nodes it projects, the scans of the
/// link types the rules read, the build from those nodes and links already in memory, and the whole build from the
/// store as the service does it at start. Run it under <c>DOTNET_gcServer=0</c> and <c>=1</c> to compare collectors.
/// </summary>
internal static class ProjectionBuildBenchmark
{
    public static Task RunAsync(string file, HomeProvince home) =>
        StoreCopy.RunAsync(file, "-build", copy => RunOnAsync(copy, home));

    static async Task RunOnAsync(string file, HomeProvince home)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"projection build on {Path.GetFileName(file)}: {counts.NodeTotal:N0} nodes, {counts.LinkTotal:N0} links; "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} collector, {GCSettings.LatencyMode}; load average {Machine.LoadAverage()}");

        var nodes = new List<Node>();
        var kinds = Enum.GetValues<NodeKind>().Where(kind => GraphCatalog.OrganizationKinds.Contains(kind) || CollaborationRules.SharedNodeKinds.Contains(kind));
        await Phase("scan the projected nodes", async () =>
        {
            foreach (var kind in kinds)
            {
                await foreach (var node in store.ScanNodesAsync(kind)) nodes.Add(node);
            }
            return $"{nodes.Count:N0} nodes";
        });
        var links = new List<Link>();
        foreach (var type in CollaborationRules.LinkTypes.Order())
        {
            await Phase($"scan {type} links", async () =>
            {
                var before = links.Count;
                await foreach (var link in store.ScanLinksAsync(type)) links.Add(link);
                return $"{links.Count - before:N0} links";
            });
        }
        await Phase("build from the scanned nodes and links in memory", () =>
        {
            using var projection = CollaborationProjection.Build(nodes, links, home);
            return Task.FromResult($"{projection.Size.Ties:N0} ties");
        });
        nodes.Clear();
        links.Clear();
        nodes.TrimExcess();
        links.TrimExcess();
        GC.Collect();
        await Phase("build from the store (as at start)", async () =>
        {
            using var projection = await CollaborationProjection.BuildAsync(store, home);
            return $"{projection.Size.Organizations:N0} organisations, {projection.Size.Ties:N0} ties";
        });
    }

    static async Task Phase(string name, Func<Task<string>> run)
    {
        var process = Process.GetCurrentProcess();
        var (cpu, pause, gen0, gen1, gen2) = (process.TotalProcessorTime, GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        var what = await run();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        Console.WriteLine($"  {name}: {wall:F1} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F1} s CPU, "
            + $"{(GC.GetTotalPauseDuration() - pause).TotalSeconds:F1} s paused by {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} "
            + $"collections (gen0/1/2); {what}; heap {GC.GetTotalMemory(false) / 1048576.0:N0} MB");
    }
}
