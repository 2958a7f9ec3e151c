namespace KnowledgeGraph.Domain.Synthetic;

/// <summary>
/// Draws items with probability proportional to their weights in constant time (Walker's alias method, Vose's
/// construction): a country preset draws millions of times from half a million enterprises, where a binary search
/// over cumulative weights would miss the cache at every step.
/// </summary>
internal sealed class WeightedSampler
{
    readonly int[] _items;
    readonly double[] _threshold;
    readonly int[] _alias;

    /// <summary>A sampler over items 0..weights.Count-1.</summary>
    public WeightedSampler(IReadOnlyList<double> weights) : this(Enumerable.Range(0, weights.Count).ToArray(), weights) { }

    /// <summary>A sampler over the given items, with one weight each (at least one positive).</summary>
    public WeightedSampler(int[] items, IReadOnlyList<double> weights)
    {
        _items = items;
        var n = items.Length;
        _threshold = new double[n];
        _alias = new int[n];
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
            _threshold[less] = scaled[less];
            _alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            (scaled[more] < 1 ? small : large).Push(more);
        }
        while (large.Count > 0) _threshold[large.Pop()] = 1;
        // Left over from rounding: as good as 1.
        while (small.Count > 0) _threshold[small.Pop()] = 1;
    }

    /// <summary>How many items it draws from.</summary>
    public int Count => _items.Length;

    /// <summary>One item, with probability proportional to its weight.</summary>
    public int Sample(ref SyntheticRandom random)
    {
        var column = random.Next(_items.Length);
        return _items[random.NextDouble() < _threshold[column] ? column : _alias[column]];
    }
}
