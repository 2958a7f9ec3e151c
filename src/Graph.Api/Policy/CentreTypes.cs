using GraphQL.Types;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.Policy;

/// <summary>A technology innovation centre's governance, lifecycle and obligations on a date.</summary>
public sealed class CentreStatusType : ObjectGraphType<CentreStatus>
{
    public CentreStatusType()
    {
        Name = "InnovationCentreStatus";
        Description = "A technology innovation centre on a date: its governance checked against 004, the stage it is at, and what is due or overdue. 技术创新中心状态。";
        Field("centre", PolicySchema.NonNull("Platform")).Description("The centre. 技术创新中心。").Resolve(c => c.Source.Centre);
        Field<NonNullGraphType<CentreStageType>>("stage").Description("The stage reached. 所处阶段。").Resolve(c => c.Source.Stage);
        Field("governanceFiledOn", PolicySchema.Ref("Date")).Description("The day a governance change was filed (报备) that awaits approval (批复); null when none does. 待批复变更的报备日期。")
            .Resolve(c => c.Source.Centre.Properties.Date(InnovationCentreWorkflow.PendingFiledOn));
        Field<NonNullGraphType<StringGraphType>>("nameAtStage").Description("The name 004 gives it at the stage: 广西壮族自治区×××技术创新中心（筹） under construction, 广西壮族自治区×××技术创新中心 once accredited. 规范名称。").Resolve(c => c.Source.NameAtStage);
        Field<NonNullGraphType<BooleanGraphType>>("governanceValid").Description("Whether its governance complies with 004. 治理结构是否合规。").Resolve(c => c.Source.Governance.Valid);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("governanceProblems").Description("Every governance problem. 治理问题。").Resolve(c => c.Source.Governance.Problems);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommitteeMemberType>>>>("expertCommittee").Description("The expert committee. 专家委员会。").Resolve(c => c.Source.Setup.ExpertCommittee);
        Field<CommitteeMemberType>("committeeChair").Description("Its chair. 专家委员会主任。").Resolve(c => c.Source.Setup.CommitteeChair);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CentreEventType>>>>("history").Description("Its dated lifecycle events. 建设运行记录。").Resolve(c => c.Source.History);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CentreObligationType>>>>("obligations").Description("Everything due or overdue. 应办事项。").Resolve(c => c.Source.Obligations);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CentreObligationType>>>>("overdue").Description("What is overdue. 逾期事项。").Resolve(c => c.Source.Overdue);
    }
}

/// <summary>An expert committee member.</summary>
public sealed class CommitteeMemberType : ObjectGraphType<CommitteeMember>
{
    public CommitteeMemberType()
    {
        Name = "CommitteeMember";
        Description = "A member of a centre's expert committee and the organisation they come from. 专家委员会成员。";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Name. 姓名。").Resolve(c => c.Source.Name);
        Field<IdGraphType>("organizationId").Description("The organisation they come from; null for none. 所在单位。").Resolve(c => c.Source.OrganisationId);
    }
}

/// <summary>An expert committee member to record.</summary>
public sealed class CommitteeMemberInputType : InputObjectGraphType
{
    public CommitteeMemberInputType()
    {
        Name = "CommitteeMemberInput";
        Description = "An expert committee member. 专家委员会成员。";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Name. 姓名。");
        Field<IdGraphType>("organizationId").Description("The organisation they come from (a node id); leave out for none. 所在单位。");
    }

    internal static CommitteeMember Read(InputFields input) => new(input.RequiredText("name"), input.Text("organizationId"));
}

/// <summary>A change of a centre's governance.</summary>
public sealed class CentreGovernanceInputType : InputObjectGraphType
{
    public CentreGovernanceInputType()
    {
        Name = "CentreGovernanceInput";
        Description = "A change of a centre's governance on a date; what is left out stays. The result is checked against 004 as a whole. 技术创新中心治理变更。";
        Field<NonNullGraphType<IdGraphType>>("centreId").Description("The centre (a Platform of type TECHNOLOGY_INNOVATION_CENTER). 技术创新中心。");
        Field("on", PolicySchema.NonNull("Date")).Description("The date the change takes effect. 生效日期。");
        Field<IdGraphType>("leadId").Description("The lead: a city government or a regional department. 牵头单位。");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("coBuilderIds").Description("Every co-building unit, replacing the list. 共建单位。");
        Field<BooleanGraphType>("independentLegalEntity").Description("An independent legal entity. 独立法人。");
        Field<BooleanGraphType>("hasBoard").Description("Has a board. 理事会。");
        Field<BooleanGraphType>("hasCharter").Description("Has a charter. 管理章程。");
        Field<ListGraphType<NonNullGraphType<CommitteeMemberInputType>>>("expertCommittee").Description("Every expert committee member, replacing the list. 专家委员会。");
        Field<CommitteeMemberInputType>("committeeChair").Description("The chair, from neither the lead nor a co-builder. 专家委员会主任。");
        Field<DecimalGraphType>("directorMonths").Description("Months a year the director works at the centre (at least 9). 主任在岗月数。");
    }

