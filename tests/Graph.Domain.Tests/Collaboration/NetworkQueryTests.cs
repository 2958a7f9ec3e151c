using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Tests.Collaboration;

/// <summary>
/// A small network, drawn by hand:
/// <code>
///   liuzhou-a ─ gxu ─ nanning-b ─ tsinghua        (a chain of pairings and agreements)
///   liuzhou-a ─ liuzhou-c ─ tsinghua               (a second route of equal length: a ─ c ─ t)
///   liuzhou-c ─ nanning-b                          (a platform they co-build)
///   beijing-d ─ tsinghua                           (outside Guangxi)
///   lonely (no ties)
/// </code>
/// </summary>
public sealed class NetworkQueryTests
{
    readonly CollaborationData _data = new();
    readonly string _a, _c, _b, _gxu, _tsinghua, _d, _lonely;

    public NetworkQueryTests()
    {
        _a = _data.Add(NodeKind.Enterprise, "liuzhou-a", "450205", "construction-machinery");
        _c = _data.Add(NodeKind.Enterprise, "liuzhou-c", "450202", "auto-parts");
        _b = _data.Add(NodeKind.Enterprise, "nanning-b", "450103", "big-data");
        _gxu = _data.Add(NodeKind.University, "gxu", "450107", "machinery", "InRegion");
        _tsinghua = _data.Add(NodeKind.University, "tsinghua", "110108", "machinery", "OutOfRegion");
        _d = _data.Add(NodeKind.Enterprise, "beijing-d", "110105", "big-data");
        _lonely = _data.Add(NodeKind.Enterprise, "lonely", "450205", "automotive");
        _data.Link(LinkType.PairedWith, _a, _gxu, "2019-05-01");
        _data.Link(LinkType.CooperationAgreement, _gxu, _b, "2021-01-01");
        _data.Link(LinkType.CooperationAgreement, _b, _tsinghua, "2023-01-01");
        _data.Link(LinkType.Transfers, _c, _a, "2022-07-01");
        _data.Link(LinkType.Transfers, _tsinghua, _c, "2020-03-01");
        var platform = _data.Add(NodeKind.Platform, "shared-lab");
        _data.Link(LinkType.Hosts, _c, platform, "2020-01-01");
        _data.Link(LinkType.CoBuilds, _b, platform, "2020-01-01");
        _data.Link(LinkType.CooperationAgreement, _d, _tsinghua, "2018-01-01", "2019-12-31");
    }

    [Fact]
    public void CollaboratorsAtDepthTwoCarryTheirDistanceAndTheTieThatReachedThem()
    {
        using var projection = _data.Build();

        var collaborators = projection.Collaborators(_a, depth: 2);

        Assert.Equal([_c, _gxu], collaborators.Where(c => c.Distance == 1).Select(c => c.OrganizationId).Order(StringComparer.Ordinal));
        var second = collaborators.Where(c => c.Distance == 2).ToDictionary(c => c.OrganizationId);
        Assert.Equal([_b, _tsinghua], second.Keys.Order(StringComparer.Ordinal));
        // nanning-b is reached from liuzhou-c by the platform (weight 3) rather than from gxu by the agreement (weight 2).
        Assert.Equal(_c, second[_b].Via);
        Assert.Equal(CollaborationKinds.Platform, second[_b].Tie.Kinds);
        Assert.DoesNotContain(collaborators, c => c.OrganizationId == _d || c.OrganizationId == _lonely);
    }

    [Fact]
    public void CollaboratorsFilteredByKindTimeAndRegion()
    {
        using var projection = _data.Build();

        var contracts = projection.Collaborators(_a, 3, new CollaborationFilter(CollaborationKinds.TechnologyContract));
        Assert.Equal([_c, _tsinghua], contracts.Select(c => c.OrganizationId));

        var until2020 = projection.Collaborators(_a, 3, new CollaborationFilter(Until: new DateOnly(2020, 12, 31)));
        Assert.Equal([_gxu], until2020.Select(c => c.OrganizationId));

        var inGuangxi = projection.Collaborators(_a, 3, where: new OrganizationSelection(Region: "450000"));
        Assert.DoesNotContain(inGuangxi, c => c.OrganizationId == _tsinghua);
        Assert.Contains(inGuangxi, c => c.OrganizationId == _b);
    }

