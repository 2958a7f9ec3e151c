using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Synthetic.Tests;

public sealed class SyntheticGraphTests
{
    static readonly GeneratedGraph Tiny = new(SyntheticPreset.Tiny, 7);

    [Fact]
    public void TheSameSeedGivesTheSameStream() =>
        Assert.Equal(
            GeneratedGraph.Hash(SyntheticGraph.Create(SyntheticPreset.Tiny, 7)),
            GeneratedGraph.Hash(SyntheticGraph.Create(SyntheticPreset.Tiny, 7)));

    [Fact]
    public void ADifferentSeedGivesADifferentStream() =>
        Assert.NotEqual(
            GeneratedGraph.Hash(SyntheticGraph.Create(SyntheticPreset.Tiny, 7)),
            GeneratedGraph.Hash(SyntheticGraph.Create(SyntheticPreset.Tiny, 8)));

    [Fact]
    public void LinksCanBeStreamedAgainWithTheSameResult() =>
        Assert.Equal(Tiny.Links.Select(l => l.Id), Tiny.Graph.Links().Select(l => l.Id));

    [Fact]
    public void EveryNodeKindAndLinkTypeOccurs()
    {
        Assert.Equal(Enum.GetValues<NodeKind>().Order(), Tiny.Nodes.Select(n => n.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<LinkType>().Order(), Tiny.Links.Select(l => l.Type).Distinct().Order());
    }

    [Fact]
    public void EveryNodeAndLinkIsValid()
    {
        Assert.All(Tiny.Nodes, n => Assert.Empty(NodeValidator.Default.Validate(n)));
        Assert.All(Tiny.Links, l => Assert.Empty(LinkValidator.Default.Validate(l)));
    }

    [Fact]
    public void NodeAndLinkIdsAreUniqueAndEveryLinkEndIsAGeneratedNode()
    {
        Assert.Equal(Tiny.Nodes.Count, Tiny.NodesById.Count);
        Assert.Equal(Tiny.Links.Count, Tiny.Links.Select(l => l.Id).Distinct().Count());
        Assert.All(Tiny.Links, l =>
        {
            Assert.True(Tiny.NodesById.ContainsKey(l.FromId), l.FromId);
            Assert.True(Tiny.NodesById.ContainsKey(l.ToId), l.ToId);
        });
    }

    [Fact]
    public void EnterprisesAreKeyedByValidCreditCodesOfTheirRegion()
    {
        var enterprises = Tiny.Nodes.Where(n => n.Kind == NodeKind.Enterprise).ToList();
        Assert.All(enterprises, e =>
        {
            Assert.True(CreditCode.IsValid(e.Key), e.Key);
            Assert.Equal(e.Properties.Text("region"), CreditCode.RegionCode(e.Key));
        });
    }

    [Fact]
    public void EnterpriseFiguresAgreeWithTheSizeRules()
    {
        foreach (var e in Tiny.Nodes.Where(n => n.Kind == NodeKind.Enterprise))
        {
            var p = e.Properties;
            var revenue = p.Decimal("revenue")!.Value;
            Assert.Equal(EnterpriseSize.IsAboveDesignatedSize(p.Flag("industrial")!.Value, revenue), p.Flag("aboveDesignatedSize"));
            if (p.Flag("techSme") == true)
                Assert.NotEqual(EnterpriseSizeClass.Large, EnterpriseSize.Classify(p.Integer("employees")!.Value, revenue));
            Assert.True(p.Decimal("rdExpenditure") <= revenue);
            Assert.Equal(p.Decimal("rdExpenditure") > 0, p.Flag("hasRdActivity"));
        }
    }

    [Fact]
    public void LinkDatesLieInTheYearsOfTheSimulation()
    {
        Assert.All(Tiny.Links, l =>
        {
            Assert.InRange(l.StartDate!.Value.Year, 2015, 2026);
            Assert.Equal(Tiny.Graph.Source, l.Source);
        });
        Assert.True(Tiny.Links.Select(l => l.StartDate!.Value.Year).Distinct().Count() >= 10);
    }

    [Fact]
    public void TheTinyPresetIsAFewHundredOrganisations() =>
        Assert.InRange(Tiny.Organizations.Count(), 300, 600);

    [Theory]
    [InlineData("tiny")]
    [InlineData("Province")]
    [InlineData("COUNTRY")]
    public void PresetsAreFoundByName(string name) =>
        Assert.Equal(name, SyntheticPreset.Find(name)!.Name, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void AnUnknownPresetIsNotFound() => Assert.Null(SyntheticPreset.Find("planet"));

    [Fact]
    public void ChallengeApplicantsKeepTheEligibilityRule()
    {
        var links = Tiny.Links;
        var posters = links.Where(l => l.Type == LinkType.Posts).ToDictionary(l => l.ToId, l => l.FromId);
        var parents = links.Where(l => l.Type == LinkType.SubsidiaryOf).ToDictionary(l => l.FromId, l => l.ToId);
        var leads = links.Where(l => l.Type == LinkType.Leads && l.ToId.StartsWith("Consortium:")).ToDictionary(l => l.ToId, l => l.FromId);
        var applications = links.Where(l => l.Type == LinkType.AppliesTo).ToList();
        Assert.NotEmpty(applications);
        foreach (var application in applications)
        {
            var poster = posters[application.ToId];
            var applicant = leads.GetValueOrDefault(application.FromId, application.FromId);
            Assert.NotEqual(poster, applicant);
            Assert.NotEqual(poster, parents.GetValueOrDefault(applicant));
        }
        var applied = applications.Select(a => (a.FromId, a.ToId)).ToHashSet();
        Assert.All(links.Where(l => l.Type == LinkType.Awarded), w => Assert.Contains((w.FromId, w.ToId), applied));
    }

    [Fact]
    public void ProjectFundingSharesAddUpToAtMostAHundredPercent()
    {
        foreach (var project in Tiny.Links.Where(l => l.Type == LinkType.ParticipatesIn).GroupBy(l => l.ToId))
        {
            Assert.InRange(project.Sum(l => l.Properties.Decimal("fundingShare")!.Value), 0m, 100m);
            Assert.Single(project, l => l.Properties.Text("role") == "Lead");
        }
    }

    [Fact]
    public void TheLogarithmAndExponentialAgreeWithTheLibrarys()
    {
        foreach (var x in new[] { 1e-300, 1e-10, 0.001, 0.5, 1, 1.5, 2, 10, 12345.678, 1e300 })
            Assert.Equal(Math.Log(x), ExactMath.Log(x), Math.Abs(Math.Log(x)) * 1e-14 + 1e-15);
        foreach (var x in new[] { -700, -20, -1, -1e-9, 0, 0.3, 1, 5, 100, 700 })
            Assert.Equal(Math.Exp(x), ExactMath.Exp(x), Math.Exp(x) * 1e-14);
    }
}
