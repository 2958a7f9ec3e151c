namespace KnowledgeGraph.Domain.Collaboration.Algorithms;

/// <summary>Betweenness scores and, when estimated from sampled sources, the error bound that holds with 95 % probability.</summary>
public sealed record BetweennessResult(double[] Scores, bool Exact, int Samples, double ErrorBound);

/// <summary>
/// Centrality measures over a <see cref="WeightedGraph"/>, defined as NetworkX defines them so results can be checked
/// against its published values: <c>nx.pagerank</c>, <c>nx.betweenness_centrality(normalized=True)</c>, <c>nx.constraint</c>.
/// </summary>
public static class Centrality
{
    /// <summary>
    /// PageRank with damping <paramref name="alpha"/>, uniform teleport, and dangling nodes' rank spread uniformly
    /// (as <c>nx.pagerank</c>); edge weights used when <paramref name="weighted"/>. Stops as NetworkX does: when the L1
    /// change of an iteration is below n × <paramref name="tolerance"/>.
    /// </summary>
    public static double[] PageRank(WeightedGraph graph, double alpha = 0.85, bool weighted = true, double tolerance = 1e-6, int maxIterations = 100)
    {
        var n = graph.NodeCount;
        if (n == 0) return [];
        var strength = new double[n];
        for (var i = 0; i < n; i++) strength[i] = weighted ? graph.Strength(i) : graph.Degree(i);
        var rank = new double[n];
        var next = new double[n];
        Array.Fill(rank, 1.0 / n);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            double dangling = 0;
            for (var i = 0; i < n; i++)
            {
                if (strength[i] == 0) dangling += rank[i];
            }
            var teleport = (1 - alpha + alpha * dangling) / n;
            Array.Fill(next, teleport);
            for (var i = 0; i < n; i++)
            {
                if (strength[i] == 0) continue;
                var share = alpha * rank[i] / strength[i];
                for (var e = graph.Offsets[i]; e < graph.Offsets[i + 1]; e++)
                    next[graph.Targets[e]] += share * (weighted ? graph.Weights[e] : 1);
            }
            double change = 0;
            for (var i = 0; i < n; i++) change += Math.Abs(next[i] - rank[i]);
            (rank, next) = (next, rank);
            if (change < n * tolerance) break;
        }
        return rank;
    }

    /// <summary>
    /// Normalized shortest-path betweenness (hops, unweighted), by Brandes' algorithm (J. Math. Sociol. 25, 2001):
    /// exact from every source when the graph has at most <paramref name="exactUpTo"/> nodes, else estimated from
    /// <paramref name="samples"/> random sources (Brandes &amp; Pich 2007) with a stated error bound.
    /// </summary>
    public static BetweennessResult Betweenness(WeightedGraph graph, int exactUpTo = 2000, int samples = 500, int seed = 17)
    {
        var n = graph.NodeCount;
        var scores = new double[n];
        if (n <= 2) return new BetweennessResult(scores, true, n, 0);
        int[] sources;
        var exact = n <= exactUpTo || samples >= n;
        if (exact)
        {
            sources = Enumerable.Range(0, n).ToArray();
        }
        else
        {
            var order = Enumerable.Range(0, n).ToArray();
            new Random(seed).Shuffle(order);
            sources = order[..samples];
        }

        var stack = new int[n];
        var queue = new int[n];
        var sigma = new double[n];
        var distance = new int[n];
        var delta = new double[n];
        foreach (var source in sources)
        {
            Array.Fill(distance, -1);
            Array.Clear(sigma);
            Array.Clear(delta);
            int head = 0, tail = 0, top = 0;
            sigma[source] = 1;
            distance[source] = 0;
            queue[tail++] = source;
            while (head < tail)
            {
                var v = queue[head++];
                stack[top++] = v;
                for (var e = graph.Offsets[v]; e < graph.Offsets[v + 1]; e++)
                {
                    var w = graph.Targets[e];
                    if (distance[w] < 0)
                    {
                        distance[w] = distance[v] + 1;
                        queue[tail++] = w;
                    }
                    if (distance[w] == distance[v] + 1) sigma[w] += sigma[v];
                }
            }
            while (top > 0)
            {
                var w = stack[--top];
                for (var e = graph.Offsets[w]; e < graph.Offsets[w + 1]; e++)
                {
                    var v = graph.Targets[e];
                    if (distance[v] == distance[w] - 1) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                }
                if (w != source) scores[w] += delta[w];
            }
        }

        // Each unordered pair is counted from both ends; normalized as NetworkX does: 1 / ((n − 1)(n − 2)), scaled by n / k when sampled.
        var scale = 1.0 / ((n - 1.0) * (n - 2.0)) * n / sources.Length;
        for (var i = 0; i < n; i++) scores[i] *= scale;
        // Per sampled source, δ_s(v) / (n − 2) lies in [0, 1]; Hoeffding with a union bound over n nodes at 95 %.
        var bound = exact ? 0 : Math.Sqrt(Math.Log(2.0 * n / 0.05) / (2.0 * sources.Length)) * n / (n - 1.0);
        return new BetweennessResult(scores, exact, sources.Length, bound);
    }

    /// <summary>
    /// Burt's constraint (Structural Holes, 1992), as <c>nx.constraint</c>: c(i) = Σ_j (p_ij + Σ_q p_iq p_qj)² over i's
    /// neighbours j, with p_ij = w_ij / Σ_k w_ik. Low constraint marks a broker spanning structural holes; an isolated
    /// node gets NaN.
    /// </summary>
    public static double[] Constraint(WeightedGraph graph)
    {
        var n = graph.NodeCount;
        var strength = new double[n];
        for (var i = 0; i < n; i++) strength[i] = graph.Strength(i);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (graph.Degree(i) == 0)
            {
                result[i] = double.NaN;
                continue;
            }
            double total = 0;
            for (var e = graph.Offsets[i]; e < graph.Offsets[i + 1]; e++)
            {
                var j = graph.Targets[e];
                var direct = graph.Weights[e] / strength[i];
                double indirect = 0;
                for (var f = graph.Offsets[i]; f < graph.Offsets[i + 1]; f++)
                {
                    var q = graph.Targets[f];
                    if (q == j) continue;
                    var qj = graph.WeightBetween(q, j);
                    if (qj > 0) indirect += graph.Weights[f] / strength[i] * (qj / strength[q]);
                }
                total += (direct + indirect) * (direct + indirect);
            }
            result[i] = total;
        }
        return result;
    }
}
