using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>What happened to a technology innovation centre on a date (004 四).</summary>
public enum CentreEventKind
{
    /// <summary>提出建设申请: the lead applies.</summary>
    Applied,
    /// <summary>组织咨询论证: the department reviews the plan.</summary>
    Reviewed,
    /// <summary>批准建设: approved, named "…技术创新中心（筹）"; the 3-year build starts.</summary>
    Approved,
    /// <summary>年度工作总结报告 submitted for <see cref="CentreEvent.ReportYear"/>.</summary>
    AnnualReportSubmitted,
    /// <summary>Yearly evaluation during the build (考核评价), passed or not.</summary>
    BuildEvaluation,
    /// <summary>组织验收 after the build, passed or not.</summary>
    Acceptance,
    /// <summary>批复认定: accredited under the final name.</summary>
    Accredited,
    /// <summary>Long-term evaluation (长期管理), graded.</summary>
    LongTermEvaluation,
    /// <summary>摘牌: delisted on a ground.</summary>
    Delisted,
}

/// <summary>Grades of a long-term evaluation (004 四(六)).</summary>
public enum EvaluationGrade
{
    /// <summary>优秀.</summary>
    Excellent,
    /// <summary>良好.</summary>
    Good,
    /// <summary>合格.</summary>
    Pass,
    /// <summary>不合格.</summary>
    Fail,
}

/// <summary>The grounds for delisting 004 四(六) lists.</summary>
public enum DelistingGround
{
    /// <summary>对考核评价限期整改仍不合格的.</summary>
    StillFailingAfterRectification,
    /// <summary>到期不提交年度报告的.</summary>
    AnnualReportNotSubmitted,
    /// <summary>无故不参加考核评估的.</summary>
    AbsentFromEvaluation,
    /// <summary>严重弄虚作假的，提供虚假信息.</summary>
    SeriousFraud,
    /// <summary>依托单位停产、破产，不能保障技术创新中心运行的.</summary>
    HostCeasedOperation,
    /// <summary>违反国家法律和科研诚信规定，不符合技术创新中心建设有关要求的.</summary>
    LawOrIntegrityViolation,
}

/// <summary>One dated event of a centre. <see cref="Passed"/> is set for build evaluations and acceptance.</summary>
public sealed record CentreEvent(
    CentreEventKind Kind,
    DateOnly On,
    int? ReportYear = null,
    bool? Passed = null,
    EvaluationGrade? Grade = null,
    DelistingGround? Ground = null);

/// <summary>Which obligation a centre has.</summary>
public enum CentreObligationKind
{
    /// <summary>The yearly report, due by 31 December.</summary>
    AnnualReport,
    /// <summary>Re-evaluation after a failed build evaluation: 6 months to fix.</summary>
    BuildRectification,
    /// <summary>Acceptance after the 3-year build.</summary>
    Acceptance,
    /// <summary>Re-evaluation after a failed long-term evaluation: 1 year to fix.</summary>
    LongTermRectification,
}

/// <summary>An obligation of a centre on a date: what, by when, and whether that date has passed.</summary>
public sealed record CentreObligation(CentreObligationKind Kind, DateOnly DueBy, bool Overdue, string Description);

/// <summary>Where a centre stands in its lifecycle.</summary>
public enum CentreStage
{
    /// <summary>Applied, not yet reviewed.</summary>
    Applied,
    /// <summary>Reviewed, not yet approved.</summary>
    UnderReview,
    /// <summary>Approved and under construction (筹).</summary>
    UnderConstruction,
    /// <summary>Accredited.</summary>
    Accredited,
    /// <summary>Delisted (摘牌).</summary>
    Delisted,
}

/// <summary>
/// The lifecycle of a technology innovation centre (DOMAIN.md rule 6; seed 004 四): what is due or overdue on a date,
/// so a query can list the centres overdue on any day.
/// </summary>
public static class InnovationCentreLifecycle
{
    /// <summary>004 四(五): "建设期为三年".</summary>
    public const int BuildYears = 3;
    /// <summary>004 四(四): "对评价结果不合格的给予半年整改期".</summary>
    public const int BuildRectificationMonths = 6;
    /// <summary>004 四(六): "对于评价结果不合格的给予一年整改期".</summary>
    public const int LongTermRectificationMonths = 12;

