namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// How well two fields of the taxonomy (<see cref="TechnologyFields"/>) fit, as a table over field indices: 1 the same field, 0.6
/// a broader or narrower one, 0.4 a sibling, 0.2 the same top-level field, else 0. Matchmaking scores partners by it,
/// and the synthetic-data generator plants its partner choices with it.
/// </summary>
public sealed class FieldFit
{
    /// <summary>The fit from which two fields count as related: the same field, or one broader or narrower.</summary>
    public const double RelatedFit = 0.6;

    readonly double[] _fit;

    public FieldFit(IReadOnlyList<TechnologyField> fields)
    {
        Count = fields.Count;
        _fit = new double[Count * Count];
        var roots = fields.Select(f => TechnologyFields.Chain(f.Code)[^1].Code).ToArray();
        var related = new List<int>[Count];
        for (var f = 0; f < Count; f++)
        {
            related[f] = [];
            for (var g = 0; g < Count; g++)
            {
                var fit =
                    f == g ? 1.0
                    : TechnologyFields.IsWithin(fields[f].Code, fields[g].Code) || TechnologyFields.IsWithin(fields[g].Code, fields[f].Code) ? 0.6
                    : fields[f].ParentCode is not null && fields[f].ParentCode == fields[g].ParentCode ? 0.4
                    : roots[f] == roots[g] ? 0.2
                    : 0.0;
                _fit[f * Count + g] = fit;
                if (fit >= RelatedFit) related[f].Add(g);
            }
        }
        Related = related.Select(r => r.ToArray()).ToArray();
    }

    /// <summary>The number of fields.</summary>
    public int Count { get; }

    /// <summary>For each field, the fields related to it (fit ≥ 0.6), itself included.</summary>
    public int[][] Related { get; }

    /// <summary>The fit of two fields.</summary>
    public double Of(int f, int g) => _fit[f * Count + g];

    /// <summary>The best fit of a field with any of a list of fields.</summary>
    public double Best(int f, byte[] fields)
    {
        var best = 0.0;
        foreach (var g in fields) best = Math.Max(best, _fit[f * Count + g]);
        return best;
    }
}