    internal static GovernanceChange Read(InputFields input) => new(
        input.Date("on") ?? throw new Domain.Errors.InvalidInputException("input.on is required"),
        input.Text("leadId"),
        input.Texts("coBuilderIds"),
        input.Flag("independentLegalEntity"),
        input.Flag("hasBoard"),
        input.Flag("hasCharter"),
        input.Children("expertCommittee")?.Select(CommitteeMemberInputType.Read).ToList(),
        input.Child("committeeChair") is { } chair ? CommitteeMemberInputType.Read(chair) : null,
        input.Decimal("directorMonths"));
}

/// <summary>A lifecycle event to record.</summary>
public sealed class CentreEventInputType : InputObjectGraphType
{
    public CentreEventInputType()
    {
        Name = "CentreEventInput";
        Description = "A dated event of a centre's lifecycle (004 四), in the order 004 sets. 技术创新中心建设运行事项。";
        Field<NonNullGraphType<CentreEventKindType>>("kind").Description("What happened. 事项。");
        Field("on", PolicySchema.NonNull("Date")).Description("When. 日期。");
        Field<IntGraphType>("reportYear").Description("ANNUAL_REPORT_SUBMITTED: the year reported on. 报告年度。");
        Field<BooleanGraphType>("passed").Description("BUILD_EVALUATION and ACCEPTANCE: whether it passed. 是否通过。");
        Field<EvaluationGradeType>("grade").Description("LONG_TERM_EVALUATION: the grade. 评价等级。");
        Field<DelistingGroundType>("ground").Description("DELISTED: the ground. 摘牌原因。");
    }

    internal static CentreEvent Read(InputFields input) => new(
        input.Enum<CentreEventKind>("kind") ?? throw new Domain.Errors.InvalidInputException("event.kind is required"),
        input.Date("on") ?? throw new Domain.Errors.InvalidInputException("event.on is required"),
        input.Int("reportYear"),
        input.Flag("passed"),
        input.Enum<EvaluationGrade>("grade"),
        input.Enum<DelistingGround>("ground"));
}

/// <summary>A dated lifecycle event.</summary>
public sealed class CentreEventType : ObjectGraphType<CentreEvent>
{
    public CentreEventType()
    {
        Name = "CentreEvent";
        Description = "A dated event of a centre's lifecycle. 建设运行事项。";
        Field<NonNullGraphType<CentreEventKindType>>("kind").Description("What happened. 事项。").Resolve(c => c.Source.Kind);
        Field("on", PolicySchema.NonNull("Date")).Description("When. 日期。").Resolve(c => c.Source.On);
        Field<IntGraphType>("reportYear").Description("The year reported on. 报告年度。").Resolve(c => c.Source.ReportYear);
        Field<BooleanGraphType>("passed").Description("Whether it passed. 是否通过。").Resolve(c => c.Source.Passed);
        Field<EvaluationGradeType>("grade").Description("The grade. 评价等级。").Resolve(c => c.Source.Grade);
        Field<DelistingGroundType>("ground").Description("The delisting ground. 摘牌原因。").Resolve(c => c.Source.Ground);
    }
}

/// <summary>Something a centre owes.</summary>
public sealed class CentreObligationType : ObjectGraphType<CentreObligation>
{
    public CentreObligationType()
    {
        Name = "CentreObligation";
        Description = "Something a centre owes: a yearly report by 31 December, a re-evaluation after rectification, the acceptance. 应办事项。";
        Field<NonNullGraphType<CentreObligationKindType>>("kind").Description("What is owed. 事项。").Resolve(c => c.Source.Kind);
        Field("dueBy", PolicySchema.NonNull("Date")).Description("By when. 截止日期。").Resolve(c => c.Source.DueBy);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("Whether that date has passed. 是否逾期。").Resolve(c => c.Source.Overdue);
        Field<NonNullGraphType<StringGraphType>>("description").Description("In words. 说明。").Resolve(c => c.Source.Description);
    }
}

