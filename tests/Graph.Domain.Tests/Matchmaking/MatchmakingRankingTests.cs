using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Synthetic;

namespace KnowledgeGraph.Domain.Tests.Matchmaking;

/// <summary>The province preset's matchmaking index, built once for the tests that compare its shortcuts with the long way.</summary>
public sealed class ProvinceMatchmakingFixture
{
    public ProvinceMatchmakingFixture()
    {
        var stamp = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var graph = SyntheticGraph.Create(SyntheticPreset.Province, 42);
        var nodes = graph.Nodes().Select(n => new Node(n.Id, n.Kind, n.Key, n.Name, n.NameEn, n.Aliases, n.Properties, stamp, stamp)).ToList();
        var links = graph.Links().Select(l => new Link(l.Id, l.Type, l.FromId, l.ToId, l.Key, l.StartDate, l.EndDate, l.Source, l.Properties, stamp, stamp)).ToList();
        using var projection = CollaborationProjection.Build(nodes, links, new HomeProvince(SyntheticPreset.Province.HomeProvince));
        Index = MatchmakingIndex.Build(nodes, links, projection, new DateOnly(2026, 12, 31));
        Enterprises = nodes.Where(n => n.Kind == NodeKind.Enterprise).Select(n => n.Id).ToList();
        Challenges = nodes.Where(n => n.Kind == NodeKind.Challenge).Select(n => n.Id).ToList();
    }

    public MatchmakingIndex Index { get; }
    public IReadOnlyList<string> Enterprises { get; }
    public IReadOnlyList<string> Challenges { get; }

    /// <summary>Every <paramref name="step"/>-th enterprise and the most connected ones, whose searches reach furthest.</summary>
    public IEnumerable<string> SampleEnterprises(int step) =>
        Enterprises.Where((_, i) => i % step == 0)
            .Concat(Enterprises.OrderByDescending(e => Index.Neighbours[Index.IndexOf(e)].Length).Take(20))
            .Distinct();
}

/// <summary>
/// The two-pass top-k of <c>recommendPartners</c> against full scoring, the per-candidate third step against a
/// breadth-first search, and the per-field candidates against every organisation, on the province preset.
/// </summary>
public sealed class MatchmakingRankingTests(ProvinceMatchmakingFixture fixture) : IClassFixture<ProvinceMatchmakingFixture>
{
    readonly MatchmakingIndex _index = fixture.Index;

    public static TheoryData<string> Variants => ["default", "limit 1", "limit 50, all kinds", "in region", "proximity only", "existing kept, record heavy"];