    /// <summary>The name while under construction, e.g. "广西壮族自治区×××技术创新中心（筹）" (004 四(三)).</summary>
    public static string ProvisionalName(string field, string province = "广西壮族自治区") => $"{province}{field}技术创新中心（筹）";

    /// <summary>The name once accredited (004 四(五)).</summary>
    public static string AccreditedName(string field, string province = "广西壮族自治区") => $"{province}{field}技术创新中心";

    /// <summary>The stage a centre has reached on a date.</summary>
    public static CentreStage StageOn(IReadOnlyList<CentreEvent> history, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var past = history.Where(e => e.On <= asOf).ToList();
        if (past.Exists(e => e.Kind == CentreEventKind.Delisted)) return CentreStage.Delisted;
        if (past.Exists(e => e.Kind == CentreEventKind.Accredited)) return CentreStage.Accredited;
        if (past.Exists(e => e.Kind == CentreEventKind.Approved)) return CentreStage.UnderConstruction;
        if (past.Exists(e => e.Kind == CentreEventKind.Reviewed)) return CentreStage.UnderReview;
        return CentreStage.Applied;
    }

    /// <summary>Adds an event to a centre's history in the order 004 四 sets; an event out of order is refused, saying why.</summary>
    public static IReadOnlyList<CentreEvent> Record(IReadOnlyList<CentreEvent> history, CentreEvent next)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(next);
        bool Has(CentreEventKind kind) => history.Any(e => e.Kind == kind);
        var approved = history.FirstOrDefault(e => e.Kind == CentreEventKind.Approved);
        string? refusal = null;
        if (history.Count > 0 && next.On < history[^1].On)
            refusal = $"it is dated {next.On:yyyy-MM-dd}, before the last event on {history[^1].On:yyyy-MM-dd}";
        else if (Has(CentreEventKind.Delisted))
            refusal = "the centre is delisted";
        else
        {
            refusal = next.Kind switch
            {
                CentreEventKind.Applied when history.Count > 0 => "the centre has already applied",
                CentreEventKind.Reviewed when !Has(CentreEventKind.Applied) => "there is no application to review",
                CentreEventKind.Approved when !Has(CentreEventKind.Reviewed) => "approval follows the review (咨询论证)",
                CentreEventKind.Approved when approved is not null => "the centre is already approved",
                CentreEventKind.AnnualReportSubmitted or CentreEventKind.BuildEvaluation when approved is null => "the centre is not approved",
                CentreEventKind.AnnualReportSubmitted when next.ReportYear is null => "a yearly report names its year",
                CentreEventKind.BuildEvaluation or CentreEventKind.Acceptance when next.Passed is null => "an evaluation or acceptance says whether it passed",
                // 004 四(五): "建设期为三年，建设期满后…组织专家…评估验收".
                CentreEventKind.Acceptance when approved is null || next.On < approved.On.AddYears(BuildYears) => "acceptance comes after the 3-year build",
                CentreEventKind.Accredited when !history.Any(e => e.Kind == CentreEventKind.Acceptance && e.Passed == true) => "accreditation follows a passed acceptance",
                CentreEventKind.Accredited when Has(CentreEventKind.Accredited) => "the centre is already accredited",
                CentreEventKind.LongTermEvaluation when !Has(CentreEventKind.Accredited) => "long-term evaluation applies to accredited centres",
                CentreEventKind.LongTermEvaluation when next.Grade is null => "a long-term evaluation has a grade",
                CentreEventKind.Delisted when approved is null => "only an approved centre can be delisted",
                CentreEventKind.Delisted when next.Ground is null => "delisting names one of the grounds 004 lists",
                _ => null,
            };
        }

