using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.Policy;

/// <summary>
/// 一企一员一案 casework in the schema: a case, the officer's steps (open, visit, close) and a city's views of its cases.
/// Reading and writing cases needs the 'analyst' role (a case shows that its enterprise is on a list, which reveals its
/// figures); writing needs 'editor' too. A token scoped to regions reads and writes cases only inside them.
/// </summary>
public static class CaseFields
{
    /// <summary>Adds the case queries to the query root.</summary>
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<CaseType>>("case")
            .Description("An enterprise's case (一企一员一案): stage, officer, lists, targets, visits, warnings, the next visit due. Needs the 'analyst' role. 企业帮扶档案（需 analyst 角色）。")
            .AuthorizeWithRoles(Roles.Analyst)
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .ResolveAsync(async c => await Work(c).GetAsync(c.GetArgument<string>("enterpriseId"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseType>>>>("cases")
            .Description("The cases of a region (sub-regions included; the token's region when it has one), by stage and officer: an officer's own cases by stage. Needs the 'analyst' role. 帮扶档案列表（需 analyst 角色）。")
            .AuthorizeWithRoles(Roles.Analyst)
            .Argument<StringGraphType>("region", "A region code; its sub-regions count too. 地区。", region => region.CheckedRegion())
            .Argument<CaseStageType>("stage", "Only cases in this stage. 阶段。")
            .Argument<StringGraphType>("officer", "Only the cases of this officer (a Person key). 联络专员。")
            .ResolveAsync(async c => await Work(c).ListAsync(c.GetArgument<string?>("region"),
                c.GetArgument<CaseStage?>("stage"),
                c.GetArgument<string?>("officer"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<CaseBoardType>>("caseBoard")
            .Description("A region's casework on a day: cases by stage, overdue visits, open warnings, cases closed this quarter. Needs the 'analyst' role. 帮扶工作台（需 analyst 角色）。")
            .AuthorizeWithRoles(Roles.Analyst)
            .Argument<StringGraphType>("region", "A region code; its sub-regions count too. 地区。", region => region.CheckedRegion())
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The day; today by default. 日期。")
            .ResolveAsync(async c => await Work(c).BoardAsync(c.GetArgument<string?>("region"), c.GetArgument<DateOnly?>("on") ?? c.Today(), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<CaseDispatchType>>("caseDispatch")
            .Description("The quarterly dispatch table (区—市—县 分级调度): for the region and each city and county within it with cases. The same table downloads at /export/case-dispatch.csv and .xlsx. Needs the 'analyst' role. 季度调度表（需 analyst 角色）。")
            .AuthorizeWithRoles(Roles.Analyst)
            .Argument<StringGraphType>("region", "A region code; the token's region, else the home province, by default. 地区。", region => region.CheckedRegion())
            .Argument<NonNullGraphType<IntGraphType>>("year", "The year. 年度。")
            .Argument<NonNullGraphType<IntGraphType>>("quarter", "The quarter, 1–4. 季度。")
            .ResolveAsync(async c => await Work(c).DispatchAsync(c.GetArgument<string?>("region"), c.GetArgument<int>("year"), c.GetArgument<int>("quarter"), c.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds the officer's steps to the mutation root.</summary>
    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<CaseType>("openCase")
            .Description("Opens an enterprise's case (建案) for the lists its data puts it on, with its liaison officer (联络专员) and the targets to reach (those of its lists by default). Refused with RULE_VIOLATION when it is on no list. 建立帮扶档案。")
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .Argument<NonNullGraphType<CaseOfficerInputType>>("officer", "The liaison officer. 联络专员。")
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The day it is opened; today by default. 建案日期。")
            .Argument<ListGraphType<NonNullGraphType<CaseTargetType>>>("targets", "What it must reach; those of its lists when left out. 帮扶目标。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Work(c).OpenAsync(c.GetArgument<string>("enterpriseId"), CaseOfficerInputType.Read(c.Input("officer")),
                c.GetArgument<List<CaseTarget>?>("targets"), c.GetArgument<DateOnly?>("on") ?? c.Today(), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<CaseType>("recordCaseVisit")
            .Description("Records the officer's visit (走访) on a day: what was found, the actions agreed, the next visit if agreed. Agreed actions on a warned case start coaching (辅导). 记录走访。")
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The day of the visit. 走访日期。")
            .Argument<NonNullGraphType<StringGraphType>>("notes", "What was found. 走访情况。")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("actions", "The actions agreed. 商定措施。")
            .Argument(PolicySchema.Ref("Date"), "nextVisitOn", a => a.Description = "The next visit, when agreed; a quarter later otherwise. 下次走访日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Work(c).RecordVisitAsync(c.GetArgument<string>("enterpriseId"), new CaseVisit(
                c.GetArgument<DateOnly>("on"), c.GetArgument<string>("notes"), c.GetArgument<List<string>?>("actions") ?? [], c.GetArgument<DateOnly?>("nextVisitOn")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<CaseType>("closeCase")
            .Description("Closes a case (销号) when its data has taken the enterprise off every list it was opened for; while it is still on one, refused with RULE_VIOLATION naming the lists. 销号。")
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The day; today by default. 销号日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Work(c).CloseAsync(c.GetArgument<string>("enterpriseId"), c.GetArgument<DateOnly?>("on") ?? c.Today(), c.CancellationToken).ConfigureAwait(false));
    }

    static CaseWork Work(IResolveFieldContext c) => new(c.Writer(), c.Actor(), c.Targets());
}

/// <summary>An enterprise's case.</summary>
public sealed class CaseType : ObjectGraphType<CaseInfo>
{
    public CaseType()
    {
        Name = "Case";
        Description = "An enterprise's case (一企一员一案): its officer, stage (监测—预警—辅导—提升—销号), lists, targets, visits and warnings. 帮扶档案。";
        Field("enterprise", PolicySchema.NonNull("Enterprise")).Description("The enterprise. 企业。").Resolve(c => c.Source.Enterprise);
        Field<NonNullGraphType<CaseStageType>>("stage").Description("Its stage. 阶段。").Resolve(c => c.Source.Stage);
        Field("stageOn", PolicySchema.Ref("Date")).Description("The day it reached the stage. 阶段日期。").Resolve(c => c.Source.StageOn);
        Field("openedOn", PolicySchema.Ref("Date")).Description("The day it was opened. 建案日期。").Resolve(c => c.Source.OpenedOn);
        Field("closedOn", PolicySchema.Ref("Date")).Description("The day it was closed (销号); null while open. 销号日期。").Resolve(c => c.Source.ClosedOn);
        Field("officer", PolicySchema.Ref("Person")).Description("The liaison officer; their organisation and contact are on the Person. 联络专员。")
            .Resolve(c => c.Source.OfficerId is { } id ? c.Nodes().Load(id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PolicyListType>>>>("lists").Description("The lists it was opened for. 所在清单。").Resolve(c => c.Source.Lists);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseTargetType>>>>("targets").Description("What it must reach. 帮扶目标。").Resolve(c => c.Source.Targets);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseVisitType>>>>("visits").Description("The visits, oldest first. 走访记录。").Resolve(c => c.Source.Visits);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseWarningType>>>>("warnings").Description("Every warning, open or resolved. 预警记录。").Resolve(c => c.Source.Warnings);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseWarningType>>>>("openWarnings").Description("The warnings still open. 未解除预警。").Resolve(c => c.Source.OpenWarnings);
        Field("nextVisitDue", PolicySchema.Ref("Date")).Description("The day the next visit is due: as agreed, else a quarter after the last visit or the opening; null once closed. 下次走访期限。").Resolve(c => c.Source.NextVisitDue);
    }
}

/// <summary>A case's stage.</summary>
public sealed class CaseStageType : EnumerationGraphType
{
    public CaseStageType()
    {
        Name = "CaseStage";
        Description = "The stages of a case, 001 三(二): 监测—预警—辅导—提升—销号. 帮扶阶段。";
        foreach (var stage in Enum.GetValues<CaseStage>())
            Add(PolicySchema.ScreamingCase(stage.ToString()), stage, Cases.Chinese(stage));
    }
}

/// <summary>A case's target.</summary>
public sealed class CaseTargetType : EnumerationGraphType
{
    public CaseTargetType()
    {
        Name = "CaseTarget";
        Description = "What a case must reach. 帮扶目标。";
        foreach (var target in Enum.GetValues<CaseTarget>())
            Add(PolicySchema.ScreamingCase(target.ToString()), target, Cases.Chinese(target));
    }
}

/// <summary>A visit.</summary>
public sealed class CaseVisitType : ObjectGraphType<CaseVisit>
{
    public CaseVisitType()
    {
        Name = "CaseVisit";
        Description = "A visit of the liaison officer. 走访。";
        Field("on", PolicySchema.NonNull("Date")).Description("The day. 走访日期。").Resolve(c => c.Source.On);
        Field<NonNullGraphType<StringGraphType>>("notes").Description("What was found. 走访情况。").Resolve(c => c.Source.Notes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("actions").Description("The actions agreed. 商定措施。").Resolve(c => c.Source.Actions);
        Field("nextVisitOn", PolicySchema.Ref("Date")).Description("The next visit agreed. 下次走访日期。").Resolve(c => c.Source.NextVisitOn);
    }
}

/// <summary>A warning.</summary>
public sealed class CaseWarningType : ObjectGraphType<CaseWarning>
{
    public CaseWarningType()
    {
        Name = "CaseWarning";
        Description = "A warning raised when a year's figures moved away from a target; resolved when a later year moves towards it. 预警。";
        Field("raisedOn", PolicySchema.NonNull("Date")).Description("The day the figures were written. 预警日期。").Resolve(c => c.Source.RaisedOn);
        Field<NonNullGraphType<IntGraphType>>("year").Description("The year whose figures moved away. 数据年度。").Resolve(c => c.Source.Year);
        Field<NonNullGraphType<CaseTargetType>>("target").Description("The target. 目标。").Resolve(c => c.Source.Target);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("What moved, in words. 预警原因。").Resolve(c => c.Source.Reason);
        Field("resolvedOn", PolicySchema.Ref("Date")).Description("The day it was resolved; null while open. 解除日期。").Resolve(c => c.Source.ResolvedOn);
    }
}

/// <summary>A region's casework on a day.</summary>
public sealed class CaseBoardType : ObjectGraphType<CaseBoard>
{
    public CaseBoardType()
    {
        Name = "CaseBoard";
        Description = "A region's casework on a day. 帮扶工作台。";
        Field<StringGraphType>("region").Description("The region; null for all. 地区。").Resolve(c => c.Source.Region);
        Field("on", PolicySchema.NonNull("Date")).Description("The day. 日期。").Resolve(c => c.Source.On);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseStageCountType>>>>("byStage").Description("How many cases are in each stage. 各阶段数量。").Resolve(c => c.Source.ByStage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseType>>>>("overdueVisits").Description("Open cases whose visit is overdue, longest overdue first. 逾期未走访。").Resolve(c => c.Source.OverdueVisits);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseType>>>>("openWarnings").Description("Cases with an open warning. 有未解除预警的档案。").Resolve(c => c.Source.OpenWarnings);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseType>>>>("closedThisQuarter").Description("Cases closed (销号) in the day's quarter. 本季度销号。").Resolve(c => c.Source.ClosedThisQuarter);
    }
}

/// <summary>Cases in a stage.</summary>
public sealed class CaseStageCountType : ObjectGraphType<CaseStageCount>
{
    public CaseStageCountType()
    {
        Name = "CaseStageCount";
        Description = "How many cases are in a stage. 阶段数量。";
        Field<NonNullGraphType<CaseStageType>>("stage").Description("The stage. 阶段。").Resolve(c => c.Source.Stage);
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many. 数量。").Resolve(c => c.Source.Count);
    }
}

/// <summary>The quarterly dispatch table.</summary>
public sealed class CaseDispatchType : ObjectGraphType<CaseDispatch>
{
    public CaseDispatchType()
    {
        Name = "CaseDispatch";
        Description = "The quarterly dispatch table (区—市—县 分级调度, 001 三(二)): the region first, then each city and its counties with cases. 季度调度表。";
        Field<NonNullGraphType<StringGraphType>>("region").Description("The region's code. 地区代码。").Resolve(c => c.Source.Region);
        Field<NonNullGraphType<IntGraphType>>("year").Description("The year. 年度。").Resolve(c => c.Source.Year);
        Field<NonNullGraphType<IntGraphType>>("quarter").Description("The quarter. 季度。").Resolve(c => c.Source.Quarter);
        Field("from", PolicySchema.NonNull("Date")).Description("The quarter's first day. 起始日期。").Resolve(c => c.Source.From);
        Field("to", PolicySchema.NonNull("Date")).Description("The quarter's last day. 截止日期。").Resolve(c => c.Source.To);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseDispatchRowType>>>>("rows").Description("The rows. 各地区。").Resolve(c => c.Source.Rows);
    }
}

/// <summary>A row of the dispatch table.</summary>
public sealed class CaseDispatchRowType : ObjectGraphType<CaseDispatchRow>
{
    public CaseDispatchRowType()
    {
        Name = "CaseDispatchRow";
        Description = "One region's quarter. 地区季度情况。";
        Field<NonNullGraphType<StringGraphType>>("region").Description("The region's code. 地区代码。").Resolve(c => c.Source.Region.Code);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The region's name. 地区。").Resolve(c => c.Source.Region.Name);
        Field<NonNullGraphType<StringGraphType>>("level").Description("Province, City or County (区—市—县). 层级。").Resolve(c => c.Source.Region.Level.ToString());
        Field<NonNullGraphType<IntGraphType>>("openAtEnd").Description("Cases open at the quarter's end. 在册档案。").Resolve(c => c.Source.OpenAtEnd);
        Field<NonNullGraphType<IntGraphType>>("opened").Description("Cases opened in the quarter. 新建档案。").Resolve(c => c.Source.Opened);
        Field<NonNullGraphType<IntGraphType>>("visits").Description("Visits in the quarter. 走访次数。").Resolve(c => c.Source.Visits);
        Field<NonNullGraphType<IntGraphType>>("enterprisesVisited").Description("Enterprises visited in the quarter. 走访企业数。").Resolve(c => c.Source.EnterprisesVisited);
        Field<NonNullGraphType<IntGraphType>>("warningsRaised").Description("Warnings raised in the quarter. 新增预警。").Resolve(c => c.Source.WarningsRaised);
        Field<NonNullGraphType<IntGraphType>>("warningsOpenAtEnd").Description("Warnings open at the quarter's end. 未解除预警。").Resolve(c => c.Source.WarningsOpenAtEnd);
        Field<NonNullGraphType<IntGraphType>>("overdueAtEnd").Description("Open cases whose visit was overdue at the quarter's end. 逾期未走访。").Resolve(c => c.Source.OverdueAtEnd);
        Field<NonNullGraphType<IntGraphType>>("closed").Description("Cases closed (销号) in the quarter. 销号。").Resolve(c => c.Source.Closed);
    }
}

/// <summary>The liaison officer to name.</summary>
public sealed class CaseOfficerInputType : InputObjectGraphType
{
    public CaseOfficerInputType()
    {
        Name = "CaseOfficerInput";
        Description = "The liaison officer (联络专员): recorded as a Person employed by the organisation. 联络专员。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The Person's key (created when new). 人员主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Name. 姓名。");
        Field<NonNullGraphType<IdGraphType>>("organizationId").Description("The organisation they work for, e.g. a city's 科技局 (a node id). 所在单位。");
        Field<NonNullGraphType<StringGraphType>>("contact").Description("How the enterprise reaches them, e.g. an office telephone. 联系方式。");
    }

    internal static CaseOfficerInput Read(InputFields input) =>
        new(input.RequiredText("key"), input.RequiredText("name"), input.RequiredText("organizationId"), input.RequiredText("contact"));
}
