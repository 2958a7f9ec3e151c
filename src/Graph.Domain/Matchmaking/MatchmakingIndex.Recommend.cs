using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Matchmaking;

// Recommending partners: the candidates, the rules that exclude some, the score and its evidence.
public sealed partial class MatchmakingIndex
{
    /// <summary>The most partners one query returns.</summary>
    public const int MaxLimit = 100;

    const double RecordHalfLifeYears = 4;
    const int RecencyTableYears = 128;
    const double SecondaryFieldFactor = 0.8;

    /// <summary>How candidates are ranked: the recommender, or a baseline of the evaluation.</summary>
    internal enum Ranker { Recommender, MostConnected, FieldMatch }

    /// <summary>
    /// The best partners for an enterprise or a challenge, best first. Never the enterprise (or the challenge's poster)
    /// itself, a company of its group (SUBSIDIARY_OF at any depth, up and down), nor, for a challenge, an applicant the
    /// eligibility rule (<see cref="ChallengeEligibility"/>) would refuse; never an organisation with no field near the
    /// wanted ones — except, after every evidenced partner, universities known by public facts alone
    /// (<see cref="OnPublicFacts"/>), flagged <see cref="PartnerRecommendation.WeakEvidence"/>.
    /// </summary>
    public IReadOnlyList<PartnerRecommendation> RecommendPartners(PartnerQuery query) => Read(() =>
    {
        using var request = Prepare(query);
        var top = Top(request, query.Limit);
        // Partners known by public facts alone only fill the places evidenced ones leave.
        top.AddRange(OnPublicFacts(request, query.Limit - top.Count));
        return top.Select((scored, i) => Describe(request, scored, i + 1)).ToList();
    });

    /// <summary>A prepared query; disposing it returns its reach buffers.</summary>
    internal sealed record Request(
        PartnerQuery Query, MatchmakingWeights Weights, int Source, int[] QueryFields, ChallengeFact? Challenge,
        HashSet<NodeKind> Kinds, HashSet<int> Group, NetworkReach Reach) : IDisposable
    {
        public void Dispose() => Reach.Dispose();
    }

    internal readonly record struct Scored(int Organization, double Score, ScoreParts? Parts);