    [Fact]
    public void DepthOutsideOneToThreeIsRejected()
    {
        using var projection = _data.Build();
        var error = Assert.Throws<InvalidInputException>(() => projection.Collaborators(_a, depth: 4));
        Assert.Contains("depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathsListEveryShortestRouteWithTheEvidenceOfEachStep()
    {
        using var projection = _data.Build();

        var paths = projection.Paths(_a, _tsinghua);

        // Length 2 through liuzhou-c only; the route through gxu and nanning-b is longer.
        var path = Assert.Single(paths);
        Assert.Equal([_a, _c, _tsinghua], path.OrganizationIds);
        Assert.Equal(CollaborationKinds.TechnologyContract, path.Steps[1].Kinds);
        Assert.Equal([LinkId.Of(LinkType.Transfers, _tsinghua, _c)], path.Steps[1].Evidence[0].LinkIds);

        // Between liuzhou-a and nanning-b there are two routes of two steps: through gxu and through liuzhou-c.
        var twoRoutes = projection.Paths(_a, _b);
        Assert.Equal([[_a, _c, _b], [_a, _gxu, _b]], twoRoutes.Select(p => p.OrganizationIds));
        Assert.Equal(CollaborationKinds.Platform, twoRoutes[0].Steps[1].Kinds);
        Assert.Single(projection.Paths(_a, _b, limit: 1));

        // Without contracts liuzhou-a reaches Tsinghua only through gxu and nanning-b.
        var noContracts = projection.Paths(_a, _tsinghua, filter: new CollaborationFilter(CollaborationKinds.All & ~CollaborationKinds.TechnologyContract));
        Assert.Equal([_a, _gxu, _b, _tsinghua], Assert.Single(noContracts).OrganizationIds);
    }

    [Fact]
    public void PathsBeyondMaxHopsOrBetweenStrangersAreEmpty()
    {
        using var projection = _data.Build();
        Assert.Empty(projection.Paths(_a, _d, maxHops: 2));
        Assert.Equal(3, Assert.Single(projection.Paths(_a, _d, maxHops: 3)).Hops);
        Assert.Empty(projection.Paths(_a, _lonely));
    }

    [Fact]
    public void NetworkOfARegionCountsItsTiesComponentsAndTiesLeavingIt()
    {
        using var projection = _data.Build();

        var guangxi = projection.Network(new NetworkQuery(new OrganizationSelection(Region: "450000")));

        // liuzhou-a, liuzhou-c, nanning-b, gxu, lonely; ties a–gxu, gxu–b, c–a, c–b.
        var stats = guangxi.Statistics;
        Assert.Equal(5, stats.Nodes);
        Assert.Equal(4, stats.Edges);
        Assert.Equal(4.0 * 2 / (5 * 4), stats.Density, 1e-9);
        Assert.Equal(2, stats.Components);
        Assert.Equal(4, stats.LargestComponent);
        Assert.Equal(1, stats.Isolated);
        Assert.Equal(4, stats.InRegionTies);
        Assert.Equal(0, stats.OutOfRegionTies);
        // Two ties leave Guangxi, both to Tsinghua (区外).
        Assert.Equal(2, stats.ExternalTies);
        Assert.Equal(2, stats.ExternalOutOfRegionTies);
    }

    [Fact]
    public void NetworkOfAllOrganisationsSplitsTiesIntoInRegionAndOutOfRegion()
    {
        using var projection = _data.Build();

        var stats = projection.Network(new NetworkQuery()).Statistics;

        Assert.Equal(7, stats.Nodes);
        Assert.Equal(7, stats.Edges);
        Assert.Equal(4, stats.InRegionTies);
        Assert.Equal(3, stats.OutOfRegionTies);
        Assert.Equal(4.0 / 7, stats.InRegionShare, 1e-6);
        Assert.Equal(0, stats.ExternalTies);
    }

    [Fact]
    public void NetworkByFieldIncludesSubFieldsAndMinWeightDropsLightTies()
    {
        using var projection = _data.Build();

        // machinery covers construction-machinery (liuzhou-a) and the two universities; auto-parts is automotive.
        var machinery = projection.Network(new NetworkQuery(new OrganizationSelection(Field: "machinery")));
        Assert.Equal([_a, _gxu, _tsinghua], machinery.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));

        var heavy = projection.Network(new NetworkQuery(MinWeight: 3));
        Assert.All(heavy.Edges, e => Assert.True(e.Weight >= 3));
        Assert.Equal(3, heavy.Statistics.Edges);
    }

    [Fact]
    public void EvolutionListsNewAndLostTiesBetweenTwoYears()
    {
        using var projection = _data.Build();

        var change = projection.Evolution(null, 2019, 2023);

        Assert.Equal([(_d, _tsinghua)], change.LostTies.Select(e => (e.SourceId, e.TargetId)));
        Assert.Contains(change.NewTies, e => (e.SourceId, e.TargetId) == (_b, _tsinghua));
        Assert.Equal(1, change.KeptTies);
        Assert.Equal(2, change.FromStatistics.Edges);
    }

    [Fact]
    public void RankingsOrderOrganisationsByTheMetric()
    {
        using var projection = _data.Build();
        var everyone = new NetworkQuery();

        var degree = projection.Rank(everyone, RankingMetric.Degree, top: 2);
        // liuzhou-c, nanning-b and Tsinghua have three partners each; ties break by id.
        Assert.Equal([_c, _b], degree.Top.Select(r => r.OrganizationId));
        Assert.Equal(3, degree.Top[0].Score);

        var betweenness = projection.Rank(everyone, RankingMetric.Betweenness, top: 1);
        Assert.True(betweenness.Exact);
        Assert.Equal(_tsinghua, betweenness.Top[0].OrganizationId);

        // Each of liuzhou-c, nanning-b and Tsinghua has partners in two other prefectures; liuzhou-a in one.
        var bridging = projection.Rank(everyone, RankingMetric.RegionBridging, top: 4);
        Assert.Equal([_c, _b, _tsinghua], bridging.Top.Take(3).Select(r => r.OrganizationId));
        Assert.Equal([2.0, 2.0, 2.0, 1.0], bridging.Top.Select(r => r.Score));

        var pageRank = projection.Rank(everyone, RankingMetric.PageRank, top: 7);
        Assert.Equal(_lonely, pageRank.Top[^1].OrganizationId);
    }

    [Fact]
    public void CommunitiesCoverEverySelectedOrganisationOnce()
    {
        using var projection = _data.Build();

        var partition = projection.Communities(new NetworkQuery());

        Assert.Equal(7, partition.Communities.Sum(c => c.MemberIds.Count));
        Assert.Equal(7, partition.Communities.SelectMany(c => c.MemberIds).Distinct().Count());
        Assert.InRange(partition.Modularity, 0.0, 1.0);
        Assert.Throws<InvalidInputException>(() => projection.Communities(new NetworkQuery(), "leiden"));
    }

    [Fact]
    public void AnUnknownRegionOrFieldIsRejectedWithItsName()
    {
        using var projection = _data.Build();
        var region = Assert.Throws<InvalidInputException>(() => projection.Network(new NetworkQuery(new OrganizationSelection(Region: "45"))));
        Assert.Contains("'45'", region.Message, StringComparison.Ordinal);
        var field = Assert.Throws<InvalidInputException>(() => projection.Network(new NetworkQuery(new OrganizationSelection(Field: "alchemy"))));
        Assert.Contains("'alchemy'", field.Message, StringComparison.Ordinal);
    }
}
