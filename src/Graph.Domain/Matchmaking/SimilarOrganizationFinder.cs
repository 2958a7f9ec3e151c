using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>Organisations with a collaboration profile like another's.</summary>
internal sealed class SimilarOrganizationFinder(IndexedFacts facts)
{
    const double PartnerShare = 0.7;

    /// <summary>
    /// The organisations of the same kind (universities and institutes count as one kind) whose collaboration profile is
    /// most like this one's: 0.7 × the cosine similarity of their sets of partners + 0.3 × the Jaccard similarity of their
    /// fields (broader fields included). Candidates are the partners' partners and the organisations sharing a field.
    /// </summary>
    internal List<SimilarOrganization> Find(string organizationId, int limit)
    {
        if (limit is < 1 or > MatchmakingIndex.MaxLimit) throw new InvalidInputException($"limit must be 1 to {MatchmakingIndex.MaxLimit}, not {limit}");
        var of = facts.IndexOf(organizationId);
        if (of < 0) throw new NotFoundException($"of: no organisation '{organizationId}'");

        var shared = new Dictionary<int, int>();
        foreach (var partner in facts.Neighbours[of])
        {
            foreach (var other in facts.Neighbours[partner]) shared[other] = shared.GetValueOrDefault(other) + 1;
        }
        var candidates = new HashSet<int>(shared.Keys);
        foreach (var field in facts.OwnFields[of]) candidates.UnionWith(facts.OrganizationsByField[field]);
        candidates.Remove(of);

        var ownFields = BroaderFields(of);
        return candidates
            .Where(c => SameKind(of, c))
            .Select(c =>
            {
                var common = shared.GetValueOrDefault(c);
                var degrees = Math.Sqrt((double)facts.Neighbours[of].Length * facts.Neighbours[c].Length);
                var cosine = degrees > 0 ? common / degrees : 0;
                var fields = BroaderFields(c);
                var union = ownFields.Union(fields).Count();
                var jaccard = union > 0 ? (double)ownFields.Intersect(fields).Count() / union : 0;
                return (Org: c, Cosine: cosine, Jaccard: jaccard, Shared: common, Score: PartnerShare * cosine + (1 - PartnerShare) * jaccard);
            })
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score).ThenBy(s => facts.Ids[s.Org], StringComparer.Ordinal)
            .Take(limit)
            .Select((s, i) => new SimilarOrganization(i + 1, facts.Ids[s.Org], Math.Round(s.Score, 4), Math.Round(s.Cosine, 4), Math.Round(s.Jaccard, 4), s.Shared))
            .ToList();
    }

    bool SameKind(int a, int b) => facts.Kinds[a] == facts.Kinds[b] || (facts.IsAcademic(a) && facts.IsAcademic(b));

    HashSet<string> BroaderFields(int org) =>
        facts.OwnFields[org].SelectMany(f => TechnologyFields.Chain(TechnologyFields.All[f].Code)).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
}
