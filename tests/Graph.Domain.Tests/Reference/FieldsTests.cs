using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Tests.Reference;

public sealed class FieldsTests
{
    [Fact]
    public void TheTaxonomyLoadsWithStableCodesAndKnownParents()
    {
        Assert.True(TechnologyFields.All.Count >= 60);
        Assert.Equal("汽车", TechnologyFields.Find("automotive")!.Name);
        Assert.All(TechnologyFields.All.Where(f => f.ParentCode is not null), f => Assert.NotNull(TechnologyFields.Find(f.ParentCode)));
        Assert.Equal(TechnologyFields.All.Count, TechnologyFields.All.Select(f => f.Code).Distinct().Count());
    }

    [Fact]
    public void DescendantsReachEveryDepth()
    {
        var codes = TechnologyFields.Descendants("manufacturing").Select(f => f.Code).ToList();

        Assert.Contains("automotive", codes);
        Assert.Contains("new-energy-vehicles", codes);
        Assert.DoesNotContain("manufacturing", codes);
        Assert.DoesNotContain("biomedicine", codes);
    }

    [Theory]
    [InlineData("new-energy-vehicles", "manufacturing", true)]
    [InlineData("new-energy-vehicles", "automotive", true)]
    [InlineData("automotive", "automotive", true)]
    [InlineData("automotive", "new-energy-vehicles", false)]
    [InlineData("sugar", "manufacturing", false)]
    [InlineData("no-such-field", "manufacturing", false)]
    public void IsWithinFollowsTheParentChain(string code, string ancestor, bool expected) =>
        Assert.Equal(expected, TechnologyFields.IsWithin(code, ancestor));

    [Fact]
    public void TheChainRunsToTheRoot() =>
        Assert.Equal(["new-energy-vehicles", "automotive", "manufacturing"], TechnologyFields.Chain("new-energy-vehicles").Select(f => f.Code));

    [Theory]
    [InlineData("汽车", "automotive")]
    [InlineData("电动汽车", "new-energy-vehicles")]
    [InlineData("Automotive", "automotive")]
    [InlineData("automotive parts", "auto-parts")]
    [InlineData(" 芯片 ", "integrated-circuits")]
    [InlineData("工程机械", "construction-machinery")] // a name wins over another field's alias
    [InlineData("节能环保", "energy-saving")]
    public void FindByNameTakesNamesEnglishNamesAndAliases(string name, string code) =>
        Assert.Equal(code, TechnologyFields.FindByName(name)!.Code);

    [Theory]
    [InlineData("")]
    [InlineData("火星采矿")]
    [InlineData(null)]
    public void AnUnknownNameFindsNothing(string? name) => Assert.Null(TechnologyFields.FindByName(name));
}
