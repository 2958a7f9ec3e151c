namespace KnowledgeGraph.Synthetic;

/// <summary>
/// Draws items with probability proportional to their weights in constant time (Walker's alias method, Vose's
/// construction): a country preset draws millions of times from half a million enterprises, where a binary search
/// over cumulative weights would miss the cache at every step.
/// </summary>
internal sealed class WeightedSampler
{
    // Null when the items are 0..n-1. A column's threshold and alias lie side by side: one cache miss per draw, not two.
    readonly int[]? _items;
    readonly Column[] _columns;

    readonly record struct Column(double Threshold, int Alias);

    /// <summary>A sampler over items 0..weights.Count-1.</summary>
    public WeightedSampler(IReadOnlyList<double> weights) : this(null, weights.Count, weights) { }

    /// <summary>A sampler over the given items, with one weight each (at least one positive).</summary>
    public WeightedSampler(int[] items, IReadOnlyList<double> weights) : this(items, items.Length, weights) { }

    WeightedSampler(int[]? items, int n, IReadOnlyList<double> weights)
    {
        _items = items;
        var threshold = new double[n];
        var alias = new int[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += weights[i];
        if (n == 0 || sum <= 0) throw new ArgumentException("needs at least one positive weight", nameof(weights));

        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / sum;
            (scaled[i] < 1 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            var less = small.Pop();
            var more = large.Pop();
            threshold[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            (scaled[more] < 1 ? small : large).Push(more);
        }
        while (large.Count > 0) threshold[large.Pop()] = 1;
        // Left over from rounding: as good as 1.
        while (small.Count > 0) threshold[small.Pop()] = 1;
        _columns = new Column[n];
        for (var i = 0; i < n; i++) _columns[i] = new Column(threshold[i], alias[i]);
    }

    /// <summary>How many items it draws from.</summary>
    public int Count => _columns.Length;

    /// <summary>One item, with probability proportional to its weight.</summary>
    public int Sample(ref SyntheticRandom random)
    {
        var column = random.Next(_columns.Length);
        var (threshold, alias) = _columns[column];
        var index = random.NextDouble() < threshold ? column : alias;
        return _items is null ? index : _items[index];
    }
}
