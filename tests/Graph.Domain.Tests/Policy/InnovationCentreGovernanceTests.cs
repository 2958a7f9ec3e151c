using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Tests.Policy;

public sealed class InnovationCentreGovernanceTests
{
    static IReadOnlyList<CommitteeMember> Committee(int fromLead, int fromCoBuilder, int outside) =>
    [
        .. Enumerable.Range(0, fromLead).Select(i => new CommitteeMember($"lead-{i}", "city")),
        .. Enumerable.Range(0, fromCoBuilder).Select(i => new CommitteeMember($"co-{i}", "gxu")),
        .. Enumerable.Range(0, outside).Select(i => new CommitteeMember($"out-{i}", $"elsewhere-{i}")),
    ];

    static InnovationCentreSetup Compliant() => new(
        "city", CentreLeadKind.CityGovernment, ["gxu", "firm"], IndependentLegalEntity: true, HasBoard: true, HasCharter: true,
        Committee(2, 1, 6), new CommitteeMember("chair", "cas"), DirectorMonthsPerYear: 9m);

    [Fact]
    public void ACentreMeetingEveryRuleIsValid()
    {
        var check = InnovationCentreGovernance.Validate(Compliant());

        Assert.True(check.Valid);
        Assert.Empty(check.Problems);
    }

    [Fact]
    public void AnExpertCommitteeOfNineWithFourFromTheLeadUnitIsRefused()
    {
        var check = InnovationCentreGovernance.Validate(Compliant() with { ExpertCommittee = Committee(4, 0, 5) });

        Assert.False(check.Valid);
        Assert.Equal("4 of the 9 expert committee members come from the lead or co-building units; at most 3 may (one third) (004 三(三)2)", Assert.Single(check.Problems));
    }

    [Fact]
    public void AChairFromACoBuilderIsRefused()
    {
        var check = InnovationCentreGovernance.Validate(Compliant() with { CommitteeChair = new CommitteeMember("prof", "gxu") });

        Assert.Contains("chair prof comes from gxu", Assert.Single(check.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsListed()
    {
        var check = InnovationCentreGovernance.Validate(new InnovationCentreSetup(
            "firm", CentreLeadKind.Other, [], false, false, false, [], null, 8.5m));

        Assert.Equal(8, check.Problems.Count);
        Assert.Contains(check.Problems, p => p.Contains("8.5 months", StringComparison.Ordinal));
    }
}
