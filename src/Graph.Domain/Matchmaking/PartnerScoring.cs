using static KnowledgeGraph.Domain.Matchmaking.IndexedFacts;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>A candidate and its score, with the score's parts when scored in full.</summary>
internal readonly record struct ScoredPartner(int Organization, double Score, ScoreParts? Parts);

/// <summary>Where a partner is, seen from the enterprise: the same city, the same province, or elsewhere.</summary>
internal enum Place { SameCity, SameProvince, Elsewhere }

/// <summary>
/// A candidate's score and its parts (<see cref="ScoreParts"/>): field fit, capability, track record, network proximity
/// and the practical part (place and load), and the ranking that scores few candidates in full.
/// </summary>
internal sealed class PartnerScoring(IndexedFacts facts, CandidateSearch search)
{
    const double SecondaryFieldFactor = 0.8;

    /// <summary>The fit at which a platform, instrument or record counts as in a related field.</summary>
    internal const double RelatedFit = 0.6;

    // Shared large instruments add to capability at half the rate of labs and centres: they serve, they do not research.
    const double InstrumentFactor = 0.5;

    const double BoundSlack = 1e-9;

    // What ProximityOf gives three steps away: no shared partner (those are two steps away at most).
    static readonly double ProximityAtThreeSteps = 0.3 + 0.2 * Math.Log(1);

    /// <summary>Every admitted candidate scored in full, best first (ties by id): the reference ranking, and the evaluation's baselines.</summary>
    internal IEnumerable<ScoredPartner> Rank(PartnerRequest request, MatchmakingIndex.Ranker ranker)
    {
        var scored = new List<ScoredPartner>();
        foreach (var candidate in search.Candidates(request))
        {
            // A partner with no field near the wanted ones is no match, however near or busy it is.
            var fit = FieldFitOf(request.QueryFields, candidate).Fit;
            if (fit <= 0 || !search.Admits(request, candidate)) continue;
            scored.Add(ranker switch
            {
                MatchmakingIndex.Ranker.MostConnected => new ScoredPartner(candidate, facts.Neighbours[candidate].Length, null),
                MatchmakingIndex.Ranker.FieldMatch => new ScoredPartner(candidate, fit, null),
                _ => ScoreOf(request, candidate, fit),
            });
        }
        return scored.OrderByDescending(s => s.Score).ThenBy(s => facts.Ids[s.Organization], StringComparer.Ordinal);
    }

    /// <summary>
    /// The first <paramref name="limit"/> of <see cref="Rank"/> for the recommender, exactly, scoring few candidates in
    /// full: every candidate gets a bound of its score first (its capability and record in any field, its proximity as if
    /// a candidate the two-step search did not reach were three steps away), then candidates are admitted and scored in
    /// the order of their bounds until the next bound is below the last score kept.
    /// </summary>
    internal List<ScoredPartner> Top(PartnerRequest request, int limit)
    {
        var bounded = new List<(int Candidate, double Fit, double Bound)>();
        foreach (var candidate in search.Candidates(request))
        {
            var fit = FieldFitOf(request.QueryFields, candidate).Fit;
            if (fit <= 0) continue;
            var proximity = request.Reach.Contains(candidate) ? ProximityOf(request, candidate) : ProximityAtThreeSteps;
            var p = PartsOf(request, candidate, fit, facts.CapabilityPlatformCounts[candidate], facts.Instruments[candidate].Length, facts.RecordTotals[candidate], proximity);
            bounded.Add((candidate, fit, p.Field + p.Capability + p.TrackRecord + p.Proximity + p.Practical));
        }
        bounded.Sort((a, b) => b.Bound.CompareTo(a.Bound));
        var top = new List<ScoredPartner>(limit + 1);
        foreach (var (candidate, fit, bound) in bounded)
        {
            // The slack covers rounding: a bound is a sum of parts each at least the score's own.
            if (top.Count == limit && bound < top[^1].Score - BoundSlack) break;
            if (!search.Admits(request, candidate)) continue;
            var scored = ScoreOf(request, candidate, fit);
            var at = top.FindIndex(kept => RankOrder(scored, kept) < 0);
            if (at < 0) at = top.Count;
            if (at >= limit) continue;
            top.Insert(at, scored);
            if (top.Count > limit) top.RemoveAt(limit);
        }
        return top;
    }