        if (refusal is not null)
            throw new RuleViolationException($"cannot record {next.Kind} on {next.On:yyyy-MM-dd}: {refusal}");
        return [.. history, next];
    }

    /// <summary>Everything due or overdue for a centre on a date, from its dated history; nothing once it is delisted.</summary>
    public static IReadOnlyList<CentreObligation> Obligations(IReadOnlyList<CentreEvent> history, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var past = history.Where(e => e.On <= asOf).OrderBy(e => e.On).ToList();
        var approved = past.Find(e => e.Kind == CentreEventKind.Approved);
        if (approved is null || past.Exists(e => e.Kind == CentreEventKind.Delisted)) return [];
        var result = new List<CentreObligation>();

        // 004 四(四): "每年12月底须…提交年度工作总结报告", every year from approval; 四(六) delists a centre that does not.
        var reported = past.Where(e => e.Kind == CentreEventKind.AnnualReportSubmitted && e.ReportYear is not null)
            .Select(e => e.ReportYear!.Value).ToHashSet();
        for (var year = approved.On.Year; year <= asOf.Year; year++)
        {
            if (reported.Contains(year)) continue;
            var dueBy = new DateOnly(year, 12, 31);
            result.Add(new(CentreObligationKind.AnnualReport, dueBy, asOf > dueBy, $"annual report for {year} due by {dueBy:yyyy-MM-dd}"));
        }

        // 004 四(四): a failed build evaluation gets half a year, then is evaluated again; accreditation ends the build.
        var accredited = past.Exists(e => e.Kind == CentreEventKind.Accredited);
        if (!accredited)
            AddRectification(result, past, e => e.Kind == CentreEventKind.BuildEvaluation, e => e.Passed == false,
                CentreObligationKind.BuildRectification, BuildRectificationMonths, asOf, "build evaluation");

        // 004 四(五): acceptance once the 3-year build is over, until an acceptance is passed.
        var accepted = past.Exists(e => e.Kind == CentreEventKind.Acceptance && e.Passed == true);
        var acceptanceDue = approved.On.AddYears(BuildYears);
        if (!accredited && !accepted && asOf >= acceptanceDue)
            result.Add(new(CentreObligationKind.Acceptance, acceptanceDue, asOf > acceptanceDue, $"acceptance due since {acceptanceDue:yyyy-MM-dd}, after the {BuildYears}-year build"));

        // 004 四(六): a 不合格 long-term grade gets one year, then is evaluated again.
        AddRectification(result, past, e => e.Kind == CentreEventKind.LongTermEvaluation, e => e.Grade == EvaluationGrade.Fail,
            CentreObligationKind.LongTermRectification, LongTermRectificationMonths, asOf, "long-term evaluation");

        return result;
    }

    /// <summary>Whether anything of the centre is overdue on the date.</summary>
    public static bool IsOverdue(IReadOnlyList<CentreEvent> history, DateOnly asOf) => Obligations(history, asOf).Any(o => o.Overdue);

    /// <summary>
    /// The delisting grounds the history itself shows on a date (a re-evaluation failed again after rectification, a yearly
    /// report overdue); the other grounds of 004 四(六) are findings of fact a person records.
    /// </summary>
    public static IReadOnlyList<DelistingGround> GroundsShownBy(IReadOnlyList<CentreEvent> history, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var grounds = new List<DelistingGround>();
        var past = history.Where(e => e.On <= asOf).OrderBy(e => e.On).ToList();
        if (FailedTwiceInARow(past, e => e.Kind == CentreEventKind.BuildEvaluation, e => e.Passed == false)
            || FailedTwiceInARow(past, e => e.Kind == CentreEventKind.LongTermEvaluation, e => e.Grade == EvaluationGrade.Fail))
            grounds.Add(DelistingGround.StillFailingAfterRectification);
        if (Obligations(history, asOf).Any(o => o.Kind == CentreObligationKind.AnnualReport && o.Overdue))
            grounds.Add(DelistingGround.AnnualReportNotSubmitted);
        return grounds;
    }

    static void AddRectification(List<CentreObligation> result, List<CentreEvent> past, Func<CentreEvent, bool> isEvaluation,
        Func<CentreEvent, bool> failed, CentreObligationKind kind, int months, DateOnly asOf, string what)
    {
        var last = past.LastOrDefault(isEvaluation);
        if (last is null || !failed(last)) return;
        var dueBy = last.On.AddMonths(months);
        result.Add(new(kind, dueBy, asOf > dueBy, $"{what} failed on {last.On:yyyy-MM-dd}; re-evaluation after rectification due by {dueBy:yyyy-MM-dd}"));
    }

    static bool FailedTwiceInARow(List<CentreEvent> past, Func<CentreEvent, bool> isEvaluation, Func<CentreEvent, bool> failed)
    {
        var evaluations = past.Where(isEvaluation).ToList();
        return evaluations.Count >= 2 && failed(evaluations[^1]) && failed(evaluations[^2]);
    }
}
