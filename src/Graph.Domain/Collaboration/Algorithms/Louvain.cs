namespace KnowledgeGraph.Domain.Collaboration.Algorithms;

/// <summary>A partition of a graph's nodes into communities (0-based labels, largest community first) and its modularity.</summary>
public sealed record Partition(int[] CommunityOf, int Count, double Modularity);

/// <summary>
/// Louvain community detection (Blondel et al., J. Stat. Mech. 2008, P10008): move single nodes to the neighbouring
/// community with the best modularity gain until none improves, then merge each community into one node and repeat.
/// Nodes are visited in an order shuffled by <c>seed</c>, so a run is reproducible.
/// </summary>
public static class Louvain
{
    /// <summary>The Louvain partition of a weighted graph at resolution 1.</summary>
    public static Partition Detect(WeightedGraph graph, int seed = 42)
    {
        var n = graph.NodeCount;
        var membership = Enumerable.Range(0, n).ToArray();
        var level = graph;
        var random = new Random(seed);
        while (true)
        {
            var (moved, local) = OneLevel(level, random);
            var count = Relabel(local);
            for (var i = 0; i < n; i++) membership[i] = local[membership[i]];
            if (!moved || count == level.NodeCount) break;
            level = Aggregate(level, local, count);
        }
        var communities = Relabel(membership, bySize: true);
        return new Partition(membership, communities, Modularity(graph, membership));
    }

    /// <summary>Newman–Girvan modularity Q = Σ_c [L_c / m − (d_c / 2m)²] of a partition of a weighted graph.</summary>
    public static double Modularity(WeightedGraph graph, IReadOnlyList<int> communityOf)
    {
        double twoM = 0;
        var inside = new Dictionary<int, double>();
        var degree = new Dictionary<int, double>();
        for (var i = 0; i < graph.NodeCount; i++)
        {
            var c = communityOf[i];
            for (var e = graph.Offsets[i]; e < graph.Offsets[i + 1]; e++)
            {
                var w = graph.Weights[e];
                twoM += w;
                degree[c] = degree.GetValueOrDefault(c) + w;
                if (communityOf[graph.Targets[e]] == c) inside[c] = inside.GetValueOrDefault(c) + w;
            }
        }
        if (twoM == 0) return 0;
        return degree.Keys.Sum(c => inside.GetValueOrDefault(c) / twoM - Math.Pow(degree[c] / twoM, 2));
    }

    static (bool Moved, int[] Community) OneLevel(WeightedGraph graph, Random random)
    {
        var n = graph.NodeCount;
        var community = Enumerable.Range(0, n).ToArray();
        var strength = new double[n];
        var total = new double[n];
        double twoM = 0;
        for (var i = 0; i < n; i++)
        {
            strength[i] = graph.Strength(i);
            total[i] = strength[i];
            twoM += strength[i];
        }
        if (twoM == 0) return (false, community);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var linksTo = new double[n];
        var touched = new List<int>();
        var movedAny = false;
        bool improved;
        do
        {
            improved = false;
            foreach (var node in order)
            {
                var own = community[node];
                touched.Clear();
                for (var e = graph.Offsets[node]; e < graph.Offsets[node + 1]; e++)
                {
                    var neighbour = graph.Targets[e];
                    if (neighbour == node) continue;
                    var c = community[neighbour];
                    if (linksTo[c] == 0) touched.Add(c);
                    linksTo[c] += graph.Weights[e];
                }
                total[own] -= strength[node];
                var best = own;
                var bestGain = linksTo[own] - total[own] * strength[node] / twoM;
                foreach (var c in touched)
                {
                    var gain = linksTo[c] - total[c] * strength[node] / twoM;
                    if (gain > bestGain + 1e-12)
                    {
                        best = c;
                        bestGain = gain;
                    }
                }
                total[best] += strength[node];
                foreach (var c in touched) linksTo[c] = 0;
                linksTo[own] = 0;
                if (best != own)
                {
                    community[node] = best;
                    improved = true;
                    movedAny = true;
                }
            }
        }
        while (improved);
        return (movedAny, community);
    }

    static WeightedGraph Aggregate(WeightedGraph graph, int[] community, int count)
    {
        var edges = new List<(int, int, double)>();
        for (var i = 0; i < graph.NodeCount; i++)
        {
            for (var e = graph.Offsets[i]; e < graph.Offsets[i + 1]; e++)
            {
                var j = graph.Targets[e];
                if (j < i) continue;
                // A loop's single entry already counts its weight twice; halve it so the merged loop is not doubled again.
                edges.Add((community[i], community[j], j == i ? graph.Weights[e] / 2 : graph.Weights[e]));
            }
        }
        return WeightedGraph.FromEdges(count, edges, keepLoops: true);
    }

    static int Relabel(int[] labels, bool bySize = false)
    {
        var order = bySize
            ? labels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => Array.IndexOf(labels, g.Key)).Select(g => g.Key).ToList()
            : labels.Distinct().ToList();
        var map = new Dictionary<int, int>();
        foreach (var label in order) map[label] = map.Count;
        for (var i = 0; i < labels.Length; i++) labels[i] = map[labels[i]];
        return map.Count;
    }
}