    static PartnerQuery Variant(string variant, string forId) => variant switch
    {
        "limit 1" => new PartnerQuery(forId, Limit: 1),
        "limit 50, all kinds" => new PartnerQuery(forId, Kinds: [NodeKind.University, NodeKind.ResearchInstitute, NodeKind.Enterprise], Limit: 50),
        "in region" => new PartnerQuery(forId, Scope: PartnerScope.InRegion, Limit: 20),
        "proximity only" => new PartnerQuery(forId, Weights: new MatchmakingWeights(Field: 0, Capability: 0, TrackRecord: 0, Proximity: 1, Region: 0, Load: 0)),
        "existing kept, record heavy" => new PartnerQuery(forId, ExcludeExisting: false, Weights: new MatchmakingWeights(TrackRecord: 5, Load: 2), Limit: 30),
        _ => new PartnerQuery(forId),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void TheTwoPassTopEqualsFullScoringForEnterprisesAndChallenges(string variant)
    {
        var compared = 0;
        foreach (var forId in fixture.SampleEnterprises(step: 97).Concat(fixture.Challenges.Where((_, i) => i % 3 == 0)))
        {
            var query = Variant(variant, forId);
            using var request = _index.Prepare(query);
            var full = _index.Rank(request, MatchmakingIndex.Ranker.Recommender).Take(query.Limit).ToList();
            var top = _index.Top(request, query.Limit);

            Assert.Equal(Describe(full), Describe(top));
            compared += full.Count;
        }
        Assert.True(compared > 300, $"only {compared} recommendations compared");
    }

    [Fact]
    public void RecommendPartnersReturnsTheFullRankingsFirstEntriesWithTheirParts()
    {
        foreach (var forId in fixture.SampleEnterprises(step: 499).Concat(fixture.Challenges.Where((_, i) => i % 25 == 0)))
        {
            var query = new PartnerQuery(forId, Limit: 10);
            using var request = _index.Prepare(query);
            var full = _index.Rank(request, MatchmakingIndex.Ranker.Recommender).Take(10)
                .Select(s => (_index.Ids[s.Organization], Math.Round(s.Score, 4))).ToList();

            Assert.Equal(full, _index.RecommendPartners(query).Select(r => (r.OrganizationId, r.Score)));
        }
    }

    [Fact]
    public void TheThirdStepFoundPerCandidateMatchesABreadthFirstSearchToThreeSteps()
    {
        var sources = fixture.SampleEnterprises(step: 499).Select(e => new PartnerQuery(e))
            .Concat(fixture.Challenges.Where((_, i) => i % 20 == 0).Select(c => new PartnerQuery(c)));
        var checkedThreeSteps = 0;
        foreach (var query in sources)
        {
            using var request = _index.Prepare(query);
            if (request.Source < 0) continue;
            var expected = BreadthFirst(request.Source, request.Group);
            for (var org = 0; org < _index.OrganizationCount; org++)
            {
                (int, int, bool)? wanted = expected.TryGetValue(org, out var reached) ? reached : null;
                Assert.Equal(wanted, _index.ReachOf(request, org));
                if (reached.Distance == 3) checkedThreeSteps++;
            }
        }
        Assert.True(checkedThreeSteps > 1000, $"only {checkedThreeSteps} organisations three steps away");
    }

    [Fact]
    public void PerFieldCandidatesAreEveryOrganisationOfTheKindsAskedWithAFittingField()
    {
        var queries = fixture.SampleEnterprises(step: 499).SelectMany(e => new[] { new PartnerQuery(e), new PartnerQuery(e, Kinds: [NodeKind.Enterprise]) })
            .Concat(fixture.Challenges.Where((_, i) => i % 10 == 0).Select(c => new PartnerQuery(c)));
        foreach (var query in queries)
        {
            using var request = _index.Prepare(query);
            var inRegionOnly = request.Challenge is { Kind: ChallengeKind.AchievementTransformation, Poster: >= 0 };
            var expected = Enumerable.Range(0, _index.OrganizationCount)
                .Where(org => request.Kinds.Contains(_index.Kinds[org]) && _index.FieldFitOf(request.QueryFields, org).Fit > 0)
                .Where(org => !inRegionOnly || _index.Kinds[org] != NodeKind.Enterprise || _index.Localities[org] == RegionLocality.InRegion)
                .Order();
            var candidates = _index.Candidates(request).ToList();

            Assert.Equal(candidates.Count, candidates.Distinct().Count());
            Assert.Equal(expected, candidates.Where(org => _index.FieldFitOf(request.QueryFields, org).Fit > 0).Order());
        }
    }

    List<string> Describe(IEnumerable<ScoredPartner> ranking) =>
        ranking.Select(s => $"{_index.Ids[s.Organization]} {s.Score:R} {s.Parts}").ToList();

    // The search as first written: breadth-first to three steps (each organisation through the first one of the
    // frontier that reaches it), then every partner of another company of the group as two steps away.
    Dictionary<int, (int Distance, int Through, bool ThroughGroup)> BreadthFirst(int source, HashSet<int> group)
    {
        var reached = new Dictionary<int, (int Distance, int Through, bool ThroughGroup)> { [source] = (0, -1, false) };
        var frontier = new List<int> { source };
        for (var distance = 1; distance <= 3; distance++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                var through = distance == 1 ? -1 : distance == 2 ? node : reached[node].Through;
                foreach (var other in _index.Neighbours[node])
                {
                    if (reached.TryAdd(other, (distance, through, false))) next.Add(other);
                }
            }
            frontier = next;
        }
        foreach (var company in group.Where(c => c != source))
        {
            foreach (var other in _index.Neighbours[company])
            {
                if (!reached.TryGetValue(other, out var known) || known.Distance > 2) reached[other] = (2, company, true);
            }
        }
        return reached;
    }
}
