using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using static KnowledgeGraph.Domain.Matchmaking.IndexedFacts;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>A prepared query for partners; disposing it returns its reach buffers.</summary>
internal sealed record PartnerRequest(
    PartnerQuery Query, MatchmakingWeights Weights, int Source, int[] QueryFields, ChallengeFact? Challenge,
    HashSet<NodeKind> Kinds, HashSet<int> Group, NetworkReach Reach) : IDisposable
{
    public void Dispose() => Reach.Dispose();
}

/// <summary>
/// Who may be recommended for a query: the enterprise's (or the challenge poster's) group and network reach, the
/// candidates of the kinds asked in fields near the wanted ones, and the rules that exclude some of them.
/// </summary>
internal sealed class CandidateSearch(IndexedFacts facts)
{
    NetworkReachPool _reachPool = new(0);

    /// <summary>Makes the reach buffers fit the number of organisations (after a build or a write that added some).</summary>
    internal void Resize()
    {
        if (_reachPool.Organisations != facts.Count) _reachPool = new NetworkReachPool(facts.Count);
    }

    internal PartnerRequest Prepare(PartnerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MatchmakingIndex.MaxLimit)
            throw new InvalidInputException($"limit must be 1 to {MatchmakingIndex.MaxLimit}, not {query.Limit}");
        var weights = query.Weights ?? MatchmakingWeights.Default;
        weights.Validate();
        var wrong = query.Kinds?.Where(k => k is not (NodeKind.University or NodeKind.ResearchInstitute or NodeKind.Enterprise)).Select(k => (NodeKind?)k).FirstOrDefault();
        if (wrong is { } kind)
            throw new InvalidInputException($"kinds: {kind} cannot be recommended as a partner (University, ResearchInstitute, Enterprise)");

