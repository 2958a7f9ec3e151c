using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Tests.Policy;

public sealed class FilingStandardTests
{
    static RdInstitutionProposal MediumMeetingTheStandard() => new(
        FilingMode.Single, [EnterpriseSizeClass.Medium],
        Staff: 5, EquipmentValue: 50m, AnnualRdSpend: 50m, SiteArea: 50m, Projects: 3, HasRules: true, UniversityOrInstituteAgreements: 1);

    [Fact]
    public void AMediumEnterpriseMeetingEveryThresholdExactlyPasses()
    {
        var check = FilingStandard.Check(MediumMeetingTheStandard());

        Assert.True(check.Passed);
        Assert.Empty(check.Failures);
        Assert.Equal(["site", "staff", "equipment", "spend", "projects", "rules", "agreement"], check.Items.Select(i => i.Key));
    }

    [Fact]
    public void AMediumEnterprisesInstitutionWithFourStaffFailsOnStaffAndSaysItNeedsFive()
    {
        var check = FilingStandard.Check(MediumMeetingTheStandard() with { Staff = 4 });

        Assert.False(check.Passed);
        var staff = Assert.Single(check.Failures);
        Assert.Equal("staff", staff.Key);
        Assert.Equal("有人员", staff.ChineseName);
        Assert.Equal("≥ 5 persons", staff.Required);
        Assert.Equal("4 persons", staff.Actual);
        Assert.Equal("staff: 4 of 5 persons — needs 1 more", staff.Shortfall);
    }

    [Theory]
    [InlineData(EnterpriseSizeClass.Large, 10, 100, 200, 100, 5)]
    [InlineData(EnterpriseSizeClass.Medium, 5, 50, 50, 50, 3)]
    [InlineData(EnterpriseSizeClass.Small, 3, 20, 20, 20, 1)]
    public void EachSizeIsHeldToItsOwnThresholds(EnterpriseSizeClass size, int staff, int equipment, int spend, int site, int projects)
    {
        var exact = new RdInstitutionProposal(FilingMode.Single, [size], staff, equipment, spend, site, projects, true, 1);

        Assert.True(FilingStandard.Check(exact).Passed);
        var below = FilingStandard.Check(exact with { Staff = staff - 1, EquipmentValue = equipment - 0.01m, AnnualRdSpend = spend - 0.01m, SiteArea = site - 0.01m, Projects = projects - 1 });
        Assert.Equal(["site", "staff", "equipment", "spend", "projects"], below.Failures.Select(f => f.Key));
    }

    [Fact]
    public void AMicroEnterpriseIsHeldToTheSmallStandardAndTheCheckSaysSo()
    {
        var check = FilingStandard.Check(new RdInstitutionProposal(FilingMode.Single, [EnterpriseSizeClass.Micro], 3, 20m, 20m, 20m, 1, true, 1));

        Assert.True(check.Passed);
        Assert.Contains(check.Notes, n => n.Contains("micro", StringComparison.Ordinal));
        Assert.False(FilingStandard.Check(new RdInstitutionProposal(FilingMode.Single, [EnterpriseSizeClass.Micro], 2, 20m, 20m, 20m, 1, true, 1)).Passed);
    }

    [Fact]
    public void WithoutRulesOrACooperationAgreementTheFilingFailsOnBoth()
    {
        var check = FilingStandard.Check(MediumMeetingTheStandard() with { HasRules = false, UniversityOrInstituteAgreements = 0 });

        Assert.Equal(["rules", "agreement"], check.Failures.Select(f => f.Key));
        Assert.Contains("needs 1 more", check.Failures.Last().Shortfall, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiEnterpriseWithThreeEnterprisesIsJudgedOnAverages()
    {
        // Three small enterprises: 60 m², 60 万元 equipment and 60 万元 spend average to 20 each, exactly the small standard.
        var joint = new RdInstitutionProposal(FilingMode.MultiEnterprise,
            [EnterpriseSizeClass.Small, EnterpriseSizeClass.Small, EnterpriseSizeClass.Small],
            Staff: 3, EquipmentValue: 60m, AnnualRdSpend: 60m, SiteArea: 60m, Projects: 1, HasRules: true, UniversityOrInstituteAgreements: 1);

        Assert.True(FilingStandard.Check(joint).Passed);

        var short1 = FilingStandard.Check(joint with { SiteArea = 57m });
        var site = Assert.Single(short1.Failures);
        Assert.Equal("site", site.Key);
        Assert.Equal("19 m²", site.Actual);
        Assert.Contains("needs 1 more", site.Shortfall, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiEnterpriseAveragesMustMeetTheLargestParticipantsStandard()
    {
        var joint = new RdInstitutionProposal(FilingMode.MultiEnterprise,
            [EnterpriseSizeClass.Medium, EnterpriseSizeClass.Small],
            Staff: 5, EquipmentValue: 80m, AnnualRdSpend: 100m, SiteArea: 100m, Projects: 3, HasRules: true, UniversityOrInstituteAgreements: 1);

        var check = FilingStandard.Check(joint);

        Assert.Equal(EnterpriseSizeClass.Medium, check.StandardSize);
        var equipment = Assert.Single(check.Failures);
        Assert.Equal("equipment", equipment.Key);
        Assert.Equal("40 万元", equipment.Actual);
    }

    [Fact]
    public void MultiEnterpriseNeedsAtLeastTwoEnterprises()
    {
        var check = FilingStandard.Check(MediumMeetingTheStandard() with { Mode = FilingMode.MultiEnterprise });

        Assert.Equal("participants", Assert.Single(check.Failures).Key);
    }

    [Fact]
    public void TheSevenItemVariantAsksForAchievementsAndTransferInsteadOfProjects()
    {
        var seven = MediumMeetingTheStandard() with { Variant = FilingVariant.SevenHave, Projects = 0 };

        var check = FilingStandard.Check(seven);

        Assert.Equal(["achievements", "transfer"], check.Failures.Select(f => f.Key));
        Assert.All(check.Failures, f => Assert.Equal("000", f.Seed));
        Assert.True(FilingStandard.Check(seven with { HasAchievements = true, HasTransfer = true }).Passed);
    }

    [Fact]
    public void IndustryCoBuildingNeedsACityCertifiedAllianceWithASignedAgreement()
    {
        var coBuilt = new RdInstitutionProposal(FilingMode.IndustryCoBuilding, [EnterpriseSizeClass.Medium], 0, 0m, 0m, 0m, 0, false, 0,
            ExpertTeam: new ExpertServiceTeam(ExpertTeamProvider.IndustryAlliance, CertificationLevel.City, ServiceAgreementSigned: true));

        Assert.True(FilingStandard.Check(coBuilt).Passed);

        var countyOnly = coBuilt with { ExpertTeam = coBuilt.ExpertTeam! with { ProviderCertification = CertificationLevel.County } };
        Assert.Equal("certification", Assert.Single(FilingStandard.Check(countyOnly).Failures).Key);

        Assert.Equal("expertTeam", Assert.Single(FilingStandard.Check(coBuilt with { ExpertTeam = null }).Failures).Key);
    }
}
