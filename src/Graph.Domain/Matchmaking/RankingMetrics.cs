namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>Quality of a ranked list against the set of items that should be in it (binary relevance).</summary>
public static class RankingMetrics
{
    /// <summary>1 when any relevant item is among the first <paramref name="k"/>, else 0.</summary>
    public static double HitAt(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        return ranked.Take(k).Any(relevant.Contains) ? 1 : 0;
    }

    /// <summary>
    /// Normalized discounted cumulative gain at k: Σ over relevant items at rank i ≤ k of 1 / log2(i + 1), divided by the
    /// same sum for an ideal list (all relevant items first). 0 when nothing is relevant.
    /// </summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count == 0) return 0;
        var gain = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i])) gain += 1 / Math.Log2(i + 2);
        }
        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++) ideal += 1 / Math.Log2(i + 2);
        return gain / ideal;
    }

    /// <summary>The value at a percentile (0–100) of a list of measurements, by the nearest-rank method.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
