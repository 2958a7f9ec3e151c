namespace KnowledgeGraph.Domain.Collaboration.Algorithms;

/// <summary>
/// An undirected weighted graph in compressed sparse rows: node i's neighbours are
/// <c>Targets[Offsets[i]..Offsets[i + 1]]</c>, sorted, with the same-index <c>Weights</c>. The algorithms run on it.
/// </summary>
public sealed class WeightedGraph
{
    WeightedGraph(int nodeCount, int[] offsets, int[] targets, double[] weights)
    {
        NodeCount = nodeCount;
        Offsets = offsets;
        Targets = targets;
        Weights = weights;
    }

    /// <summary>The number of nodes, numbered 0..NodeCount − 1.</summary>
    public int NodeCount { get; }

    /// <summary>Where each node's neighbours start in <see cref="Targets"/>; NodeCount + 1 entries.</summary>
    public int[] Offsets { get; }

    /// <summary>The neighbours of every node, each node's sorted ascending.</summary>
    public int[] Targets { get; }

    /// <summary>The weight of each entry of <see cref="Targets"/>.</summary>
    public double[] Weights { get; }

    /// <summary>The number of undirected edges (a graph built without loops).</summary>
    public int EdgeCount => Targets.Length / 2;

    /// <summary>The number of neighbours of a node.</summary>
    public int Degree(int node) => Offsets[node + 1] - Offsets[node];

    /// <summary>The sum of a node's edge weights.</summary>
    public double Strength(int node)
    {
        double sum = 0;
        for (var i = Offsets[node]; i < Offsets[node + 1]; i++) sum += Weights[i];
        return sum;
    }

    /// <summary>The weight of the edge between two nodes, or 0.</summary>
    public double WeightBetween(int node, int other)
    {
        var index = Array.BinarySearch(Targets, Offsets[node], Degree(node), other);
        return index >= 0 ? Weights[index] : 0;
    }

    /// <summary>
    /// The graph of rows already in compressed form: each node's neighbours sorted, each edge listed from both ends with
    /// the same weight. No copying and no merging: for large selections built straight from the projection.
    /// </summary>
    public static WeightedGraph FromRows(int[] offsets, int[] targets, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        if (offsets.Length == 0 || offsets[^1] != targets.Length || weights.Length != targets.Length)
            throw new ArgumentException("offsets must end at the number of targets, one weight per target", nameof(offsets));
        return new WeightedGraph(offsets.Length - 1, offsets, targets, weights);
    }

    /// <summary>
    /// The graph of these undirected edges over nodes 0..nodeCount − 1. An edge listed twice (either way round) keeps
    /// one entry with the weights summed. Self-loops are dropped unless <paramref name="keepLoops"/>; a kept loop is one
    /// entry of twice its weight, so a node's strength counts it at both ends as modularity does.
    /// </summary>
    public static WeightedGraph FromEdges(int nodeCount, IEnumerable<(int A, int B, double Weight)> edges, bool keepLoops = false)
    {
        var merged = new Dictionary<(int, int), double>();
        foreach (var (a, b, weight) in edges)
        {
            if (a == b && !keepLoops) continue;
            ArgumentOutOfRangeException.ThrowIfNegative(Math.Min(a, b));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Math.Max(a, b), nodeCount);
            var key = a < b ? (a, b) : (b, a);
            merged[key] = merged.GetValueOrDefault(key) + weight;
        }
        var offsets = new int[nodeCount + 1];
        foreach (var ((a, b), _) in merged)
        {
            offsets[a + 1]++;
            if (b != a) offsets[b + 1]++;
        }
        for (var i = 0; i < nodeCount; i++) offsets[i + 1] += offsets[i];
        var targets = new int[offsets[nodeCount]];
        var weights = new double[targets.Length];
        var fill = offsets[..^1].ToArray();
        foreach (var ((a, b), weight) in merged)
        {
            if (a == b)
            {
                targets[fill[a]] = a;
                weights[fill[a]++] = 2 * weight;
                continue;
            }
            targets[fill[a]] = b;
            weights[fill[a]++] = weight;
            targets[fill[b]] = a;
            weights[fill[b]++] = weight;
        }
        for (var i = 0; i < nodeCount; i++)
            Array.Sort(targets, weights, offsets[i], offsets[i + 1] - offsets[i]);
        return new WeightedGraph(nodeCount, offsets, targets, weights);
    }
}
