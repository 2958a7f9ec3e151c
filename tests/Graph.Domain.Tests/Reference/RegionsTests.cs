using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Tests.Reference;

public sealed class RegionsTests
{
    [Fact]
    public void AllThirtyFourProvincialDivisionsAreKnown()
    {
        Assert.Equal(34, Regions.Provinces.Count);
        Assert.Equal("Guangxi Zhuang Autonomous Region", Regions.Find("450000")!.NameEn);
        Assert.Equal("香港特别行政区", Regions.Find("810000")!.Name);
        Assert.Equal("台湾省", Regions.Find("710000")!.Name);
        Assert.All(Regions.Provinces, p => Assert.False(string.IsNullOrEmpty(p.NameEn)));
    }

    [Fact]
    public void GuangxiHasFourteenCitiesAndOneHundredElevenCountyLevelDivisions()
    {
        var cities = Regions.Children("450000");
        var counties = Regions.Descendants("450000").Where(r => r.Level == RegionLevel.County).ToList();

        Assert.Equal(14, cities.Count);
        Assert.Equal(111, counties.Count);
        Assert.Equal(
            ["450100", "450200", "450300", "450400", "450500", "450600", "450700", "450800", "450900", "451000", "451100", "451200", "451300", "451400"],
            cities.Select(c => c.Code));
        Assert.All(counties, c => Assert.Equal(RegionLevel.City, Regions.Find(c.ParentCode)!.Level));
    }

    [Theory]
    [InlineData("450181", "横州市")] // 横县 became a county-level city in 2021
    [InlineData("451082", "平果市")] // 平果县 became a county-level city in 2019
    [InlineData("451003", "田阳区")]
    [InlineData("450206", "柳江区")]
    [InlineData("450381", "荔浦市")]
    [InlineData("371500", "聊城市")]
    public void CurrentCodesAreUsed(string code, string name) => Assert.Equal(name, Regions.Find(code)!.Name);

    [Fact]
    public void ShandongHasItsSixteenCities() =>
        Assert.Equal(16, Regions.Children("370000").Count);

    [Fact]
    public void EveryRegionsParentIsKnownAndOneLevelUp()
    {
        Assert.All(Regions.All.Where(r => r.Level != RegionLevel.Province), r =>
        {
            var parent = Regions.Find(r.ParentCode);
            Assert.NotNull(parent);
            Assert.Equal(r.Level - 1, parent.Level);
            Assert.True(Regions.IsWithin(r.Code, parent.Code));
        });
        Assert.Equal(Regions.All.Count, Regions.All.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public void AProvincesDescendantsIncludeItsCitiesAndTheirCounties()
    {
        var codes = Regions.Descendants("450000").Select(r => r.Code).ToHashSet();

        Assert.Contains("450200", codes);
        Assert.Contains("450222", codes);
        Assert.DoesNotContain("450000", codes);
        Assert.DoesNotContain("371500", codes);
    }

    [Theory]
    [InlineData("450222", "450200", true)]
    [InlineData("450222", "450000", true)]
    [InlineData("450299", "450200", true)]  // unknown codes are placed by structure
    [InlineData("450200", "450200", true)]
    [InlineData("450322", "450200", false)]
    [InlineData("450200", "450222", false)]
    [InlineData("371500", "450000", false)]
    [InlineData("4502", "450000", false)]
    public void IsWithinFollowsTheCodeStructure(string code, string ancestor, bool expected) =>
        Assert.Equal(expected, Regions.IsWithin(code, ancestor));

    [Theory]
    [InlineData("450222", "450222")]
    [InlineData("450299", "450200")] // unknown county → its city
    [InlineData("459900", "450000")] // unknown city → its province
    [InlineData("440305", "440000")]
    public void ResolveFindsTheNearestKnownRegion(string code, string expected) =>
        Assert.Equal(expected, Regions.Resolve(code)!.Code);

    [Theory]
    [InlineData("990000")]
    [InlineData("45020")]
    [InlineData("45020x")]
    [InlineData(null)]
    public void ResolveGivesNothingForCodesOutsideEveryProvince(string? code) => Assert.Null(Regions.Resolve(code));

    [Fact]
    public void TheChainRunsFromCountyToProvince() =>
        Assert.Equal(["450222", "450200", "450000"], Regions.Chain("450222").Select(r => r.Code));
}

public sealed class LocalityTests
{
    [Theory]
    [InlineData("450222", "450000", false, RegionLocality.InRegion)]
    [InlineData("450000", "450000", false, RegionLocality.InRegion)]
    [InlineData("110108", "450000", false, RegionLocality.OutOfRegion)]
    [InlineData("810000", "450000", false, RegionLocality.OutOfRegion)]
    [InlineData("371500", "370000", false, RegionLocality.InRegion)] // Liaocheng seen from Shandong
    [InlineData("450200", "370000", false, RegionLocality.OutOfRegion)]
    [InlineData("450200", "450000", true, RegionLocality.Abroad)]
    [InlineData(null, "450000", true, RegionLocality.Abroad)]
    public void LocalityIsRelativeToTheHomeProvince(string? region, string home, bool abroad, RegionLocality expected) =>
        Assert.Equal(expected, Locality.Of(region, home, abroad));

    [Fact]
    public void GuangxiIsTheDefaultHomeAndAnUnknownRegionHasNoLocality()
    {
        Assert.Equal(RegionLocality.InRegion, Locality.Of("450200"));
        Assert.Null(Locality.Of(null));
    }
}