        ChallengeFact? challenge = null;
        int source;
        int[] fields;
        if (NodeId.KindOf(query.ForId) == NodeKind.Challenge)
        {
            challenge = facts.Challenges.GetValueOrDefault(query.ForId) ?? throw new NotFoundException($"for: no challenge '{query.ForId}'");
            source = challenge.Poster;
            fields = challenge.Fields;
        }
        else
        {
            source = facts.IndexOf(query.ForId);
            if (source < 0 || facts.Kinds[source] != NodeKind.Enterprise)
            {
                throw NodeId.KindOf(query.ForId) == NodeKind.Enterprise || source >= 0 && facts.Kinds[source] != NodeKind.Enterprise
                    ? source < 0 ? new NotFoundException($"for: no enterprise '{query.ForId}'") : new InvalidInputException($"for: '{query.ForId}' is a {facts.Kinds[source]}; partners are recommended for an enterprise or a challenge")
                    : new InvalidInputException($"for: '{query.ForId}' is not the id of an enterprise or a challenge");
            }
            fields = facts.OwnFields[source];
        }
        var kinds = query.Kinds is { Count: > 0 } asked ? asked.ToHashSet()
            : challenge?.Kind == ChallengeKind.AchievementTransformation ? [NodeKind.Enterprise]
            : [NodeKind.University, NodeKind.ResearchInstitute];
        var group = source >= 0 ? GroupOf(source) : [];
        var reach = _reachPool.Rent();
        if (source >= 0) Explore(reach, source, group);
        return new PartnerRequest(query, weights, source, fields, challenge, kinds, group, reach);
    }

    /// <summary>The enterprise and every company above or below it in SUBSIDIARY_OF chains, at any depth.</summary>
    HashSet<int> GroupOf(int organisation)
    {
        var group = new HashSet<int> { organisation };
        var queue = new Queue<int>([organisation]);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            foreach (var other in facts.Parents[next].Concat(facts.Children[next]))
            {
                if (group.Add(other)) queue.Enqueue(other);
            }
        }
        return group;
    }

    /// <summary>
    /// Breadth-first search to two steps, and the partners of the group's other companies as two steps. The third step
    /// is found per candidate (<see cref="ReachOf"/>): only the few candidates scored in full need it, and from a hub the
    /// third step of the search would cover much of the graph.
    /// </summary>
    void Explore(NetworkReach reach, int source, HashSet<int> group)
    {
        reach.Set(source, 0, -1, false);
        var frontier = new List<int> { source };
        for (var distance = 1; distance <= 2 && frontier.Count > 0; distance++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                var through = distance == 1 ? -1 : distance == 2 ? node : reach.ThroughOf(node);
                foreach (var other in facts.Neighbours[node])
                {
                    if (distance == 2) reach.CountShared(other);
                    if (reach.Contains(other)) continue;
                    reach.Set(other, distance, through, false);
                    next.Add(other);
                }
            }
            frontier = next;
        }
        foreach (var company in group)
        {
            if (company == source) continue;
            foreach (var other in facts.Neighbours[company])
            {
                if (reach.DistanceOf(other) > 2) reach.Set(other, 2, company, true);
            }
        }
    }

    /// <summary>
    /// How the candidate is reached from the enterprise: from the two-step search, else three steps away when one of its
    /// partners is two steps away on the search (not through the group). A breadth-first search to three steps (partners in
    /// id order) would reach it through the partner it meets first: the one whose own first chain starts at the lowest id,
    /// so that one is named.
    /// </summary>
    internal (int Distance, int Through, bool ThroughGroup)? ReachOf(PartnerRequest request, int candidate)
    {
        if (request.Reach.TryGet(candidate, out var reached)) return reached;
        if (request.Source < 0) return null;
        var through = -1;
        foreach (var partner in facts.Neighbours[candidate])
        {
            if (request.Reach.TryGet(partner, out var near) && near is { Distance: 2, ThroughGroup: false }
                && (through < 0 || facts.ById(near.Through, through) < 0))
                through = near.Through;
        }
        return through < 0 ? null : (3, through, false);
    }

    /// <summary>
    /// Every organisation of the kinds asked with a field or a platform's field that fits a wanted field at all (the
    /// others could never be recommended), each once, from the per-field lists. A 成果转化类 challenge with a poster
    /// admits in-region enterprises alone (Party and ChallengeEligibility), so no other enterprise is looked at.
    /// </summary>
    internal IEnumerable<int> Candidates(PartnerRequest request)
    {
        var academics = request.Kinds.Contains(NodeKind.University) || request.Kinds.Contains(NodeKind.ResearchInstitute);
        var enterprises = request.Kinds.Contains(NodeKind.Enterprise);
        var elsewhere = enterprises && request.Challenge is not { Kind: ChallengeKind.AchievementTransformation, Poster: >= 0 };
        var near = new bool[Fit.Count];
        foreach (var wanted in request.QueryFields)
        {
            for (var field = 0; field < Fit.Count; field++) near[field] |= Fit.Of(wanted, field) > 0;
        }
        var lists = new List<List<int>>();
        for (var field = 0; field < Fit.Count; field++)
        {
            if (!near[field]) continue;
            if (academics) lists.Add(facts.AcademicsByField[field]);
            if (enterprises) lists.Add(facts.InRegionEnterprisesByField[field]);
            if (elsewhere) lists.Add(facts.OtherEnterprisesByField[field]);
        }
        request.Reach.BeginCandidates();
        foreach (var list in lists)
        {
            foreach (var org in list)
            {
                if (request.Reach.FirstCandidateVisit(org)) yield return org;
            }
        }
    }

    /// <summary>Whether the rules let the candidate be recommended: its kind, not of the group, the scope, not already a partner, eligible.</summary>
    internal bool Admits(PartnerRequest request, int candidate)
    {
        if (!request.Kinds.Contains(facts.Kinds[candidate]) || request.Group.Contains(candidate)) return false;
        var scope = request.Query.Scope;
        var locality = facts.Localities[candidate];
        if (scope != PartnerScope.Any && locality is null) return false;
        if (scope == PartnerScope.InRegion && locality != RegionLocality.InRegion) return false;
        if (scope == PartnerScope.OutOfRegion && locality != RegionLocality.OutOfRegion) return false;
        if (scope == PartnerScope.Abroad && locality != RegionLocality.Abroad) return false;
        if (request.Challenge is { } challenge)
        {
            if (request.Query.ExcludeExisting && challenge.Applicants.Contains(candidate)) return false;
            if (!Eligible(challenge, candidate)) return false;
        }
        else if (request.Query.ExcludeExisting && request.Reach.TryGet(candidate, out var reached) && reached.Distance == 1 && !reached.ThroughGroup)
        {
            return false;
        }
        return true;
    }

    bool Eligible(ChallengeFact challenge, int candidate)
    {
        if (challenge.Poster < 0) return true;
        return ChallengeEligibility.Check(challenge.Kind, Party(challenge.Poster), Party(candidate), ParentIds).Eligible;
    }

    IEnumerable<string> ParentIds(string id) => facts.IndexOf(id) is var org and >= 0 ? facts.Parents[org].Select(p => facts.Ids[p]) : [];

    ChallengeParty Party(int org) => new(
        facts.Ids[org],
        facts.Kinds[org] switch
        {
            NodeKind.University => PartyKind.University,
            NodeKind.ResearchInstitute => PartyKind.ResearchInstitute,
            NodeKind.Enterprise => PartyKind.Enterprise,
            _ => PartyKind.Other,
        },
        facts.Localities[org] == RegionLocality.InRegion,
        facts.TechEnterprise[org]);
}