/// <summary>Lifecycle events of 004 四.</summary>
public sealed class CentreEventKindType : EnumerationGraphType
{
    public CentreEventKindType()
    {
        Name = "CentreEventKind";
        Description = "Events of a technology innovation centre's lifecycle (004 四). 技术创新中心建设运行事项。";
        Add("APPLIED", CentreEventKind.Applied, "提出建设申请");
        Add("REVIEWED", CentreEventKind.Reviewed, "组织咨询论证");
        Add("APPROVED", CentreEventKind.Approved, "批准建设（筹）");
        Add("ANNUAL_REPORT_SUBMITTED", CentreEventKind.AnnualReportSubmitted, "提交年度工作总结报告");
        Add("BUILD_EVALUATION", CentreEventKind.BuildEvaluation, "建设期考核评价");
        Add("ACCEPTANCE", CentreEventKind.Acceptance, "建设期满验收");
        Add("ACCREDITED", CentreEventKind.Accredited, "批复认定");
        Add("LONG_TERM_EVALUATION", CentreEventKind.LongTermEvaluation, "长期评价");
        Add("DELISTED", CentreEventKind.Delisted, "摘牌");
    }
}

/// <summary>Long-term evaluation grades.</summary>
public sealed class EvaluationGradeType : EnumerationGraphType
{
    public EvaluationGradeType()
    {
        Name = "EvaluationGrade";
        Description = "Grades of a long-term evaluation (004 四(六)). 评价等级。";
        Add("EXCELLENT", EvaluationGrade.Excellent, "优秀");
        Add("GOOD", EvaluationGrade.Good, "良好");
        Add("PASS", EvaluationGrade.Pass, "合格");
        Add("FAIL", EvaluationGrade.Fail, "不合格");
    }
}

/// <summary>Delisting grounds.</summary>
public sealed class DelistingGroundType : EnumerationGraphType
{
    public DelistingGroundType()
    {
        Name = "DelistingGround";
        Description = "The grounds for delisting that 004 四(六) lists. 摘牌情形。";
        Add("STILL_FAILING_AFTER_RECTIFICATION", DelistingGround.StillFailingAfterRectification, "对考核评价限期整改仍不合格");
        Add("ANNUAL_REPORT_NOT_SUBMITTED", DelistingGround.AnnualReportNotSubmitted, "到期不提交年度报告");
        Add("ABSENT_FROM_EVALUATION", DelistingGround.AbsentFromEvaluation, "无故不参加考核评估");
        Add("SERIOUS_FRAUD", DelistingGround.SeriousFraud, "严重弄虚作假，提供虚假信息");
        Add("HOST_CEASED_OPERATION", DelistingGround.HostCeasedOperation, "依托单位停产、破产");
        Add("LAW_OR_INTEGRITY_VIOLATION", DelistingGround.LawOrIntegrityViolation, "违反国家法律和科研诚信规定");
    }
}

/// <summary>Stages of a centre.</summary>
public sealed class CentreStageType : EnumerationGraphType
{
    public CentreStageType()
    {
        Name = "CentreStage";
        Description = "The stage a technology innovation centre has reached. 技术创新中心阶段。";
        Add("APPLIED", CentreStage.Applied, "已申请");
        Add("UNDER_REVIEW", CentreStage.UnderReview, "论证中");
        Add("UNDER_CONSTRUCTION", CentreStage.UnderConstruction, "建设中（筹）");
        Add("ACCREDITED", CentreStage.Accredited, "已认定");
        Add("DELISTED", CentreStage.Delisted, "已摘牌");
    }
}

/// <summary>Kinds of obligation.</summary>
public sealed class CentreObligationKindType : EnumerationGraphType
{
    public CentreObligationKindType()
    {
        Name = "CentreObligationKind";
        Description = "What a centre owes. 应办事项类型。";
        Add("ANNUAL_REPORT", CentreObligationKind.AnnualReport, "年度工作总结报告（12月底前）");
        Add("BUILD_RECTIFICATION", CentreObligationKind.BuildRectification, "建设期整改（半年）");
        Add("ACCEPTANCE", CentreObligationKind.Acceptance, "建设期满验收");
        Add("LONG_TERM_RECTIFICATION", CentreObligationKind.LongTermRectification, "长期评价整改（一年）");
    }
}
