using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Tests.Policy;

public sealed class PolicyIndicatorsTests
{
    static EnterpriseProfile Industrial(string id, decimal revenue = 50000m, bool rdActivity = false, bool rdInstitution = false) => new(
        id, "450200", ["auto"], 500, revenue, 0m, rdActivity, AboveDesignatedSize: revenue >= 2000m, Industrial: true,
        StateOwned: false, HighTech: false, InventionPatents: 0, HasRdInstitution: rdInstitution, HasPlatform: false);

    [Fact]
    public void AnIndustrialEnterpriseWithExactlyFiveHundredMillionAndNoRdIsOnTheDoubleZeroList() =>
        Assert.True(PolicyIndicators.IsDoubleZero(Industrial("a", 50000m)));

    [Fact]
    public void OneAtJustUnderFiveHundredMillionIsNot() =>
        Assert.False(PolicyIndicators.IsDoubleZero(Industrial("a", 49999.99m)));

    [Fact]
    public void OneWithRdActivityOrAnInstitutionIsNot()
    {
        Assert.False(PolicyIndicators.IsDoubleZero(Industrial("a", rdActivity: true)));
        Assert.False(PolicyIndicators.IsDoubleZero(Industrial("a", rdInstitution: true)));
    }

    [Fact]
    public void ANonIndustrialEnterpriseIsNotOnTheDoubleZeroList() =>
        Assert.False(PolicyIndicators.IsDoubleZero(Industrial("a") with { Industrial = false }));

    [Fact]
    public void SharesOfAboveScaleIndustrialEnterprisesStandBesideTheThirtyPercentTarget()
    {
        EnterpriseProfile[] enterprises =
        [
            Industrial("a", 3000m, rdActivity: true, rdInstitution: true),
            Industrial("b", 3000m, rdActivity: true),
            Industrial("c", 3000m),
            Industrial("d", 3000m),
            Industrial("small", 1000m, rdActivity: true), // below designated size: outside the population
        ];

        var values = PolicyIndicators.Evaluate(enterprises, 2026, Guangxi(2026));

        var activity = values.Single(v => v.Indicator == Indicator.RdActivityShare);
        Assert.Equal(50m, activity.Value);
        Assert.Equal((2, 4), (activity.Numerator, activity.Denominator));
        Assert.Equal(0m, activity.Gap);
        var institution = values.Single(v => v.Indicator == Indicator.RdInstitutionShare);
        Assert.Equal(25m, institution.Value);
        Assert.Equal(30m, institution.Target!.Target);
        Assert.Equal(2028, institution.Target.Year);
        Assert.Equal("001", institution.Target.Seed);
        Assert.Equal(5m, institution.Gap);
    }

    [Fact]
    public void LiaochengsInstitutionTargetIsFiftyPercentIn2020AndFullCoverageIn2021()
    {
        Assert.Equal(50m, IndicatorTargets.Shipped.For(Indicator.RdInstitutionShare, "371500", 2020)!.Target);
        Assert.Equal(100m, IndicatorTargets.Shipped.For(Indicator.RdInstitutionShare, "371500", 2021)!.Target);
        Assert.Equal("聊城市", IndicatorTargets.Shipped.For(Indicator.RdInstitutionShare, "371500", 2021)!.Jurisdiction);
    }

    [Fact]
    public void FiledInstitutionsAreCountedAgainst600In2022And1000In2023()
    {
        var in2022 = PolicyIndicators.Count(Indicator.FiledInstitutions, 450, 2022, IndicatorTargets.Shipped.For(Indicator.FiledInstitutions, "450000", 2022));
        var in2023 = PolicyIndicators.Count(Indicator.FiledInstitutions, 450, 2023, IndicatorTargets.Shipped.For(Indicator.FiledInstitutions, "450000", 2023));

        Assert.Equal(150m, in2022.Gap);
        Assert.Equal(550m, in2023.Gap);
        Assert.Equal("000", in2023.Target!.Seed);
        Assert.Equal(1000m, PolicyIndicators.Count(Indicator.Pairings, 0, 2023, IndicatorTargets.Shipped.For(Indicator.Pairings, "450000", 2023)).Gap);
    }

    [Fact]
    public void TheDoubleZeroCountHasATargetOfZero()
    {
        var value = PolicyIndicators.Evaluate([Industrial("a"), Industrial("b", rdActivity: true)], 2028, Guangxi(2028))
            .Single(v => v.Indicator == Indicator.DoubleZero);

        Assert.Equal(1m, value.Value);
        Assert.Equal(1m, value.Gap);
    }

    [Fact]
    public void StateOwnedAboveScaleIndustrialEnterprisesWithoutEitherAreCounted()
    {
        var bare = Industrial("soe", 3000m) with { StateOwned = true };
        var withActivity = Industrial("soe2", 3000m, rdActivity: true) with { StateOwned = true };

        Assert.True(PolicyIndicators.IsStateOwnedWithoutRd(bare));
        Assert.False(PolicyIndicators.IsStateOwnedWithoutRd(withActivity));
        Assert.Equal(2, PolicyIndicators.List(FiveList.StateOwnedAboveScaleIndustrial, [bare, withActivity]).Count);
    }

