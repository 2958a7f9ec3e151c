using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Tests.Collaboration;

public sealed class DerivationTests
{
    readonly CollaborationData _data = new();
    readonly string _liugong;
    readonly string _yuchai;
    readonly string _gxu;
    readonly string _tsinghua;

    public DerivationTests()
    {
        _liugong = _data.Add(NodeKind.Enterprise, "liugong", "450205");
        _yuchai = _data.Add(NodeKind.Enterprise, "yuchai", "450900");
        _gxu = _data.Add(NodeKind.University, "gxu", "450107");
        _tsinghua = _data.Add(NodeKind.University, "tsinghua", "110108", locality: "OutOfRegion");
    }

    [Fact]
    public void CoBuildingAPlatformIsACollaborationThroughThePlatformWithBothLinksAsEvidence()
    {
        var platform = _data.Add(NodeKind.Platform, "centre");
        var hosts = _data.Link(LinkType.Hosts, _liugong, platform, "2020-03-01");
        var coBuilds = _data.Link(LinkType.CoBuilds, _gxu, platform, "2021-05-10");

        var tie = _data.Build().Between(_liugong, _gxu)!;

        Assert.Equal(CollaborationKinds.Platform, tie.Kinds);
        var evidence = Assert.Single(tie.Evidence);
        Assert.Equal(platform, evidence.ThroughId);
        Assert.Equal([hosts, coBuilds], evidence.LinkIds);
        // Together only once both were in: the later start.
        Assert.Equal(new DateOnly(2021, 5, 10), evidence.From);
        Assert.Equal(new DateOnly(2021, 5, 10), tie.FirstDate);
        Assert.Equal(CollaborationRules.WeightOf(CollaborationKinds.Platform), tie.Weight);
    }

    [Fact]
    public void ASharedNodeOfNOrganisationsGivesEachPairItsWeightOverNMinusOne()
    {
        var consortium = _data.Add(NodeKind.Consortium, "alliance");
        _data.Link(LinkType.Leads, _liugong, consortium);
        _data.Link(LinkType.MemberOf, _yuchai, consortium);
        _data.Link(LinkType.MemberOf, _gxu, consortium);
        _data.Link(LinkType.MemberOf, _tsinghua, consortium);

        var projection = _data.Build();

        var tie = projection.Between(_yuchai, _tsinghua)!;
        Assert.Equal(CollaborationKinds.Consortium, tie.Kinds);
        Assert.Equal(CollaborationRules.WeightOf(CollaborationKinds.Consortium) / 3, tie.Weight, 1e-6);
        Assert.Equal(6, projection.Size.Ties);
    }

    [Theory]
    [InlineData(LinkType.PairedWith, CollaborationKinds.Pairing)]
    [InlineData(LinkType.CooperationAgreement, CollaborationKinds.Agreement)]
    [InlineData(LinkType.Transfers, CollaborationKinds.TechnologyContract)]
    public void ADirectLinkIsItsOwnEvidence(LinkType type, CollaborationKinds kind)
    {
        var link = _data.Link(type, _liugong, _gxu, "2022-01-01", "2024-12-31");

        var tie = _data.Build().Between(_gxu, _liugong)!;

        Assert.Equal(kind, tie.Kinds);
        var evidence = Assert.Single(tie.Evidence);
        Assert.Null(evidence.ThroughId);
        Assert.Equal([link], evidence.LinkIds);
        Assert.Equal(new DateOnly(2024, 12, 31), tie.LastDate);
        Assert.Equal(CollaborationRules.WeightOf(kind), tie.Weight);
    }

    [Fact]
    public void TakingPartInTheSameProjectIsACollaboration()
    {
        var project = _data.Add(NodeKind.Project, "p1");
        _data.Link(LinkType.ParticipatesIn, _yuchai, project, "2023-01-01");
        _data.Link(LinkType.ParticipatesIn, _tsinghua, project, "2023-01-01");

        var tie = _data.Build().Between(_yuchai, _tsinghua)!;

        Assert.Equal(CollaborationKinds.Project, tie.Kinds);
        Assert.Equal(project, tie.Evidence[0].ThroughId);
    }

    [Fact]
    public void WinningAChallengeJoinsThePosterAndTheWinnerButNotTheOtherApplicants()
    {
        var challenge = _data.Add(NodeKind.Challenge, "c1");
        var posts = _data.Link(LinkType.Posts, _liugong, challenge, "2022-02-01");
        _data.Link(LinkType.AppliesTo, _tsinghua, challenge, "2022-03-01");
        var awarded = _data.Link(LinkType.Awarded, _gxu, challenge, "2022-06-01");

        var projection = _data.Build();

        var tie = projection.Between(_liugong, _gxu)!;
        Assert.Equal(CollaborationKinds.Challenge, tie.Kinds);
        Assert.Equal([posts, awarded], tie.Evidence[0].LinkIds);
        Assert.Equal(new DateOnly(2022, 6, 1), tie.FirstDate);
        Assert.Null(projection.Between(_liugong, _tsinghua));
    }

