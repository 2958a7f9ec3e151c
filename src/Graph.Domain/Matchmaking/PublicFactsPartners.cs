using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// Partners known by public facts alone: the reference universities (and any university entered without fields) that
/// nothing in the graph ties to a field, a platform, a record or a collaboration. They follow every evidenced partner.
/// </summary>
internal sealed class PublicFactsPartners(IndexedFacts facts, CandidateSearch search, PartnerScoring scoring)
{
    const string Undergraduate = "本科";
    const double DesignatedFact = 0.5;
    const double UndergraduateFact = 0.25;

    /// <summary>
    /// Up to <paramref name="count"/> universities known by public facts alone that have a reason to be named — in the
    /// same province as the enterprise (or the challenge's poster), or designated 双一流 / 985 / 211 — and that the rules
    /// admit, best first (ties by id). Their score has no field, capability, record or proximity part: the place, and the
    /// designations and level as <see cref="ScoreParts.PublicFacts"/>.
    /// </summary>
    internal List<ScoredPartner> Find(PartnerRequest request, int count)
    {
        if (count <= 0 || !request.Kinds.Contains(NodeKind.University)) return [];
        var w = request.Weights;
        var found = new List<ScoredPartner>();
        foreach (var org in facts.FieldlessUniversities)
        {
            if (!facts.Alive[org] || !KnownByPublicFactsOnly(org)) continue;
            var place = scoring.PlaceOf(request.Source, org);
            var designated = facts.Designations[org].Any(MatchmakingIndex.PublicDesignations.Contains);
            if (place.Place == Place.Elsewhere && !designated) continue;
            if (!search.Admits(request, org)) continue;
            var publicFacts = (designated ? DesignatedFact : 0) + (facts.SchoolLevels[org] == Undergraduate ? UndergraduateFact : 0);
            var parts = new ScoreParts(0, 0, 0, 0, w.Region * place.Value, w.Region * publicFacts);
            found.Add(new ScoredPartner(org, parts.Total, parts));
        }
        found.Sort(scoring.RankOrder);
        return found.Count > count ? found.GetRange(0, count) : found;
    }

    /// <summary>The organisation's public designations and school level, as the explanation names them.</summary>
    internal string FactsOf(int org) =>
        string.Join("、", facts.Designations[org].Where(MatchmakingIndex.PublicDesignations.Contains).Append(facts.SchoolLevels[org] ?? "").Where(f => f.Length > 0));

    // Nothing but its own node: no field, no platform, no record, no collaboration.
    bool KnownByPublicFactsOnly(int org) =>
        facts.OwnFields[org].Length == 0 && facts.PlatformFields[org].Length == 0 && facts.Platforms[org].Length == 0
        && facts.Records[org].Length == 0 && facts.Neighbours[org].Length == 0;
}