    [Fact]
    public void TheHighTechShareCountsHighTechEnterprisesThatAreAboveScaleIndustrial()
    {
        var value = PolicyIndicators.Evaluate(
            [Industrial("a", 3000m) with { HighTech = true }, Industrial("b", 500m) with { HighTech = true }, Industrial("c", 3000m)], 2028, Guangxi(2028))
            .Single(v => v.Indicator == Indicator.HighTechAboveScaleShare);

        Assert.Equal(50m, value.Value);
        Assert.Equal(0m, value.Gap);
    }

    [Fact]
    public void TheCultivationPoolNeedsOnePercentIntensityAPatentAndAPlatform()
    {
        var candidate = Industrial("a", 10000m) with { RdExpenditure = 100m, InventionPatents = 1, HasPlatform = true };

        Assert.True(PolicyIndicators.IsInCultivationPool(candidate));
        Assert.False(PolicyIndicators.IsInCultivationPool(candidate with { RdExpenditure = 99.99m }));
        Assert.False(PolicyIndicators.IsInCultivationPool(candidate with { InventionPatents = 0 }));
        Assert.False(PolicyIndicators.IsInCultivationPool(candidate with { HasPlatform = false }));
        Assert.False(PolicyIndicators.IsInCultivationPool(candidate with { AboveDesignatedSize = false }));
    }

    [Fact]
    public void TheFiveListsCarryTheNamesOf001()
    {
        Assert.Equal(
        [
            "营收5亿元以上无研发活动和无研发机构的重点工业企业清单", "国有规模以上工业企业清单", "规模以上工业企业\"双提升\"清单",
            "高新技术企业\"小升规\"清单", "规模以上工业企业\"高新化\"清单",
        ], Enum.GetValues<FiveList>().Select(PolicyIndicators.Name));
        var smallHighTech = Industrial("s", 1000m) with { HighTech = true };
        Assert.True(PolicyIndicators.IsOn(FiveList.HighTechToScale, smallHighTech));
        Assert.False(PolicyIndicators.IsOn(FiveList.AboveScaleToHighTech, smallHighTech));
        Assert.True(PolicyIndicators.IsOn(FiveList.AboveScaleToHighTech, Industrial("big", 3000m)));
        Assert.True(PolicyIndicators.IsOn(FiveList.AboveScaleDoubleRaise, Industrial("half", 3000m, rdActivity: true)));
    }

    [Fact]
    public void ACityIsNotHeldToItsProvincesTargetsNorACountyToItsCitys()
    {
        Assert.Null(IndicatorTargets.Shipped.For(Indicator.FiledInstitutions, "450200", 2023));
        Assert.Null(IndicatorTargets.Shipped.For(Indicator.RdInstitutionShare, "371502", 2021));
    }

    [Fact]
    public void AShareOfNoEnterpriseIsNoDataNeitherMetNorMissed()
    {
        var values = PolicyIndicators.Evaluate([], 2028, Guangxi(2028));

        var share = values.Single(v => v.Indicator == Indicator.RdActivityShare);
        Assert.True(share.NoData);
        Assert.Null(share.Gap);
        Assert.Equal(30m, share.Target!.Target);
        Assert.True(values.Single(v => v.Indicator == Indicator.DoubleZero).NoData);
    }

    [Fact]
    public void ATargetsFileIsReadAndItsMistakesNamed()
    {
        var targets = IndicatorTargets.Parse("region,level,year,indicator,target,direction,seed,source\n450200,City,2026,Pairings,120,AtLeast,柳州,示例\n", "t.csv");
        Assert.Equal(120m, targets.For(Indicator.Pairings, "450200", 2025)!.Target);

        var wrongLevel = Assert.Throws<Errors.InvalidInputException>(() => IndicatorTargets.Parse("region,level,year,indicator,target,direction,seed,source\n450200,Province,2026,Pairings,1,AtLeast,x,y\n", "t.csv"));
        Assert.Contains("line 2, level", wrongLevel.Message);
        var unknown = Assert.Throws<Errors.InvalidInputException>(() => IndicatorTargets.Parse("region,level,year,indicator,target,direction,seed,source\n450200,City,2026,Ties,1,AtLeast,x,y\n", "t.csv"));
        Assert.Contains("indicator", unknown.Message);
    }

    [Fact]
    public void TheShippedTargetsAreTheSeeds()
    {
        Assert.Equal(10, IndicatorTargets.Shipped.All.Count);
        Assert.All(IndicatorTargets.Shipped.All, t => Assert.Contains(t.Region, new[] { "450000", "371500" }));
        Assert.Equal(600m, IndicatorTargets.Shipped.For(Indicator.FiledInstitutions, "450000", 2022)!.Target);
    }

    static Func<Indicator, IndicatorTarget?> Guangxi(int year) => indicator => IndicatorTargets.Shipped.For(indicator, "450000", year);
}
