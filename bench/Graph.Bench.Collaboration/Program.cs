using System.Diagnostics;
using System.Globalization;
using KnowledgeGraph.Bench.Collaboration;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Bench.Collaboration.Timing;

// The collaboration projection and the matchmaking index on a generated preset (the country graph):
//   dotnet run -c Release --project bench/Graph.Bench.Collaboration -- preset [country|province] [seed=42]
// the ties, start organisations and projection counts for the side-by-side run against Kuzu (bench/kuzu/run.sh):
//   dotnet run -c Release --project bench/Graph.Bench.Collaboration -- kuzu [province|country] [seed=42] [directory=.data/bench/kuzu]
// the whole-network selection an unfiltered export makes (memory held, time to select and to write):
//   dotnet run -c Release --project bench/Graph.Bench.Collaboration -- network [province|country] [seed=42]
// or the projection alone on a heavy-tailed graph of its own:
//   dotnet run -c Release --project bench/Graph.Bench.Collaboration -- [organisations=500000] [seed=7]
if (args.Length > 0 && args[0] == "kuzu")
{
    KuzuSideBySide.Run(args.Length > 1 ? args[1] : "province", args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 42,
        args.Length > 3 ? args[3] : Path.Combine(".data", "bench", "kuzu"));
    return;
}
if (args.Length > 0 && args[0] == "network")
{
    WholeNetworkBench.Run(args.Length > 1 ? args[1] : "province", args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 42);
    return;
}
if (args.Length > 0 && args[0] == "preset")
{
    PresetBench.Run(args.Length > 1 ? args[1] : "country", args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 42);
    return;
}
var organisations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
var world = new HeavyTailedGraph(organisations, seed);

var linkCount = 0L;
var before = GC.GetTotalMemory(forceFullCollection: true);
var clock = Stopwatch.StartNew();
using var projection = CollaborationProjection.Build(world.Nodes(), world.Links().Select(l => { linkCount++; return l; }));
var buildSeconds = clock.Elapsed.TotalSeconds;
var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
var size = projection.Size;
Report("build", $"{buildSeconds:F1} s for {size.Organizations:N0} organisations, {size.Nodes - size.Organizations:N0} shared nodes, {linkCount:N0} links → {size.Ties:N0} ties");
Report("projection memory", $"{memory / 1024.0 / 1024.0:F0} MB managed heap after build ({memory / (double)linkCount:F0} bytes per link)");

var byDegree = projection.Rank(new NetworkQuery(), RankingMetric.Degree, top: 21).Top;
var (hub, twentyFirst) = (byDegree[0], byDegree[20]);
Report("hubs", $"the top hub {hub.OrganizationId} has {hub.Score:N0} partners; the 21st largest {twentyFirst.OrganizationId} has {twentyFirst.Score:N0}");

foreach (var (label, id) in new[] { ("top hub", hub.OrganizationId), ("21st hub", twentyFirst.OrganizationId) })
    Measure($"collaborators depth 2 of the {label}, first 100", 30, _ => projection.Collaborators(id, 2, limit: 100));

var random = new Random(seed);
var pairs = Enumerable.Range(0, 200).Select(_ => (HeavyTailedGraph.OrganisationId(random.Next(organisations)), HeavyTailedGraph.OrganisationId(random.Next(organisations)))).Where(p => p.Item1 != p.Item2).ToList();
var found = 0;
Measure("collaborationPaths between random organisations (maxHops 4, limit 10)", pairs.Count, i =>
{
    if (projection.Paths(pairs[i].Item1, pairs[i].Item2, maxHops: 4, limit: 10).Count > 0) found++;
});
Report("paths found", $"{found} of {pairs.Count} pairs within 4 hops");

clock.Restart();
var pageRank = projection.Rank(new NetworkQuery(), RankingMetric.PageRank, top: 10);
Report("PageRank over the whole graph", $"{clock.Elapsed.TotalSeconds:F2} s ({pageRank.Organizations:N0} organisations; top {pageRank.Top[0].OrganizationId})");

var write = 0;
Measure("refresh after one write (a new technology contract)", 50, _ =>
{
    var link = new Link(LinkId.Of(LinkType.Transfers, HeavyTailedGraph.OrganisationId(random.Next(organisations)), HeavyTailedGraph.OrganisationId(world.Draw(random)), "bench-" + write++),
        LinkType.Transfers, HeavyTailedGraph.OrganisationId(random.Next(organisations)), HeavyTailedGraph.OrganisationId(world.Draw(random)), "bench-" + write,
        new DateOnly(2025, 6, 1), null, "bench", PropertyBag.Empty, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
    link = link with { Id = LinkId.Of(link.Type, link.FromId, link.ToId, link.Key) };
    projection.Apply([new WriteOutcome(link.Id, Change.Created, Link: link)]);
});
Measure("refresh after one write (a member joins the largest consortium)", 10, i =>
{
    var largest = NodeId.Of(NodeKind.Consortium, "c" + (i % Math.Max(1, world.Consortia)).ToString(CultureInfo.InvariantCulture));
    var member = HeavyTailedGraph.OrganisationId(random.Next(organisations));
    var link = new Link(LinkId.Of(LinkType.MemberOf, member, largest), LinkType.MemberOf, member, largest, null,
        new DateOnly(2025, 6, 1), null, "bench", PropertyBag.Empty, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
    projection.Apply([new WriteOutcome(link.Id, Change.Created, Link: link)]);
});