    [Fact]
    public void AChallengeWonByAConsortiumJoinsThePosterAndTheConsortiumsLead()
    {
        var challenge = _data.Add(NodeKind.Challenge, "c2");
        var consortium = _data.Add(NodeKind.Consortium, "team");
        var posts = _data.Link(LinkType.Posts, _liugong, challenge);
        var awarded = _data.Link(LinkType.Awarded, consortium, challenge);
        var leads = _data.Link(LinkType.Leads, _gxu, consortium);

        var tie = _data.Build().Between(_gxu, _liugong)!;

        Assert.Equal(CollaborationKinds.Challenge, tie.Kinds);
        Assert.Equal([posts, awarded, leads], tie.Evidence[0].LinkIds);
    }

    [Fact]
    public void ATechCommissionerJoinsTheEmployerAndTheEnterpriseServed()
    {
        var person = _data.Add(NodeKind.Person, "zhang");
        _data.Link(LinkType.EmployedBy, person, _gxu);
        _data.Link(LinkType.CommissionedTo, person, _yuchai, "2021-09-01");

        var tie = _data.Build().Between(_yuchai, _gxu)!;

        Assert.Equal(CollaborationKinds.Commissioner, tie.Kinds);
        Assert.Equal(person, tie.Evidence[0].ThroughId);
    }

    [Fact]
    public void EvidenceAddsUpKindsAndWeightAndTheFilterKeepsOnlyWhatItAdmits()
    {
        _data.Link(LinkType.PairedWith, _liugong, _gxu, "2019-01-01", "2020-12-31");
        _data.Link(LinkType.Transfers, _gxu, _liugong, "2023-04-01", key: "contract-1");
        _data.Link(LinkType.Transfers, _gxu, _liugong, "2024-04-01", key: "contract-2");
        var projection = _data.Build();

        var all = projection.Between(_liugong, _gxu)!;
        Assert.Equal(CollaborationKinds.Pairing | CollaborationKinds.TechnologyContract, all.Kinds);
        Assert.Equal(3, all.Evidence.Count);
        Assert.Equal(2 + 3 + 3, all.Weight);
        Assert.Equal(new DateOnly(2019, 1, 1), all.FirstDate);
        Assert.Equal(new DateOnly(2024, 4, 1), all.LastDate);

        var contracts = projection.Between(_liugong, _gxu, new CollaborationFilter(CollaborationKinds.TechnologyContract))!;
        Assert.Equal(6, contracts.Weight);

        var in2020 = projection.Between(_liugong, _gxu, CollaborationFilter.During(2020))!;
        Assert.Equal(CollaborationKinds.Pairing, in2020.Kinds);
        Assert.Null(projection.Between(_liugong, _gxu, CollaborationFilter.During(2018)));
    }

    [Fact]
    public void MembershipsThatNeverOverlapInTimeAreNoCollaboration()
    {
        var consortium = _data.Add(NodeKind.Consortium, "old");
        _data.Link(LinkType.MemberOf, _liugong, consortium, "2010-01-01", "2012-12-31");
        _data.Link(LinkType.MemberOf, _yuchai, consortium, "2015-01-01");

        Assert.Null(_data.Build().Between(_liugong, _yuchai));
    }

    [Fact]
    public void LinksOutsideTheRulesMakeNoCollaboration()
    {
        _data.Link(LinkType.SubsidiaryOf, _yuchai, _liugong);
        var challenge = _data.Add(NodeKind.Challenge, "c3");
        _data.Link(LinkType.Posts, _liugong, challenge);
        _data.Link(LinkType.AppliesTo, _yuchai, challenge);

        Assert.Equal(0, _data.Build().Size.Ties);
    }

    [Fact]
    public void AskingAboutANodeThatIsNotAnOrganisationSaysWhat()
    {
        var platform = _data.Add(NodeKind.Platform, "p");
        var projection = _data.Build();

        var wrongKind = Assert.Throws<InvalidInputException>(() => projection.Between(platform, _gxu));
        Assert.Contains("not an organisation", wrongKind.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<NotFoundException>(() => projection.Between("Enterprise:nobody", _gxu));
        Assert.Contains("Enterprise:nobody", missing.Message, StringComparison.Ordinal);
    }
}