    internal Request Prepare(PartnerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MaxLimit) throw new InvalidInputException($"limit must be 1 to {MaxLimit}, not {query.Limit}");
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
            challenge = Challenges.GetValueOrDefault(query.ForId) ?? throw new NotFoundException($"for: no challenge '{query.ForId}'");
            source = challenge.Poster;
            fields = challenge.Fields;
        }
        else
        {
            source = IndexOf(query.ForId);
            if (source < 0 || Kinds[source] != NodeKind.Enterprise)
            {
                throw NodeId.KindOf(query.ForId) == NodeKind.Enterprise || source >= 0 && Kinds[source] != NodeKind.Enterprise
                    ? source < 0 ? new NotFoundException($"for: no enterprise '{query.ForId}'") : new InvalidInputException($"for: '{query.ForId}' is a {Kinds[source]}; partners are recommended for an enterprise or a challenge")
                    : new InvalidInputException($"for: '{query.ForId}' is not the id of an enterprise or a challenge");
            }
            fields = OwnFields[source];
        }
        var kinds = query.Kinds is { Count: > 0 } asked ? asked.ToHashSet()
            : challenge?.Kind == ChallengeKind.AchievementTransformation ? [NodeKind.Enterprise]
            : [NodeKind.University, NodeKind.ResearchInstitute];
        var group = source >= 0 ? GroupOf(source) : [];
        var reach = _reachPool.Rent();
        if (source >= 0) Explore(reach, source, group);
        return new Request(query, weights, source, fields, challenge, kinds, group, reach);
    }

    /// <summary>The enterprise and every company above or below it in SUBSIDIARY_OF chains, at any depth.</summary>
    internal HashSet<int> GroupOf(int organisation)
    {
        var group = new HashSet<int> { organisation };
        var queue = new Queue<int>([organisation]);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            foreach (var other in Parents[next].Concat(Children[next]))
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
                foreach (var other in Neighbours[node])
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
            foreach (var other in Neighbours[company])
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
    internal (int Distance, int Through, bool ThroughGroup)? ReachOf(Request request, int candidate)
    {
        if (request.Reach.TryGet(candidate, out var reached)) return reached;
        if (request.Source < 0) return null;
        var through = -1;
        foreach (var partner in Neighbours[candidate])
        {
            if (request.Reach.TryGet(partner, out var near) && near is { Distance: 2, ThroughGroup: false }
                && (through < 0 || ById(near.Through, through) < 0))
                through = near.Through;
        }
        return through < 0 ? null : (3, through, false);
    }

    /// <summary>
    /// Every organisation of the kinds asked with a field or a platform's field that fits a wanted field at all (the
    /// others could never be recommended), each once, from the per-field lists. A 成果转化类 challenge with a poster
    /// admits in-region enterprises alone (Party and ChallengeEligibility), so no other enterprise is looked at.
    /// </summary>
    internal IEnumerable<int> Candidates(Request request)
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
            if (academics) lists.Add(AcademicsByField[field]);
            if (enterprises) lists.Add(InRegionEnterprisesByField[field]);
            if (elsewhere) lists.Add(OtherEnterprisesByField[field]);
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

    internal bool Admits(Request request, int candidate)
    {
        if (!request.Kinds.Contains(Kinds[candidate]) || request.Group.Contains(candidate)) return false;
        var scope = request.Query.Scope;
        if (scope != PartnerScope.Any && Localities[candidate] is not { } locality) return false;
        if (scope == PartnerScope.InRegion && Localities[candidate] != RegionLocality.InRegion) return false;
        if (scope == PartnerScope.OutOfRegion && Localities[candidate] != RegionLocality.OutOfRegion) return false;
        if (scope == PartnerScope.Abroad && Localities[candidate] != RegionLocality.Abroad) return false;
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
        return ChallengeEligibility.Check(challenge.Kind, Party(challenge.Poster), Party(candidate), id => ParentIds(id)).Eligible;
    }

    IEnumerable<string> ParentIds(string id) => IndexOf(id) is var org and >= 0 ? Parents[org].Select(p => Ids[p]) : [];

    ChallengeParty Party(int org) => new(
        Ids[org],
        Kinds[org] switch
        {
            NodeKind.University => PartyKind.University,
            NodeKind.ResearchInstitute => PartyKind.ResearchInstitute,
            NodeKind.Enterprise => PartyKind.Enterprise,
            _ => PartyKind.Other,
        },
        Localities[org] == RegionLocality.InRegion,
        TechEnterprise[org]);

    /// <summary>Every admitted candidate scored in full, best first (ties by id): the reference ranking, and the evaluation's baselines.</summary>
    internal IEnumerable<Scored> Rank(Request request, Ranker ranker)
    {
        var scored = new List<Scored>();
        foreach (var candidate in Candidates(request))
        {
            // A partner with no field near the wanted ones is no match, however near or busy it is.
            var fit = FieldFitOf(request.QueryFields, candidate).Fit;
            if (fit <= 0 || !Admits(request, candidate)) continue;
            scored.Add(ranker switch
            {
                Ranker.MostConnected => new Scored(candidate, Neighbours[candidate].Length, null),
                Ranker.FieldMatch => new Scored(candidate, fit, null),
                _ => ScoreOf(request, candidate, fit),
            });
        }
        return scored.OrderByDescending(s => s.Score).ThenBy(s => Ids[s.Organization], StringComparer.Ordinal);
    }

    /// <summary>
    /// The first <paramref name="limit"/> of <see cref="Rank"/> for the recommender, exactly, scoring few candidates in
    /// full: every candidate gets a bound of its score first (its capability and record in any field, its proximity as if
    /// a candidate the two-step search did not reach were three steps away), then candidates are admitted and scored in
    /// the order of their bounds until the next bound is below the last score kept.
    /// </summary>
    internal List<Scored> Top(Request request, int limit)
    {
        var bounded = new List<(int Candidate, double Fit, double Bound)>();
        foreach (var candidate in Candidates(request))
        {
            var fit = FieldFitOf(request.QueryFields, candidate).Fit;
            if (fit <= 0) continue;
            var proximity = request.Reach.Contains(candidate) ? ProximityOf(request, candidate) : ProximityAtThreeSteps;
            var p = PartsOf(request, candidate, fit, CapabilityPlatformCounts[candidate], Instruments[candidate].Length, RecordTotals[candidate], proximity);
            bounded.Add((candidate, fit, p.Field + p.Capability + p.TrackRecord + p.Proximity + p.Practical));
        }
        bounded.Sort((a, b) => b.Bound.CompareTo(a.Bound));
        var top = new List<Scored>(limit + 1);
        foreach (var (candidate, fit, bound) in bounded)
        {
            // The slack covers rounding: a bound is a sum of parts each at least the score's own.
            if (top.Count == limit && bound < top[^1].Score - BoundSlack) break;
            if (!Admits(request, candidate)) continue;
            var scored = ScoreOf(request, candidate, fit);
            var at = top.FindIndex(kept => RankOrder(scored, kept) < 0);
            if (at < 0) at = top.Count;
            if (at >= limit) continue;
            top.Insert(at, scored);
            if (top.Count > limit) top.RemoveAt(limit);
        }
        return top;
    }

    const double BoundSlack = 1e-9;

    int RankOrder(Scored a, Scored b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(Ids[a.Organization], Ids[b.Organization]);

    Scored ScoreOf(Request request, int candidate, double fit)
    {
        var (field, capability, record, proximity, practical) = PartsOf(request, candidate, fit,
            CapabilityCountOf(request.QueryFields, candidate), InstrumentsOf(request.QueryFields, candidate).Count,
            RecordOf(request.QueryFields, candidate).Value, ProximityOf(request, candidate));
        var parts = new ScoreParts(field, capability, record, proximity, practical);
        return new Scored(candidate, parts.Total, parts);
    }

    // The weighted parts of a score (or of its bound), without allocating: the bound is taken of every candidate.
    (double Field, double Capability, double TrackRecord, double Proximity, double Practical) PartsOf(
        Request request, int candidate, double fit, int capability, int instruments, double record, double proximity)
    {
        var w = request.Weights;
        return (
            w.Field * fit,
            w.Capability * (Math.Log(1 + capability) + InstrumentFactor * Math.Log(1 + instruments)),
            w.TrackRecord * Math.Log(1 + record),
            w.Proximity * proximity,
            w.Region * PlaceOf(request.Source, candidate).Value - w.Load * Math.Log(1 + CurrentPairings[candidate]));
    }

    /// <summary>The best fit of the wanted fields (the main one fully, others by 0.8) with the candidate's fields and its platforms' fields.</summary>
    internal (double Fit, int Field) FieldFitOf(int[] wanted, int candidate)
    {
        var (best, field) = (0.0, -1);
        for (var i = 0; i < wanted.Length; i++)
        {
            var factor = i == 0 ? 1.0 : SecondaryFieldFactor;
            foreach (var fields in (ReadOnlySpan<int[]>)[OwnFields[candidate], PlatformFields[candidate]])
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

    (List<PlatformFact> Platforms, int Field) CapabilityOf(int[] wanted, int candidate)
    {
        var (best, bestField) = (new List<PlatformFact>(), -1);
        foreach (var field in wanted)
        {
            var found = Platforms[candidate].Where(p => p.Capable && Fit.Of(field, p.Field) >= RelatedFit).ToList();
            if (found.Count > best.Count) (best, bestField) = (found, field);
        }
        return (best, bestField);
    }

    // The count CapabilityOf finds, without listing the platforms: scoring every candidate needs only the number.
    int CapabilityCountOf(int[] wanted, int candidate)
    {
        var best = 0;
        foreach (var field in wanted)
        {
            var found = 0;
            foreach (var platform in Platforms[candidate])
            {
                if (platform.Capable && Fit.Of(field, platform.Field) >= RelatedFit) found++;
            }
            best = Math.Max(best, found);
        }
        return best;
    }

    const double RelatedFit = 0.6;

    // Shared large instruments add to capability at half the rate of labs and centres: they serve, they do not research.
    const double InstrumentFactor = 0.5;

    /// <summary>The candidate's shared large instruments (000, ≥ 50 万元) in a field related to a wanted one: the most of any wanted field.</summary>
    internal List<InstrumentFact> InstrumentsOf(int[] wanted, int candidate)
    {
        var best = new List<InstrumentFact>();
        if (Instruments[candidate].Length == 0) return best;
        foreach (var field in wanted)
        {
            var found = Instruments[candidate].Where(i => Fit.Of(field, i.Field) >= RelatedFit).ToList();
            if (found.Count > best.Count) best = found;
        }
        return best;
    }

    (double Value, int Field) RecordOf(int[] wanted, int candidate)
    {
        var (best, bestField) = (0.0, -1);
        foreach (var field in wanted)
        {
            var value = 0.0;
            foreach (var item in Records[candidate])
            {
                if (Fit.Of(field, item.Field) >= RelatedFit) value += Recency(item.Year);
            }
            if (value > best) (best, bestField) = (value, field);
        }
        return (best, bestField);
    }

    /// <summary>A record's weight: halved for every 4 years of age.</summary>
    double Recency(int year)
    {
        var age = Math.Max(0, AsOf.Year - year);
        return age < _recencyByAge.Length ? _recencyByAge[age] : Math.Pow(0.5, age / RecordHalfLifeYears);
    }

    double ProximityOf(Request request, int candidate)
    {
        var closeness = ReachOf(request, candidate) is { } reached ? reached.Distance <= 2 ? 1.0 : 0.3 : 0;
        return closeness + 0.2 * Math.Log(1 + request.Reach.SharedWith(candidate));
    }

    // What ProximityOf gives three steps away: no shared partner (those are two steps away at most).
    static readonly double ProximityAtThreeSteps = 0.3 + 0.2 * Math.Log(1);

    enum Place { SameCity, SameProvince, Elsewhere }

    (double Value, Place Place) PlaceOf(int source, int candidate)
    {
        var (a, b) = (source >= 0 ? RegionCodes[source] : null, RegionCodes[candidate]);
        if (a is null || b is null || a.Length < 4 || b.Length < 4 || !a.AsSpan(0, 2).SequenceEqual(b.AsSpan(0, 2))) return (0, Place.Elsewhere);
        var cityKnown = !a.AsSpan(2, 2).SequenceEqual("00") && !b.AsSpan(2, 2).SequenceEqual("00");
        return cityKnown && a.AsSpan(0, 4).SequenceEqual(b.AsSpan(0, 4)) ? (1.0, Place.SameCity) : (0.5, Place.SameProvince);
    }
}
