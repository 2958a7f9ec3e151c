namespace KnowledgeGraph.Domain.Synthetic;

/// <summary>Draws indices with probability proportional to their weights (cumulative sums, binary search).</summary>
internal sealed class WeightedSampler
{
    readonly int[] _items;
    readonly double[] _cumulative;

    /// <summary>A sampler over items 0..weights.Count-1.</summary>
    public WeightedSampler(IReadOnlyList<double> weights) : this(Enumerable.Range(0, weights.Count).ToArray(), weights) { }

    /// <summary>A sampler over the given items, with one weight each.</summary>
    public WeightedSampler(int[] items, IReadOnlyList<double> weights)
    {
        _items = items;
        _cumulative = new double[items.Length];
        var sum = 0.0;
        for (var i = 0; i < items.Length; i++)
        {
            sum += weights[i];
            _cumulative[i] = sum;
        }
    }

    /// <summary>Whether there is nothing to draw.</summary>
    public bool IsEmpty => _items.Length == 0 || _cumulative[^1] <= 0;

    /// <summary>How many items it draws from.</summary>
    public int Count => _items.Length;

    /// <summary>One item, with probability proportional to its weight.</summary>
    public int Sample(ref SyntheticRandom random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        if (index < 0) index = ~index;
        return _items[Math.Min(index, _items.Length - 1)];
    }

    /// <summary>One item, uniformly.</summary>
    public int Uniform(ref SyntheticRandom random) => _items[random.Next(_items.Length)];
}
