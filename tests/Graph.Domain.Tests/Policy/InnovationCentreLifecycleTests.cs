using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Tests.Policy;

public sealed class InnovationCentreLifecycleTests
{
    static readonly DateOnly ApprovedOn = new(2022, 3, 15);

    static List<CentreEvent> Approved() =>
    [
        new(CentreEventKind.Applied, new(2021, 10, 1)),
        new(CentreEventKind.Reviewed, new(2022, 1, 10)),
        new(CentreEventKind.Approved, ApprovedOn),
    ];

    static CentreEvent Report(int year, DateOnly on) => new(CentreEventKind.AnnualReportSubmitted, on, ReportYear: year);

    [Fact]
    public void TheApprovedCentreIsNamedAsUnderConstruction() =>
        Assert.Equal("广西壮族自治区智能制造技术创新中心（筹）", InnovationCentreLifecycle.ProvisionalName("智能制造"));

    [Fact]
    public void TheYearlyReportIsDueBy31DecemberAndOverdueFrom1January()
    {
        var history = Approved();

        var onNewYearsEve = Assert.Single(InnovationCentreLifecycle.Obligations(history, new DateOnly(2022, 12, 31)));
        Assert.Equal(CentreObligationKind.AnnualReport, onNewYearsEve.Kind);
        Assert.False(onNewYearsEve.Overdue);

        var nextDay = InnovationCentreLifecycle.Obligations(history, new DateOnly(2023, 1, 1));
        Assert.True(nextDay.Single(o => o.DueBy == new DateOnly(2022, 12, 31)).Overdue);
        Assert.True(InnovationCentreLifecycle.IsOverdue(history, new DateOnly(2023, 1, 1)));
    }

    [Fact]
    public void ASubmittedReportClearsItsYear()
    {
        var history = Approved();
        history.Add(Report(2022, new DateOnly(2022, 12, 20)));

        Assert.Empty(InnovationCentreLifecycle.Obligations(history, new DateOnly(2022, 12, 31)));
        Assert.False(InnovationCentreLifecycle.IsOverdue(history, new DateOnly(2023, 6, 1)));
    }

    [Fact]
    public void AFailedBuildEvaluationGivesSixMonthsToFix()
    {
        var history = Approved();
        history.Add(Report(2022, new DateOnly(2022, 12, 20)));
        history.Add(new(CentreEventKind.BuildEvaluation, new DateOnly(2023, 2, 1), Passed: false));

        var due = InnovationCentreLifecycle.Obligations(history, new DateOnly(2023, 8, 1)).Single(o => o.Kind == CentreObligationKind.BuildRectification);
        Assert.Equal(new DateOnly(2023, 8, 1), due.DueBy);
        Assert.False(due.Overdue);
        Assert.True(InnovationCentreLifecycle.Obligations(history, new DateOnly(2023, 8, 2)).Single(o => o.Kind == CentreObligationKind.BuildRectification).Overdue);

        history.Add(new(CentreEventKind.BuildEvaluation, new DateOnly(2023, 7, 20), Passed: true));
        Assert.DoesNotContain(InnovationCentreLifecycle.Obligations(history, new DateOnly(2023, 9, 1)), o => o.Kind == CentreObligationKind.BuildRectification);
    }

    [Fact]
    public void AcceptanceFallsDueThreeYearsAfterApproval()
    {
        var history = Approved();
        history.AddRange([Report(2022, new(2022, 12, 1)), Report(2023, new(2023, 12, 1)), Report(2024, new(2024, 12, 1))]);

        history.Add(Report(2025, new(2025, 1, 10)));
        Assert.Empty(InnovationCentreLifecycle.Obligations(history, new DateOnly(2025, 3, 14)));
        var due = Assert.Single(InnovationCentreLifecycle.Obligations(history, new DateOnly(2025, 3, 15)));
        Assert.Equal(CentreObligationKind.Acceptance, due.Kind);
        Assert.True(InnovationCentreLifecycle.Obligations(history, new DateOnly(2025, 3, 16)).Single().Overdue);

        history.Add(new(CentreEventKind.Acceptance, new DateOnly(2025, 4, 1), Passed: true));
        history.Add(new(CentreEventKind.Accredited, new DateOnly(2025, 5, 1)));
        Assert.Equal(CentreStage.Accredited, InnovationCentreLifecycle.StageOn(history, new DateOnly(2025, 5, 1)));
        Assert.Empty(InnovationCentreLifecycle.Obligations(history, new DateOnly(2025, 5, 1)));
    }