    /// <summary>Best score first, ties by id.</summary>
    internal int RankOrder(ScoredPartner a, ScoredPartner b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(facts.Ids[a.Organization], facts.Ids[b.Organization]);

    ScoredPartner ScoreOf(PartnerRequest request, int candidate, double fit)
    {
        var (field, capability, record, proximity, practical) = PartsOf(request, candidate, fit,
            CapabilityCountOf(request.QueryFields, candidate), InstrumentsOf(request.QueryFields, candidate).Count,
            RecordOf(request.QueryFields, candidate).Value, ProximityOf(request, candidate));
        var parts = new ScoreParts(field, capability, record, proximity, practical);
        return new ScoredPartner(candidate, parts.Total, parts);
    }

    // The weighted parts of a score (or of its bound), without allocating: the bound is taken of every candidate.
    (double Field, double Capability, double TrackRecord, double Proximity, double Practical) PartsOf(
        PartnerRequest request, int candidate, double fit, int capability, int instruments, double record, double proximity)
    {
        var w = request.Weights;
        return (
            w.Field * fit,
            w.Capability * (Math.Log(1 + capability) + InstrumentFactor * Math.Log(1 + instruments)),
            w.TrackRecord * Math.Log(1 + record),
            w.Proximity * proximity,
            w.Region * PlaceOf(request.Source, candidate).Value - w.Load * Math.Log(1 + facts.CurrentPairings[candidate]));
    }

    /// <summary>The best fit of the wanted fields (the main one fully, others by 0.8) with the candidate's fields and its platforms' fields.</summary>
    internal (double Fit, int Field) FieldFitOf(int[] wanted, int candidate)
    {
        var (best, field) = (0.0, -1);
        for (var i = 0; i < wanted.Length; i++)
        {
            var factor = i == 0 ? 1.0 : SecondaryFieldFactor;
            foreach (var fields in (ReadOnlySpan<int[]>)[facts.OwnFields[candidate], facts.PlatformFields[candidate]])
            {
                foreach (var own in fields)
                {
                    var fit = factor * Fit.Of(wanted[i], own);
                    if (fit > best) (best, field) = (fit, wanted[i]);
                }
            }
        }
        return (best, field);
    }

    /// <summary>The candidate's capability platforms in a field related to a wanted one: the most of any wanted field.</summary>
    internal List<PlatformFact> CapabilityOf(int[] wanted, int candidate)
    {
        var best = new List<PlatformFact>();
        foreach (var field in wanted)
        {
            var found = facts.Platforms[candidate].Where(p => p.Capable && Fit.Of(field, p.Field) >= RelatedFit).ToList();
            if (found.Count > best.Count) best = found;
        }
        return best;
    }

    // The count CapabilityOf finds, without listing the platforms: scoring every candidate needs only the number.
    int CapabilityCountOf(int[] wanted, int candidate)
    {
        var best = 0;
        foreach (var field in wanted)
        {
            var found = 0;
            foreach (var platform in facts.Platforms[candidate])
            {
                if (platform.Capable && Fit.Of(field, platform.Field) >= RelatedFit) found++;
            }
            best = Math.Max(best, found);
        }
        return best;
    }

    /// <summary>The candidate's shared large instruments (000, ≥ 50 万元) in a field related to a wanted one: the most of any wanted field.</summary>
    internal List<InstrumentFact> InstrumentsOf(int[] wanted, int candidate)
    {
        var best = new List<InstrumentFact>();
        if (facts.Instruments[candidate].Length == 0) return best;
        foreach (var field in wanted)
        {
            var found = facts.Instruments[candidate].Where(i => Fit.Of(field, i.Field) >= RelatedFit).ToList();
            if (found.Count > best.Count) best = found;
        }
        return best;
    }

    /// <summary>The candidate's recent record in the wanted field where it is largest, and that field.</summary>
    internal (double Value, int Field) RecordOf(int[] wanted, int candidate)
    {
        var (best, bestField) = (0.0, -1);
        foreach (var field in wanted)
        {
            var value = 0.0;
            foreach (var item in facts.Records[candidate])
            {
                if (Fit.Of(field, item.Field) >= RelatedFit) value += facts.Recency(item.Year);
            }
            if (value > best) (best, bestField) = (value, field);
        }
        return (best, bestField);
    }

    double ProximityOf(PartnerRequest request, int candidate)
    {
        var closeness = search.ReachOf(request, candidate) is { } reached ? reached.Distance <= 2 ? 1.0 : 0.3 : 0;
        return closeness + 0.2 * Math.Log(1 + request.Reach.SharedWith(candidate));
    }

    /// <summary>Whether the two are in the same city or province (by region code), and the practical part's value of it.</summary>
    internal (double Value, Place Place) PlaceOf(int source, int candidate)
    {
        var (a, b) = (source >= 0 ? facts.RegionCodes[source] : null, facts.RegionCodes[candidate]);
        if (a is null || b is null || a.Length < 4 || b.Length < 4 || !a.AsSpan(0, 2).SequenceEqual(b.AsSpan(0, 2))) return (0, Place.Elsewhere);
        var cityKnown = !a.AsSpan(2, 2).SequenceEqual("00") && !b.AsSpan(2, 2).SequenceEqual("00");
        return cityKnown && a.AsSpan(0, 4).SequenceEqual(b.AsSpan(0, 4)) ? (1.0, Place.SameCity) : (0.5, Place.SameProvince);
    }
}
