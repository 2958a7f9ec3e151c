using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Tests.Validation;

public sealed class LinkValidatorTests
{
    const string Parent = "Enterprise:914403001922038216";
    const string Child = "Enterprise:9144030071526726XG";
    const string University = "University:gxu";

    static IReadOnlyList<ValidationProblem> Problems(LinkInput input) => LinkValidator.Default.Validate(input);

    [Fact]
    public void AWellFormedLinkHasNoProblems() =>
        Assert.Empty(Problems(new LinkInput(LinkType.SubsidiaryOf, Child, Parent, StartDate: new DateOnly(2020, 1, 1),
            EndDate: new DateOnly(2020, 1, 1), Properties: PropertyBag.Of(("shareholding", 100m)))));

    [Fact]
    public void EndsOfKindsTheTypeDoesNotAllowAreARuleViolation()
    {
        var problem = Assert.Single(Problems(new LinkInput(LinkType.SubsidiaryOf, Child, University)));

        Assert.Equal(new ValidationProblem("to", "SUBSIDIARY_OF cannot have a University at its to end (allowed: Enterprise)", ErrorCodes.RuleViolation), problem);
        Assert.Throws<RuleViolationException>(() => LinkValidator.Default.ThrowIfInvalid(new LinkInput(LinkType.SubsidiaryOf, Child, University)));
    }

    [Fact]
    public void PairingGoesFromAnEnterpriseToAUniversityOrInstitute()
    {
        Assert.Empty(Problems(new LinkInput(LinkType.PairedWith, Child, University)));
        Assert.Equal(["from", "to"], Problems(new LinkInput(LinkType.PairedWith, University, Child)).Select(p => p.Field));
    }

    [Theory]
    [InlineData("914403001922038216")]
    [InlineData("Planet:mars")]
    [InlineData("Enterprise:")]
    public void AnEndThatIsNotANodeIdIsRejected(string from) =>
        Assert.Contains(Problems(new LinkInput(LinkType.SubsidiaryOf, from, Parent)), p => p.Field == "from" && p.Message.Contains("is not a node id", StringComparison.Ordinal));

    [Fact]
    public void ALinkCannotJoinANodeToItself() =>
        Assert.Equal(ErrorCodes.RuleViolation, Assert.Single(Problems(new LinkInput(LinkType.SubsidiaryOf, Parent, Parent))).Code);

    [Fact]
    public void TheEndDateMayNotPrecedeTheStartDate()
    {
        var problem = Assert.Single(Problems(new LinkInput(LinkType.PairedWith, Child, University, StartDate: new DateOnly(2021, 5, 2), EndDate: new DateOnly(2021, 5, 1))));

        Assert.Equal(new ValidationProblem("endDate", "2021-05-01 is before the start date 2021-05-02"), problem);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(100.01, false)]
    [InlineData(-0.01, false)]
    public void APercentageLiesBetweenZeroAndAHundred(double share, bool valid)
    {
        var input = new LinkInput(LinkType.SubsidiaryOf, Child, Parent, Properties: PropertyBag.Of(("shareholding", (decimal)share)));

        Assert.Equal(valid, Problems(input).Count == 0);
    }

    [Fact]
    public void ALinkKeyFollowsTheKeyRules() =>
        Assert.Equal("key", Assert.Single(Problems(new LinkInput(LinkType.CooperationAgreement, Child, University, Key: "HT|1"))).Field);

    [Fact]
    public void LinkPropertiesAreCheckedAgainstTheType()
    {
        var input = new LinkInput(LinkType.ParticipatesIn, Child, "Project:p1",
            Properties: PropertyBag.Of(("role", "Leader"), ("amount", 5m)));

        Assert.Equal(["amount", "role"], Problems(input).Select(p => p.Field));
    }

    [Fact]
    public void AReferenceToAnAchievementIsCheckedWhenALookupIsGiven()
    {
        var input = new LinkInput(LinkType.Transfers, University, Child, Key: "HT-1", Properties: PropertyBag.Of(("achievement", "a1"), ("amount", 80m)));

        Assert.Empty(LinkValidator.Default.Validate(input));
        Assert.Empty(new LinkValidator((kind, key) => kind == NodeKind.Achievement && key == "a1").Validate(input));
        Assert.Equal(
            new ValidationProblem("achievement", "no Achievement with key 'a1'", ErrorCodes.NotFound),
            Assert.Single(new LinkValidator((_, _) => false).Validate(input)));
    }
}
