using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Tests.Policy;

public sealed class ProjectPriorityTests
{
    static ProjectParticipant Lead(decimal funding) => new("firm", PartyKind.Enterprise, ProjectRole.Lead, funding);

    [Fact]
    public void TwentyPercentToUniversitiesAndInstitutesQualifies()
    {
        var decision = ProjectPriority.Check(new ProjectFunding("p1", 300m),
        [
            Lead(240m),
            new("gxu", PartyKind.University, ProjectRole.Partner, 33.33m),
            new("cas", PartyKind.ResearchInstitute, ProjectRole.Partner, 26.67m),
        ]);

        Assert.True(decision.Priority);
        Assert.Equal(0.2m, decision.AcademicShare);
        Assert.Contains("20 %", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NineteenPointNinePercentDoesNotQualify()
    {
        var decision = ProjectPriority.Check(new ProjectFunding("p1", 1000m), [Lead(801m), new("gxu", PartyKind.University, ProjectRole.Partner, 199m)]);

        Assert.False(decision.Priority);
        Assert.Equal("universities and institutes receive 19.9 % of the public funding, below 20 %", decision.Reason);
    }

    [Fact]
    public void AUniversityLedProjectGetsNoPriority()
    {
        var decision = ProjectPriority.Check(new ProjectFunding("p1", 100m),
            [new("gxu", PartyKind.University, ProjectRole.Lead, 60m), new("firm", PartyKind.Enterprise, ProjectRole.Partner, 40m)]);

        Assert.False(decision.Priority);
        Assert.Contains("not led by an enterprise", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnterpriseOnlyProjectGetsNoPriority()
    {
        var decision = ProjectPriority.Check(new ProjectFunding("p1", 100m), [Lead(50m), new("other", PartyKind.Enterprise, ProjectRole.Partner, 50m)]);

        Assert.False(decision.Priority);
        Assert.Contains("no university or research institute", decision.Reason, StringComparison.Ordinal);
    }
}
