using System.Diagnostics;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Synthetic;
using static KnowledgeGraph.Bench.Collaboration.Timing;

namespace KnowledgeGraph.Bench.Collaboration;

/// <summary>
/// The collaboration projection and the matchmaking index built from a generated preset, streamed in-process (the same
/// nodes and links <c>generate</c> writes), and every query the issues give a target for: collaborators depth 2 of a hub,
/// paths between random organisations, PageRank over the whole graph, the refresh after one write, memory, and
/// <c>recommendPartners</c> for enterprises and for challenges.
/// </summary>
internal static class PresetBench
{
    static readonly DateTimeOffset Stamp = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The nodes and links <c>generate</c> writes for this preset and seed, as the store would hold them.</summary>
    public static (List<Node> Nodes, List<Link> Links) Generate(SyntheticPreset preset, ulong seed)
    {
        var generator = SyntheticGraph.Create(preset, seed);
        return (generator.Nodes().Select(n => new Node(n.Id, n.Kind, n.Key, n.Name, n.NameEn, n.Aliases, n.Properties, Stamp, Stamp)).ToList(),
            generator.Links().Select(l => new Link(l.Id, l.Type, l.FromId, l.ToId, l.Key, l.StartDate, l.EndDate, l.Source, l.Properties, Stamp, Stamp)).ToList());
    }

    public static SyntheticPreset Find(string presetName) =>
        SyntheticPreset.Find(presetName) ?? throw new ArgumentException($"no preset '{presetName}'", nameof(presetName));

    public static void Run(string presetName, ulong seed)
    {
        var preset = Find(presetName);
        Report("machine", $"{Environment.ProcessorCount} cores, load average {LoadAverage()} at start");
        var clock = Stopwatch.StartNew();
        var (nodes, links) = Generate(preset, seed);
        Report("generate", $"{clock.Elapsed.TotalSeconds:F1} s: {preset.Name} seed {seed}, {nodes.Count:N0} nodes, {links.Count:N0} links");

        var home = new HomeProvince(preset.HomeProvince);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        using var projection = CollaborationProjection.Build(nodes, links, home);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var buildCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        var size = projection.Size;
        Report("projection build", $"{buildSeconds:F1} s ({buildCpu:F1} s CPU): {size.Organizations:N0} organisations, {size.Nodes - size.Organizations:N0} shared nodes, {size.Links:N0} links read → {size.Ties:N0} ties");
        Report("projection memory", $"{memory / 1024.0 / 1024.0:F0} MB of managed heap beyond the generated nodes and links ({memory / (double)size.Links:F0} bytes per link read)");

        var byDegree = projection.Rank(new NetworkQuery(), RankingMetric.Degree, top: 21).Top;
        var (hub, twentyFirst) = (byDegree[0], byDegree[20]);
        Report("hubs", $"the top hub {hub.OrganizationId} has {hub.Score:N0} partners; the 21st {twentyFirst.OrganizationId} has {twentyFirst.Score:N0}");
        foreach (var (label, id) in new[] { ("top hub", hub.OrganizationId), ("21st hub", twentyFirst.OrganizationId) })
            Measure($"collaborators depth 2 of the {label}, first 100", 30, _ => projection.Collaborators(id, 2, limit: 100));
        var thousandth = projection.Collaborators(hub.OrganizationId, 2, limit: 1000)[^1].OrganizationId;
        Measure("collaborators depth 2 of the top hub, the 100 after the first 1,000", 30, _ => projection.Collaborators(hub.OrganizationId, 2, limit: 100, after: thousandth));
        Measure("collaborators depth 2 of the top hub, the ids of the whole answer (backward paging)", 30, _ => projection.CollaboratorIds(hub.OrganizationId, 2));
        Measure("collaborators depth 2 of the top hub, the size of the whole answer (totalCount)", 30, _ => projection.CollaboratorCount(hub.OrganizationId, 2));

        var organisations = nodes.Where(n => GraphCatalog.OrganizationKinds.Contains(n.Kind)).Select(n => n.Id).ToList();
        var random = new Random(7);
        var pairs = Enumerable.Range(0, 200).Select(_ => (organisations[random.Next(organisations.Count)], organisations[random.Next(organisations.Count)]))
            .Where(p => p.Item1 != p.Item2).ToList();
        var found = 0;
        Measure("collaborationPaths between random organisations (maxHops 4, limit 10)", pairs.Count, i =>
        {
            if (projection.Paths(pairs[i].Item1, pairs[i].Item2, maxHops: 4, limit: 10).Count > 0) found++;
        });
        Report("paths found", $"{found} of {pairs.Count + 1} searches within 4 hops");

        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var pageRank = projection.Rank(new NetworkQuery(), RankingMetric.PageRank, top: 10);
        Report("PageRank over the whole graph", $"{clock.Elapsed.TotalSeconds:F2} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU; {pageRank.Organizations:N0} organisations; top {pageRank.Top[0].OrganizationId})");

        var enterprises = nodes.Where(n => n.Kind == NodeKind.Enterprise).Select(n => n.Id).ToList();
        var academics = nodes.Where(n => n.Kind is NodeKind.University or NodeKind.ResearchInstitute).Select(n => n.Id).ToList();
        var write = 0;
        Measure("projection refresh after one write (a new technology contract)", 50, _ =>
        {
            var (from, to, key) = (academics[random.Next(academics.Count)], enterprises[random.Next(enterprises.Count)], "bench-" + write++);
            var link = new Link(LinkId.Of(LinkType.Transfers, from, to, key), LinkType.Transfers, from, to, key,
                new DateOnly(2025, 6, 1), null, "bench", PropertyBag.Empty, Stamp, Stamp);
            projection.Apply([new WriteOutcome(link.Id, Change.Created, Link: link)]);
        });
        var largest = links.Where(l => l.Type == LinkType.MemberOf).CountBy(l => l.ToId).MaxBy(c => c.Value);
        Measure($"projection refresh after one write (a member joins the largest consortium, {largest.Value} members)", 10, _ =>
        {
            var member = enterprises[random.Next(enterprises.Count)];
            var link = new Link(LinkId.Of(LinkType.MemberOf, member, largest.Key), LinkType.MemberOf, member, largest.Key, null,
                new DateOnly(2025, 6, 1), null, "bench", PropertyBag.Empty, Stamp, Stamp);
            projection.Apply([new WriteOutcome(link.Id, Change.Created, Link: link)]);
        });

        before = GC.GetTotalMemory(forceFullCollection: true);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var index = MatchmakingIndex.Build(nodes, links, projection, new DateOnly(2026, 12, 31));
        Report("matchmaking index build", $"{clock.Elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU), {(GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0:F0} MB, {index.OrganizationCount:N0} organisations");

        var askedEnterprises = Enumerable.Range(0, 200).Select(_ => enterprises[random.Next(enterprises.Count)]).ToList();
        Measure("recommendPartners for an enterprise (limit 10, with explanations)", askedEnterprises.Count,
            i => index.RecommendPartners(new PartnerQuery(askedEnterprises[i])));
        var challenges = nodes.Where(n => n.Kind == NodeKind.Challenge).Select(n => n.Id).ToList();
        var askedChallenges = Enumerable.Range(0, 200).Select(_ => challenges[random.Next(challenges.Count)]).ToList();
        Measure("recommendPartners for a challenge (limit 10, with explanations)", askedChallenges.Count,
            i => index.RecommendPartners(new PartnerQuery(askedChallenges[i])));
        Report("machine", $"load average {LoadAverage()} at the end; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
    }
}
