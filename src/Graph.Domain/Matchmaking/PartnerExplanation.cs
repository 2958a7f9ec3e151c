using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using static KnowledgeGraph.Domain.Matchmaking.IndexedFacts;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// A recommendation as answered: its evidence, its explanation (one list of <see cref="Clause"/>s, said in Chinese and
/// in English), and who could introduce the two — organisations collaborating with both, and tech commissioners.
/// </summary>
internal sealed class PartnerExplanation(IndexedFacts facts, HeldGraph held, CandidateSearch search, PartnerScoring scoring, PublicFactsPartners publicFacts)
{
    internal PartnerRecommendation Describe(PartnerRequest request, ScoredPartner scored, int rank)
    {
        var candidate = scored.Organization;
        var (fit, fitField) = scoring.FieldFitOf(request.QueryFields, candidate);
        var platforms = scoring.CapabilityOf(request.QueryFields, candidate);
        var (_, recordField) = scoring.RecordOf(request.QueryFields, candidate);
        var events = recordField < 0 ? [] : facts.Records[candidate].Where(e => Fit.Of(recordField, e.Field) >= PartnerScoring.RelatedFit).ToList();
        var record = new TrackRecordSummary(
            recordField < 0 ? null : TechnologyFields.All[recordField].Code,
            events.Where(e => e.Kind == RecordKind.Challenge).Select(e => e.Year).OrderDescending().ToList(),
            events.Count(e => e.Kind == RecordKind.Project),
            events.Count(e => e.Kind == RecordKind.Contract),
            events.Count(e => e.Kind == RecordKind.Pairing));
        var proximity = search.ReachOf(request, candidate) is { } reached
            ? new NetworkProximity(reached.Distance, reached.Through >= 0 ? facts.Ids[reached.Through] : null, reached.ThroughGroup, request.Reach.SharedWith(candidate))
            : new NetworkProximity(null, null, false, 0);
        var place = scoring.PlaceOf(request.Source, candidate).Place;
        var evidence = new PartnerEvidence(
            fitField < 0 ? null : TechnologyFields.All[fitField].Code, Math.Round(fit, 4),
            platforms.Select(p => new CapabilityPlatform(p.Id, p.Name, p.Type, TechnologyFields.All[p.Field].Code)).ToList(),
            record, proximity, place.ToString(), facts.CurrentPairings[candidate])
        {
            Instruments = scoring.InstrumentsOf(request.QueryFields, candidate)
                .Select(i => new CapabilityInstrument(i.Id, i.Name, i.Value, TechnologyFields.All[i.Field].Code)).ToList(),
        };
        var parts = scored.Parts!;
        // Only a partner with no field near the wanted ones is here on public facts (PublicFactsPartners).
        var weak = fit <= 0;
        var clauses = weak ? WeakClauses(candidate, place) : Clauses(request, candidate, evidence, place);
        return new PartnerRecommendation(
            rank, facts.Ids[candidate], Math.Round(scored.Score, 4),
            new ScoreParts(Math.Round(parts.FieldFit, 4), Math.Round(parts.Capability, 4), Math.Round(parts.TrackRecord, 4), Math.Round(parts.Proximity, 4), Math.Round(parts.Practical, 4), Math.Round(parts.PublicFacts, 4)),
            evidence, Clause.Zh(clauses, weak), Clause.En(clauses, weak),
            request.Source >= 0 ? Introducers(request.Source, candidate) : [], weak)
        {
            CommissionerIds = request.Source >= 0 ? Commissioners(request.Source, candidate) : [],
        };
    }

