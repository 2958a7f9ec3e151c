using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Tests.Reference;

public sealed class ReferenceNodesTests
{
    [Fact]
    public void EveryReferenceNodeIsValidAgainstTheCatalog()
    {
        var nodes = ReferenceNodes.Regions().Concat(ReferenceNodes.Fields()).ToList();

        Assert.Equal(Regions.All.Count + TechnologyFields.All.Count, nodes.Count);
        Assert.All(nodes, n => Assert.Empty(NodeValidator.Default.Validate(n)));
    }

    [Fact]
    public void ARegionNodeCarriesItsLevelAndParent()
    {
        var liuzhou = ReferenceNodes.Regions().Single(n => n.Key == "450200");

        Assert.Equal("Region:450200", liuzhou.Id);
        Assert.Equal("Liuzhou", liuzhou.NameEn);
        Assert.Equal(PropertyBag.Of(("level", "City"), ("parent", "450000")), liuzhou.Properties);
    }

    [Fact]
    public void TheLevelNamesAreThoseOfTheSchema() =>
        Assert.Equal(
            GraphCatalog.Of(NodeKind.Region).Property("level")!.Values!.Select(v => v.Name),
            Enum.GetNames<RegionLevel>());

    [Fact]
    public void TheLocalityNamesAreThoseOfTheSchema() =>
        Assert.Equal(
            GraphCatalog.Of(NodeKind.University).Property("locality")!.Values!.Select(v => v.Name),
            Enum.GetNames<RegionLocality>());
}

public sealed class HomeProvinceTests
{
    [Fact]
    public void GuangxiIsTheDefault()
    {
        Assert.Equal("450000", HomeProvince.Default.Code);
        Assert.True(HomeProvince.Default.Contains("451481"));
        Assert.Equal(RegionLocality.OutOfRegion, HomeProvince.Default.LocalityOf("371500"));
    }

    [Fact]
    public void AnotherProvinceSeesLocalityFromItself()
    {
        var shandong = new HomeProvince("370000");

        Assert.Equal("山东省", shandong.Region.Name);
        Assert.Equal(RegionLocality.InRegion, shandong.LocalityOf("371581"));
        Assert.Equal(RegionLocality.OutOfRegion, shandong.LocalityOf("450200"));
    }

    [Theory]
    [InlineData("450200")]
    [InlineData("990000")]
    [InlineData("")]
    public void OnlyAProvincialDivisionCanBeHome(string code) =>
        Assert.Throws<InvalidInputException>(() => new HomeProvince(code));
}
