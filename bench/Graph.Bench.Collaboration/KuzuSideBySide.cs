using System.Diagnostics;
using System.Globalization;
using System.Text;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Synthetic;
using static KnowledgeGraph.Bench.Collaboration.Timing;

namespace KnowledgeGraph.Bench.Collaboration;

/// <summary>
/// Our side of the comparison with Kuzu (bench/kuzu): the collaboration ties of a generated preset as CSV files for
/// Kuzu to load, the 200 start organisations (the top 100 by degree and 100 others drawn with a fixed seed), and, for
/// each start, the number of distinct collaborators within depth 1 and 2 that the projection finds
/// (<see cref="CollaborationProjection.CollaboratorCount"/>, what <c>collaborators { totalCount }</c> answers) with the
/// time it took. bench/kuzu/compare.mjs then asks Kuzu the same and asserts equal counts.
/// </summary>
internal static class KuzuSideBySide
{
    const int Hubs = 100, Drawn = 100, Seed = 42, WarmUpPasses = 3;

    public static void Run(string presetName, ulong seed, string directory)
    {
        var preset = PresetBench.Find(presetName);
        Directory.CreateDirectory(directory);
        Report("machine", $"{Environment.ProcessorCount} cores, load average {LoadAverage()} at start");
        var (projection, organisations) = Build(preset, seed);
        using var _ = projection;
        var ties = projection.AllTies();
        Report("graph", $"{preset.Name} seed {seed}: {organisations.Count:N0} organisations, {ties.Count:N0} ties");
        WriteCsv(Path.Combine(directory, "organisations.csv"), "id", organisations.Select(Quote));
        WriteCsv(Path.Combine(directory, "ties.csv"), "from,to", ties.Select(t => $"{Quote(t.SourceId)},{Quote(t.TargetId)}"));
        // The service holds the projection, not the generated nodes, links and tie list: with them gone before timing, a
        // collection during a timed call walks no more than the service's would.
        ties = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var hubs = projection.Rank(new NetworkQuery(), RankingMetric.Degree, top: Hubs).Top.Select(r => r.OrganizationId).ToList();
        var random = new Random(Seed);
        var drawn = new List<string>();
        while (drawn.Count < Drawn)
        {
            var id = organisations[random.Next(organisations.Count)];
            if (!hubs.Contains(id) && !drawn.Contains(id)) drawn.Add(id);
        }
        var starts = hubs.Select(id => (Id: id, Group: "hub")).Concat(drawn.Select(id => (Id: id, Group: "random"))).ToList();

        var rows = new List<string>();
        foreach (var depth in new[] { 1, 2 })
        {
            // Passes to warm up (the JIT's tiers here, Kuzu's buffer pool there), as many as the Kuzu side runs, then the timed pass.
            for (var pass = 0; pass < WarmUpPasses; pass++)
                foreach (var (id, _) in starts) projection.CollaboratorCount(id, depth);
            var times = new List<double>(starts.Count);
            foreach (var (id, group) in starts)
            {
                var watch = Stopwatch.StartNew();
                var count = projection.CollaboratorCount(id, depth);
                var ms = watch.Elapsed.TotalMilliseconds;
                times.Add(ms);
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"{Quote(id)},{group},{depth},{count},{ms:F4}"));
            }
            times.Sort();
            Report($"collaboration projection, distinct collaborators within depth {depth} ({starts.Count} starts)",
                $"p50 {Percentile(times, 0.5):F3} ms, p99 {Percentile(times, 0.99):F3} ms, max {times[^1]:F3} ms");
        }
        WriteCsv(Path.Combine(directory, "projection.csv"), "id,group,depth,count,ms", rows);
        Report("written", $"organisations.csv, ties.csv, projection.csv in {directory}");
    }

    static (CollaborationProjection Projection, List<string> Organisations) Build(SyntheticPreset preset, ulong seed)
    {
        var (nodes, links) = PresetBench.Generate(preset, seed);
        return (CollaborationProjection.Build(nodes, links, new HomeProvince(preset.HomeProvince)),
            nodes.Where(n => GraphCatalog.OrganizationKinds.Contains(n.Kind)).Select(n => n.Id).ToList());
    }

    static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static void WriteCsv(string path, string header, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.WriteLine(header);
        foreach (var line in lines) writer.WriteLine(line);
    }
}
