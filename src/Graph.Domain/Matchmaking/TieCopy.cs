using KnowledgeGraph.Domain.Collaboration;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// The collaboration ties of the <see cref="CollaborationProjection"/>, copied into the <see cref="IndexedFacts"/> as
/// per-organisation arrays of partners (in id order) and weights: all of them from a projection not seen before, then
/// only those of the organisations the projection re-derived since, and of those created or deleted since and their
/// partners (before and after).
/// </summary>
internal sealed class TieCopy(IndexedFacts facts)
{
    // The projection the ties were taken from, how far into its log of re-derived organisations, and the organisations
    // created or deleted since, whose partners' ties must be taken again.
    CollaborationProjection? _source;
    long _position;
    readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    /// <summary>Whether the ties are those of this projection as it is now.</summary>
    internal bool IsCurrent(CollaborationProjection projection) =>
        ReferenceEquals(projection, _source) && projection.TieLogPosition == _position && _pending.Count == 0;

    /// <summary>An organisation created or deleted: its ties, and its partners', are taken again next time.</summary>
    internal void Pending(string id) => _pending.Add(id);

    /// <summary>The ties that changed since the last time, or all of them from a projection not seen before.</summary>
    internal void Take(CollaborationProjection projection)
    {
        (IReadOnlyList<string>? changed, long position) = ReferenceEquals(projection, _source) ? projection.TiesChangedSince(_position) : (null, 0);
        if (changed is null)
        {
            TakeAll(projection);
            return;
        }
        var refresh = new HashSet<string>(changed, StringComparer.Ordinal);
        foreach (var id in _pending)
        {
            refresh.Add(id);
            if (facts.Slots.TryGetValue(id, out var org)) refresh.UnionWith(facts.Neighbours[org].Select(other => facts.Ids[other]));
        }
        foreach (var (_, ties) in projection.TiesOf(_pending))
        {
            foreach (var tie in ties) refresh.UnionWith([tie.SourceId, tie.TargetId]);
        }
        var taken = projection.TiesOf(refresh);
        foreach (var id in refresh)
        {
            if (!facts.Slots.TryGetValue(id, out var org)) continue;
            var ties = new List<(int Other, float Weight)>();
            foreach (var tie in taken.GetValueOrDefault(id) ?? [])
            {
                var other = facts.IndexOf(tie.SourceId == id ? tie.TargetId : tie.SourceId);
                if (other >= 0) ties.Add((other, (float)tie.Weight));
            }
            if (!facts.Alive[org]) ties.Clear();
            ties.Sort((a, b) => facts.ById(a.Other, b.Other));
            facts.Neighbours[org] = ties.Select(t => t.Other).ToArray();
            facts.TieWeights[org] = ties.Select(t => t.Weight).ToArray();
        }
        _position = position;
        _pending.Clear();
    }

    // Every organisation's ties, in two passes over them: the first counts each organisation's ties, the second fills
    // arrays of exactly that size, so no second copy of the ties is made on the way.
    void TakeAll(CollaborationProjection projection)
    {
        var position = projection.TieLogPosition;
        var counts = new int[facts.Count];
        projection.VisitTies((source, target, _) =>
        {
            if (facts.IndexOf(source) is not (var a and >= 0) || facts.IndexOf(target) is not (var b and >= 0)) return;
            counts[a]++;
            counts[b]++;
        });
        for (var org = 0; org < counts.Length; org++)
        {
            facts.Neighbours[org] = counts[org] == 0 ? [] : new int[counts[org]];
            facts.TieWeights[org] = counts[org] == 0 ? [] : new float[counts[org]];
        }
        Array.Clear(counts);
        projection.VisitTies((source, target, weight) =>
        {
            if (facts.IndexOf(source) is not (var a and >= 0) || facts.IndexOf(target) is not (var b and >= 0)) return;
            Add(a, b, (float)weight);
            Add(b, a, (float)weight);
        });
        void Add(int org, int other, float weight)
        {
            var at = counts[org]++;
            facts.Neighbours[org][at] = other;
            facts.TieWeights[org][at] = weight;
        }
        var byId = Comparer<int>.Create(facts.ById);
        for (var org = 0; org < counts.Length; org++) Array.Sort(facts.Neighbours[org], facts.TieWeights[org], byId);
        (_source, _position) = (projection, position);
        _pending.Clear();
    }
}