    // What an evidenced recommendation says, in order: field, capability, instruments, record, reach, shared partners,
    // place, load.
    List<Clause> Clauses(PartnerRequest request, int candidate, PartnerEvidence e, Place place)
    {
        var clauses = new List<Clause> { new FieldClause(facts.Names[candidate], e.FieldCode, e.FieldFit) };
        if (e.Capability.Count > 0) clauses.Add(new CapabilityClause(e.Capability));
        if (e.Instruments.Count > 0) clauses.Add(new InstrumentsClause(e.Instruments));
        var r = e.TrackRecord;
        if (r.ChallengeYears.Count > 0 || r.Projects > 0 || r.Contracts > 0 || r.Pairings > 0) clauses.Add(new RecordClause(r));
        var p = e.Proximity;
        var source = request.Source >= 0 ? facts.Names[request.Source] : "";
        if (p.ThroughGroup || p.Distance is not null) clauses.Add(new ReachClause(p, source, NameOf(p.ThroughId)));
        if (p.SharedPartners > 0) clauses.Add(new SharedPartnersClause(p.SharedPartners));
        if (place != Place.Elsewhere) clauses.Add(new PlaceClause(place == Place.SameCity));
        if (e.CurrentPairings > 0) clauses.Add(new LoadClause(e.CurrentPairings));
        return clauses;
    }

    // What a recommendation on public facts alone says: that, and the place.
    List<Clause> WeakClauses(int candidate, Place place)
    {
        var clauses = new List<Clause> { new PublicFactsClause(facts.Names[candidate], publicFacts.FactsOf(candidate)) };
        if (place != Place.Elsewhere) clauses.Add(new PlaceClause(place == Place.SameCity));
        return clauses;
    }

    string NameOf(string? id) => id is not null && facts.IndexOf(id) is var i and >= 0 ? facts.Names[i] : id ?? "";

    /// <summary>
    /// Tech commissioners who could introduce a partner: serving the enterprise, or employed by the partner and serving
    /// some enterprise, on the index's day; those doing both first, then by id.
    /// </summary>
    internal IReadOnlyList<string> Commissioners(int source, int candidate)
    {
        var asOf = facts.AsOf;
        var (sourceId, candidateId) = (facts.Ids[source], facts.Ids[candidate]);
        var serving = held.LinksAt(sourceId).Where(l => l.Type == LinkType.CommissionedTo && l.ToId == sourceId && l.InForceOn(asOf))
            .Select(l => l.FromId).ToHashSet(StringComparer.Ordinal);
        var employed = held.LinksAt(candidateId).Where(l => l.Type == LinkType.EmployedBy && l.ToId == candidateId && l.InForceOn(asOf))
            .Select(l => l.FromId)
            .Where(person => held.LinksAt(person).Any(l => l.Type == LinkType.CommissionedTo && l.FromId == person && l.InForceOn(asOf)))
            .ToHashSet(StringComparer.Ordinal);
        return serving.Union(employed).OrderByDescending(p => serving.Contains(p) && employed.Contains(p)).ThenBy(p => p, StringComparer.Ordinal)
            .Take(MatchmakingIndex.MaxIntroducers).ToList();
    }

    /// <summary>Organisations collaborating with both, the strongest weaker tie first.</summary>
    internal IReadOnlyList<string> Introducers(int a, int b)
    {
        var found = new List<(int Org, float Weight)>();
        var (neighboursOfA, neighboursOfB) = (facts.Neighbours[a], facts.Neighbours[b]);
        var weightToB = new Dictionary<int, float>(neighboursOfB.Length);
        for (var j = 0; j < neighboursOfB.Length; j++) weightToB[neighboursOfB[j]] = facts.TieWeights[b][j];
        for (var i = 0; i < neighboursOfA.Length; i++)
        {
            if (weightToB.TryGetValue(neighboursOfA[i], out var toB)) found.Add((neighboursOfA[i], Math.Min(facts.TieWeights[a][i], toB)));
        }
        return found.OrderByDescending(f => f.Weight).ThenBy(f => facts.Ids[f.Org], StringComparer.Ordinal)
            .Take(MatchmakingIndex.MaxIntroducers).Select(f => facts.Ids[f.Org]).ToList();
    }
}