    [Fact]
    public void AFailedLongTermEvaluationGivesOneYearAndFailingAgainIsAGroundForDelisting()
    {
        var history = Approved();
        history.AddRange([Report(2022, new(2022, 12, 1)), Report(2023, new(2023, 12, 1)), Report(2024, new(2024, 12, 1)), Report(2025, new(2025, 12, 1))]);
        history.Add(new(CentreEventKind.Accredited, new DateOnly(2025, 5, 1)));
        history.Add(new(CentreEventKind.LongTermEvaluation, new DateOnly(2025, 11, 1), Grade: EvaluationGrade.Fail));

        var due = Assert.Single(InnovationCentreLifecycle.Obligations(history, new DateOnly(2025, 12, 1)));
        Assert.Equal(CentreObligationKind.LongTermRectification, due.Kind);
        Assert.Equal(new DateOnly(2026, 11, 1), due.DueBy);
        Assert.Empty(InnovationCentreLifecycle.GroundsShownBy(history, new DateOnly(2025, 12, 1)));

        history.Add(new(CentreEventKind.LongTermEvaluation, new DateOnly(2026, 11, 1), Grade: EvaluationGrade.Fail));
        Assert.Equal([DelistingGround.StillFailingAfterRectification], InnovationCentreLifecycle.GroundsShownBy(history, new DateOnly(2026, 11, 2)));
    }

    [Fact]
    public void AnOverdueReportIsAGroundForDelistingAndADelistedCentreOwesNothing()
    {
        var history = Approved();

        Assert.Equal([DelistingGround.AnnualReportNotSubmitted], InnovationCentreLifecycle.GroundsShownBy(history, new DateOnly(2023, 1, 5)));

        history.Add(new(CentreEventKind.Delisted, new DateOnly(2023, 3, 1), Ground: DelistingGround.AnnualReportNotSubmitted));
        Assert.Equal(CentreStage.Delisted, InnovationCentreLifecycle.StageOn(history, new DateOnly(2023, 3, 1)));
        Assert.Empty(InnovationCentreLifecycle.Obligations(history, new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void TheSeedListsSixGroundsForDelisting() => Assert.Equal(6, Enum.GetValues<DelistingGround>().Length);
}

public sealed class InnovationCentreRecordTests
{
    static IReadOnlyList<CentreEvent> Build(params CentreEvent[] events) =>
        events.Aggregate((IReadOnlyList<CentreEvent>)[], InnovationCentreLifecycle.Record);

    static readonly CentreEvent[] UpToApproval =
    [
        new(CentreEventKind.Applied, new(2022, 1, 1)),
        new(CentreEventKind.Reviewed, new(2022, 2, 1)),
        new(CentreEventKind.Approved, new(2022, 3, 1)),
    ];

    [Fact]
    public void ACentreGoesFromApplicationToAccreditation()
    {
        var history = Build([.. UpToApproval,
            new(CentreEventKind.Acceptance, new(2025, 3, 1), Passed: true),
            new(CentreEventKind.Accredited, new(2025, 4, 1)),
            new(CentreEventKind.LongTermEvaluation, new(2026, 4, 1), Grade: EvaluationGrade.Good)]);

        Assert.Equal(CentreStage.Accredited, InnovationCentreLifecycle.StageOn(history, new(2026, 5, 1)));
    }

    [Fact]
    public void AcceptanceBeforeTheThreeYearBuildIsOverIsRefused()
    {
        var error = Assert.Throws<RuleViolationException>(() => Build([.. UpToApproval, new(CentreEventKind.Acceptance, new(2025, 2, 28), Passed: true)]));

        Assert.Equal("cannot record Acceptance on 2025-02-28: acceptance comes after the 3-year build", error.Message);
    }

    [Fact]
    public void ApprovalWithoutReviewIsRefused() =>
        Assert.Throws<RuleViolationException>(() => Build(new CentreEvent(CentreEventKind.Applied, new(2022, 1, 1)), new CentreEvent(CentreEventKind.Approved, new(2022, 3, 1))));

    [Fact]
    public void AccreditationWithoutAPassedAcceptanceIsRefused() =>
        Assert.Throws<RuleViolationException>(() => Build([.. UpToApproval, new(CentreEventKind.Acceptance, new(2025, 3, 1), Passed: false), new(CentreEventKind.Accredited, new(2025, 4, 1))]));

    [Fact]
    public void DelistingNamesAGroundAndEndsTheHistory()
    {
        Assert.Throws<RuleViolationException>(() => Build([.. UpToApproval, new(CentreEventKind.Delisted, new(2023, 1, 5))]));
        var delisted = Build([.. UpToApproval, new(CentreEventKind.Delisted, new(2023, 1, 5), Ground: DelistingGround.SeriousFraud)]);
        Assert.Throws<RuleViolationException>(() => InnovationCentreLifecycle.Record(delisted, new(CentreEventKind.AnnualReportSubmitted, new(2023, 2, 1), ReportYear: 2022)));
    }
}
