using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Tests.Policy;

public sealed class ChallengeEligibilityTests
{
    static readonly ChallengeParty Group = new("group", PartyKind.Enterprise, InRegion: true, TechEnterprise: true);
    static readonly ChallengeParty Grandchild = new("grandchild", PartyKind.Enterprise, InRegion: true, TechEnterprise: true);
    static readonly ChallengeParty Child = new("child", PartyKind.Enterprise, InRegion: true, TechEnterprise: true);
    static readonly ChallengeParty OutOfRegionUniversity = new("tsinghua", PartyKind.University, InRegion: false);

    static readonly Dictionary<string, IReadOnlyList<string>> Parents = new()
    {
        ["grandchild"] = ["child"],
        ["child"] = ["group"],
    };

    [Fact]
    public void ASubsidiaryTwoLevelsDownCannotApplyToItsGroupsChallenge()
    {
        var result = ChallengeEligibility.Check(ChallengeKind.TechnologyBreakthrough, Group, Grandchild, Parents);

        Assert.False(result.Eligible);
        Assert.Equal("the applicant grandchild is a subsidiary of the poster group", Assert.Single(result.Reasons));
    }

    [Fact]
    public void ThePosterCannotApplyToItsOwnChallenge()
    {
        var result = ChallengeEligibility.Check(ChallengeKind.TechnologyBreakthrough, Group, Group, Parents);

        Assert.Contains("the applicant group is the poster itself", result.Reasons);
    }

    [Fact]
    public void AConsortiumLedByThePostersSubsidiaryIsRefused()
    {
        var consortium = new ChallengeParty("alliance", PartyKind.Consortium, InRegion: true, Lead: Child);

        var result = ChallengeEligibility.Check(ChallengeKind.TechnologyBreakthrough, Group, consortium, Parents);

        Assert.False(result.Eligible);
        Assert.Equal("the lead of consortium alliance child is a subsidiary of the poster group", Assert.Single(result.Reasons));
    }

    [Fact]
    public void AnOutOfRegionUniversityMayApplyToATechnologyBreakthroughChallenge()
    {
        var result = ChallengeEligibility.Check(ChallengeKind.TechnologyBreakthrough, Group, OutOfRegionUniversity, Parents);

        Assert.True(result.Eligible);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void AnUnrelatedEnterpriseNeedsToBeATechEnterpriseForATechnologyBreakthroughChallenge()
    {
        var plain = new ChallengeParty("plain", PartyKind.Enterprise, InRegion: false);

        Assert.False(ChallengeEligibility.Check(ChallengeKind.TechnologyBreakthrough, Group, plain, Parents).Eligible);
        Assert.True(ChallengeEligibility.Check(ChallengeKind.TechnologyBreakthrough, Group, plain with { TechEnterprise = true }, Parents).Eligible);
    }

    [Fact]
    public void AnOutOfRegionEnterpriseMayNotTakeAnAchievementTransformationChallenge()
    {
        var outside = new ChallengeParty("outside", PartyKind.Enterprise, InRegion: false, TechEnterprise: true);

        var result = ChallengeEligibility.Check(ChallengeKind.AchievementTransformation, OutOfRegionUniversity, outside, Parents);

        Assert.False(result.Eligible);
        Assert.Contains("out-of-region enterprise", Assert.Single(result.Reasons), StringComparison.Ordinal);
        Assert.True(ChallengeEligibility.Check(ChallengeKind.AchievementTransformation, OutOfRegionUniversity, outside with { InRegion = true }, Parents).Eligible);
    }

    [Fact]
    public void AUniversityMayNotTakeAnAchievementTransformationChallengeButAConsortiumLedByAnInRegionEnterpriseMay()
    {
        var university = new ChallengeParty("gxu", PartyKind.University, InRegion: true);
        var led = new ChallengeParty("c1", PartyKind.Consortium, InRegion: true, Lead: Group);

        Assert.False(ChallengeEligibility.Check(ChallengeKind.AchievementTransformation, OutOfRegionUniversity, university, Parents).Eligible);
        Assert.True(ChallengeEligibility.Check(ChallengeKind.AchievementTransformation, OutOfRegionUniversity, led, Parents).Eligible);
        Assert.False(ChallengeEligibility.Check(ChallengeKind.AchievementTransformation, OutOfRegionUniversity, led with { Lead = university }, Parents).Eligible);
    }

    [Fact]
    public void ACycleInTheGroupStructureDoesNotHangTheCheck()
    {
        var cyclic = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"], ["b"] = ["a"] };

        Assert.False(ChallengeEligibility.IsSubsidiaryOf("a", "group", id => cyclic.TryGetValue(id, out var p) ? p : []));
    }
}

public sealed class ChallengeLifecycleTests
{
    static readonly DateOnly Day = new(2021, 7, 1);

