using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Tests.Policy;

public sealed class CentreEventTextTests
{
    [Theory]
    [InlineData("2023-09-01 Approved")]
    [InlineData("2023-12-25 AnnualReportSubmitted 2023")]
    [InlineData("2024-11-20 BuildEvaluation Failed")]
    [InlineData("2024-07-05 Acceptance Passed")]
    [InlineData("2025-09-30 LongTermEvaluation Fail")]
    [InlineData("2025-06-30 Delisted StillFailingAfterRectification")]
    public void EventsRoundTripThroughTheirText(string text) =>
        Assert.Equal(text, CentreEventText.Format(CentreEventText.Parse(text)));

    [Fact]
    public void AFailedBuildEvaluationReadsAsNotPassed()
    {
        var e = CentreEventText.Parse("2024-11-20 BuildEvaluation Failed");

        Assert.Equal(new CentreEvent(CentreEventKind.BuildEvaluation, new DateOnly(2024, 11, 20), Passed: false), e);
    }

    [Theory]
    [InlineData("2024-13-01 Approved")]
    [InlineData("2024-01-01 Opened")]
    [InlineData("2024-01-01 BuildEvaluation Maybe")]
    [InlineData("2024-01-01 AnnualReportSubmitted last-year")]
    [InlineData("Approved")]
    public void AMalformedEventIsInvalidInputNamingIt(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => CentreEventText.Parse(text));

        Assert.Contains(text, error.Message);
    }

    [Theory]
    [InlineData("张示例@University:demo-tech-univ", "张示例", "University:demo-tech-univ")]
    [InlineData("周示例", "周示例", null)]
    public void CommitteeMembersAreWrittenAsNameAtOrganisation(string text, string name, string? organisation)
    {
        var member = InnovationCentreWorkflow.ParseMember(text);

        Assert.Equal(new CommitteeMember(name, organisation), member);
        Assert.Equal(text, InnovationCentreWorkflow.FormatMember(member));
    }

    [Fact]
    public void AMemberNameHoldingTheSeparatorIsRefused() =>
        Assert.Throws<InvalidInputException>(() => InnovationCentreWorkflow.FormatMember(new CommitteeMember("王@示例", null)));
}
