using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Synthetic.Tests;

public sealed class ProvincePresetTests(ProvinceGraphFixture fixture) : IClassFixture<ProvinceGraphFixture>
{
    readonly GeneratedGraph _graph = fixture.Graph;

    [Fact]
    public void ItHoldsAboutTwentyThousandOrganisationsAndAHundredAndFiftyThousandLinks()
    {
        Assert.InRange(_graph.Organizations.Count(), 19_000, 21_000);
        Assert.InRange(_graph.Links.Count, 135_000, 165_000);
    }

    [Fact]
    public void EveryNodeAndLinkIsValidAndUnique()
    {
        Assert.All(_graph.Nodes, n => Assert.Empty(NodeValidator.Default.Validate(n)));
        Assert.All(_graph.Links, l => Assert.Empty(LinkValidator.Default.Validate(l)));
        Assert.Equal(_graph.Links.Count, _graph.Links.Select(l => l.Id).Distinct().Count());
        Assert.All(_graph.Links, l => Assert.True(_graph.NodesById.ContainsKey(l.FromId) && _graph.NodesById.ContainsKey(l.ToId), l.Id));
    }

    [Fact]
    public void EveryValueOfEveryEnumPropertyOccurs()
    {
        foreach (var kind in GraphCatalog.NodeKinds)
        {
            foreach (var property in kind.Properties.Where(p => p.Type == PropertyType.Enum))
            {
                // The generator files R&D institutions directly; filing rounds (review, 认定, reward) are made only
                // through their workflow, in FilingRoundTests.
                if (kind.Kind == NodeKind.Platform && property.Name == "applicationStatus") continue;
                var seen = _graph.Nodes.Where(n => n.Kind == kind.Kind).Select(n => n.Properties.Text(property.Name)).ToHashSet();
                var missing = property.Values!.Select(v => v.Name).Where(v => !seen.Contains(v)).ToList();
                Assert.True(missing.Count == 0, $"{kind.Kind}.{property.Name} never takes {string.Join(", ", missing)}");
            }
        }
        Assert.Equal(["Lead", "Partner"], _graph.Links.Where(l => l.Type == LinkType.ParticipatesIn).Select(l => l.Properties.Text("role")).Distinct().Order());
    }

    [Fact]
    public void MostOrganisationsAreInGuangxi()
    {
        var inGuangxi = _graph.Organizations.Count(o => Regions.IsWithin(o.Properties.Text("region"), "450000"));
        Assert.InRange(inGuangxi / (double)_graph.Organizations.Count(), 0.75, 0.95);
    }

    [Fact]
    public void DegreesAreHeavyTailed()
    {
        var degrees = _graph.OrganizationDegrees();
        var ordered = degrees.Values.OrderDescending().ToList();
        var organisations = _graph.Organizations.Count();
        var ends = ordered.Sum();

        // Hubs: the top 1 % of organisations hold over a quarter of all link ends, the biggest has hundreds of links.
        Assert.True(ordered.Take(organisations / 100).Sum() > ends / 4, $"top 1 % hold {ordered.Take(organisations / 100).Sum()} of {ends}");
        Assert.True(ordered[0] >= 300, $"max degree {ordered[0]}");
        // Most enterprises: none, one or two links.
        var enterprises = _graph.Organizations.Where(o => o.Kind == NodeKind.Enterprise).Select(e => degrees.GetValueOrDefault(e.Id)).Order().ToList();
        Assert.InRange(enterprises[enterprises.Count / 2], 0, 2);
    }

    [Fact]
    public void PairingsFollowFieldFitFarMoreThanChance()
    {
        // The planted model weighs field fit most: a paired university or institute shares the enterprise's field
        // (or a broader or narrower one) far more often than a university or institute drawn at random does.
        var academics = _graph.Organizations.Where(o => GraphCatalog.AcademicKinds.Contains(o.Kind)).ToList();
        var pairings = _graph.Links.Where(l => l.Type == LinkType.PairedWith).ToList();
        double Share(IEnumerable<(NodeInput Enterprise, NodeInput Academic)> pairs) =>
            pairs.Average(p => Related(p.Enterprise.Properties.List("fields")[0], p.Academic.Properties.List("fields")) ? 1.0 : 0.0);

        var paired = Share(pairings.Select(l => (_graph.NodesById[l.FromId], _graph.NodesById[l.ToId])));
        var random = Share(pairings.Select((l, i) => (_graph.NodesById[l.FromId], academics[i * 7919 % academics.Count])));

        Assert.True(paired > 2 * random && paired > 0.5, $"paired {paired:P0}, random {random:P0}");
    }

    static bool Related(string field, IEnumerable<string> fields) =>
        fields.Any(f => TechnologyFields.IsWithin(f, field) || TechnologyFields.IsWithin(field, f));
}