    static ChallengeRecord InNegotiation()
    {
        var c = ChallengeLifecycle.Start("ch-1", Day);
        c = ChallengeLifecycle.Move(c, ChallengeStatus.Published, Day.AddDays(10));
        c = ChallengeLifecycle.Move(c, ChallengeStatus.Applying, Day.AddDays(11));
        c = ChallengeLifecycle.Apply(c, "gxu");
        c = ChallengeLifecycle.Move(c, ChallengeStatus.Reviewing, Day.AddDays(40));
        return ChallengeLifecycle.Move(c, ChallengeStatus.Negotiating, Day.AddDays(50));
    }

    [Fact]
    public void TheStatesMatchTheCatalogsChallengeStatuses() =>
        Assert.Equal(GraphCatalog.ChallengeStatuses.Select(v => v.Name), Enum.GetNames<ChallengeStatus>());

    [Fact]
    public void AChallengeRunsFromCollectingToCompletedWithDatedSteps()
    {
        var c = ChallengeLifecycle.Award(InNegotiation(), "gxu", Day.AddDays(60));
        c = ChallengeLifecycle.Move(c, ChallengeStatus.Completed, Day.AddDays(400));

        Assert.Equal(ChallengeStatus.Completed, c.Status);
        Assert.Equal("gxu", c.AwardedTo);
        Assert.Equal(Enum.GetValues<ChallengeStatus>()[..7], c.History.Select(s => s.Status));
        Assert.Equal(Day.AddDays(60), c.History.Single(s => s.Status == ChallengeStatus.Awarded).On);
    }

    [Fact]
    public void SkippingReviewIsRefusedNamingBothStates()
    {
        var c = ChallengeLifecycle.Move(ChallengeLifecycle.Move(ChallengeLifecycle.Start("ch-1", Day), ChallengeStatus.Published, Day), ChallengeStatus.Applying, Day);

        var error = Assert.Throws<RuleViolationException>(() => ChallengeLifecycle.Move(c, ChallengeStatus.Negotiating, Day));

        Assert.Equal("challenge ch-1 cannot move from Applying (揭榜申报) to Negotiating (对接洽谈)", error.Message);
        Assert.Equal(ErrorCodes.RuleViolation, error.Code);
    }

    [Fact]
    public void TheAwardGoesOnlyToAnApplicant()
    {
        var error = Assert.Throws<RuleViolationException>(() => ChallengeLifecycle.Award(InNegotiation(), "stranger", Day.AddDays(60)));

        Assert.Contains("stranger", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChallengeStatus.Collecting, true)]
    [InlineData(ChallengeStatus.Negotiating, true)]
    [InlineData(ChallengeStatus.Awarded, true)]
    [InlineData(ChallengeStatus.Completed, false)]
    [InlineData(ChallengeStatus.Terminated, false)]
    public void EveryStateBeforeCompletionMayBeTerminated(ChallengeStatus from, bool allowed) =>
        Assert.Equal(allowed, ChallengeLifecycle.CanMove(from, ChallengeStatus.Terminated));

    [Fact]
    public void AStepDatedBeforeThePreviousOneIsRefused() =>
        Assert.Throws<RuleViolationException>(() => ChallengeLifecycle.Move(ChallengeLifecycle.Start("ch-1", Day), ChallengeStatus.Published, Day.AddDays(-1)));

    [Fact]
    public void ApplicationsAreTakenOnlyWhileApplying() =>
        Assert.Throws<RuleViolationException>(() => ChallengeLifecycle.Apply(ChallengeLifecycle.Start("ch-1", Day), "gxu"));
}
