using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Policy;

/// <summary>The 一业一团 diagnosis fields: teams, reports, problems, and posting a problem as a 揭榜挂帅 challenge.</summary>
public static class DiagnosisFields
{
    const string RoleEnum = "ServesOnRole";

    /// <summary>Adds the diagnosis queries to the query root.</summary>
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiagnosisTeamRosterType>>>>("industryDiagnosisTeams")
            .Description("一业一团 diagnosis teams in a region and an industry (sub-regions and sub-fields included), with their experts and reports. 一业一团诊断团队。")
            .Arguments(ScopeArguments())
            .ResolveAsync(async c => await Diagnosis(c).TeamsAsync(Scope(c), c.GetArgument("first", 50), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiagnosisFindingsType>>>>("industryDiagnosisReports")
            .Description("Diagnosis reports in a region and an industry, newest first, with their bottlenecks and problems. 诊断报告。")
            .Arguments(ScopeArguments())
            .ResolveAsync(async c => await Diagnosis(c).ReportsAsync(Scope(c), c.GetArgument("first", 50), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiagnosedProblemType>>>>("diagnosedProblems")
            .Description("Technology problems named by diagnosis reports in a region and an industry: the open ones not yet posted (posted: false), those posted as challenges with their status (posted: true), or all. 技术难题清单。")
            .Arguments(ScopeArguments())
            .Argument<BooleanGraphType>("posted", "false: open problems not yet posted; true: problems posted as challenges; all when left out. 是否已发榜。")
            .ResolveAsync(async c => await Diagnosis(c).ProblemsAsync(Scope(c), c.GetArgument<bool?>("posted"), c.GetArgument("first", 50), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<DiagnosedProblemType>>("diagnosedProblem")
            .Description("A technology problem with its report, team and the challenge it was posted as. 技术难题。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The problem's id. 难题标识。")
            .ResolveAsync(async c => await Diagnosis(c).GetProblemAsync(c.GetArgument<string>("id"), c.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds the diagnosis workflow's mutations to the mutation root; each needs the editor role.</summary>
    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<DiagnosisTeamRosterType>("formDiagnosisTeam")
            .Description("Forms a 一业一团 diagnosis team for one industry in one region with its experts; a second team for the same industry and region is refused with RULE_VIOLATION. 组建一业一团诊断团队。")
            .Argument<NonNullGraphType<FormDiagnosisTeamInputType>>("input", "The team. 诊断团队。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Diagnosis(c).FormTeamAsync(FormDiagnosisTeamInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<DiagnosisTeamRosterType>("addDiagnosisExpert")
            .Description("Adds an expert to a diagnosis team from a date. 增补诊断专家。")
            .Argument<NonNullGraphType<IdGraphType>>("teamId", "The team. 诊断团队。")
            .Argument<NonNullGraphType<DiagnosisExpertInputType>>("expert", "The expert. 专家。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "Serves from. 加入日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Diagnosis(c).AddExpertAsync(
                c.GetArgument<string>("teamId"), DiagnosisExpertInputType.Read(c.Input("expert")), c.GetArgument<DateOnly>("on"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<DiagnosisFindingsType>("submitDiagnosisReport")
            .Description("Records a team's diagnosis report: its date, the technology bottlenecks it finds and the problems it names. 提交诊断报告。")
            .Argument<NonNullGraphType<SubmitDiagnosisReportInputType>>("input", "The report. 诊断报告。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Diagnosis(c).SubmitReportAsync(SubmitDiagnosisReportInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<DiagnosedProblemType>("postProblemAsChallenge")
            .Description("Posts a diagnosed problem as a 技术攻关类 揭榜挂帅 challenge in 征集, by an in-region enterprise, with every rule of postChallenge, and links the two; a problem is posted once. 难题发榜。")
            .Argument<NonNullGraphType<PostProblemAsChallengeInputType>>("input", "The posting. 发榜。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Diagnosis(c).PostProblemAsync(PostProblemAsChallengeInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>The diagnosed problem a challenge was posted for, or null.</summary>
    internal static async Task<TechnologyProblemInfo?> ProblemOfChallengeAsync(IResolveFieldContext c, string challengeId)
    {
        var links = await c.Store().GetLinksAsync(new LinkQuery([challengeId], Direction.In, [LinkType.PostedAs]), c.CancellationToken).ConfigureAwait(false);
        return links.Count == 0 ? null : await Diagnosis(c).GetProblemAsync(links[0].FromId, c.CancellationToken).ConfigureAwait(false);
    }

    internal static IGraphType Role(bool nonNull) => nonNull ? PolicySchema.NonNull(RoleEnum) : PolicySchema.Ref(RoleEnum);

    static IndustryDiagnosis Diagnosis(IResolveFieldContext c) => new(c.Writer(), c.Actor());

    static QueryArgument[] ScopeArguments() =>
    [
        new QueryArgument<StringGraphType> { Name = "region", Description = "A region code; its sub-regions count too; all regions when left out. 地区。" }.CheckedRegion(),
        new QueryArgument<StringGraphType> { Name = "field", Description = "An industry (field code); its sub-fields count too. 产业/领域。" }.CheckedField(),
        new QueryArgument<IntGraphType> { Name = "first", Description = $"How many, at most {IndustryDiagnosis.MaxPage}; 50 by default. 数量。" },
    ];

    static DiagnosisScope Scope(IResolveFieldContext c) => new(c.GetArgument<string?>("region"), c.GetArgument<string?>("field"));
}

/// <summary>A diagnosis team with its experts and reports.</summary>
public sealed class DiagnosisTeamRosterType : ObjectGraphType<DiagnosisTeamInfo>
{
    public DiagnosisTeamRosterType()
    {
        Name = "DiagnosisTeamRoster";
        Description = "A 一业一团 diagnosis team: its industry and region, its experts with their organisations, and its reports. 一业一团诊断团队。";
        Field("team", PolicySchema.NonNull("DiagnosisTeam")).Description("The team. 团队。").Resolve(c => c.Source.Team);
        Field<StringGraphType>("region").Description("Its region code. 地区。").Resolve(c => c.Source.Team.Properties.Text("region"));
        Field<StringGraphType>("industry").Description("Its industry (field code). 产业。").Resolve(c => c.Source.Team.Properties.List("fields").FirstOrDefault());
        Field("formedOn", PolicySchema.Ref("Date")).Description("Formed on. 组建日期。").Resolve(c => c.Source.Team.Properties.Date("formedOn"));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiagnosisExpertType>>>>("experts").Description("Its experts, the leader first. 诊断专家。").Resolve(c => c.Source.Experts);
        Field("organizations", PolicySchema.ListOf("Organization")).Description("The organisations its experts come from. 专家所在单位。")
            .ResolveAsync(async c => (await c.Store().GetNodesAsync(
                    [.. c.Source.Experts.Select(e => e.Properties.Text("organization")).OfType<string>().Distinct(StringComparer.Ordinal)], c.CancellationToken).ConfigureAwait(false))
                .Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToList());
        Field("reports", PolicySchema.ListOf("DiagnosisReport")).Description("Its reports, newest first. 诊断报告。").Resolve(c => c.Source.Reports);
    }
}

/// <summary>An expert on a diagnosis team.</summary>
public sealed class DiagnosisExpertType : ObjectGraphType<Link>
{
    public DiagnosisExpertType()
    {
        Name = "DiagnosisExpert";
        Description = "A person on a diagnosis team: the organisation they come from and their role. 诊断专家。";
        Field("person", PolicySchema.NonNull("Person")).Description("The expert. 专家。")
            .ResolveAsync(async c => await c.Store().GetNodeAsync(c.Source.FromId, c.CancellationToken).ConfigureAwait(false));
        Field("organization", PolicySchema.Ref("Organization")).Description("The organisation they come from. 所在单位。")
            .ResolveAsync(async c => c.Source.Properties.Text("organization") is { } id ? await c.Store().GetNodeAsync(id, c.CancellationToken).ConfigureAwait(false) : null);
        Field("role", DiagnosisFields.Role(nonNull: false)).Description("组长 or 成员. 角色。").Resolve(c => c.Source.Properties.Text("role"));
        Field("since", PolicySchema.Ref("Date")).Description("Serves from. 加入日期。").Resolve(c => c.Source.StartDate);
    }
}

/// <summary>A diagnosis report with its team, bottlenecks and problems.</summary>
public sealed class DiagnosisFindingsType : ObjectGraphType<DiagnosisReportInfo>
{
    public DiagnosisFindingsType()
    {
        Name = "DiagnosisFindings";
        Description = "A diagnosis report (诊断报告): its team, date, the technology bottlenecks it finds and the problems it names, each with the challenge it was posted as. 诊断报告。";
        Field("report", PolicySchema.NonNull("DiagnosisReport")).Description("The report. 报告。").Resolve(c => c.Source.Report);
        Field("team", PolicySchema.Ref("DiagnosisTeam")).Description("The team that wrote it. 诊断团队。").Resolve(c => c.Source.Team);
        Field("reportedOn", PolicySchema.Ref("Date")).Description("Its date. 报告日期。").Resolve(c => c.Source.Report.Properties.Date("reportedOn"));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("bottlenecks").Description("The technology bottlenecks. 技术瓶颈。")
            .Resolve(c => c.Source.Report.Properties.List("bottlenecks").ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiagnosedProblemType>>>>("problems").Description("The problems it names, by key. 技术难题。")
            .Resolve(c => c.Source.Problems.OrderBy(p => p.Problem.Key, StringComparer.Ordinal).ToList());
    }
}

/// <summary>A technology problem with its report and challenge.</summary>
public sealed class DiagnosedProblemType : ObjectGraphType<TechnologyProblemInfo>
{
    public DiagnosedProblemType()
    {
        Name = "DiagnosedProblem";
        Description = "A technology problem a diagnosis report names, and whether it was posted as a 揭榜挂帅 challenge and how that challenge stands. 技术难题。";
        Field("problem", PolicySchema.NonNull("TechnologyProblem")).Description("The problem. 难题。").Resolve(c => c.Source.Problem);
        Field("report", PolicySchema.Ref("DiagnosisReport")).Description("The report that names it. 诊断报告。").Resolve(c => c.Source.Report);
        Field<NonNullGraphType<BooleanGraphType>>("posted").Description("Whether it was posted as a challenge. 是否已发榜。").Resolve(c => c.Source.Posted);
        Field("challenge", PolicySchema.Ref("Challenge")).Description("The challenge it was posted as. 揭榜挂帅榜单。").Resolve(c => c.Source.Challenge);
        Field("challengeStatus", PolicySchema.Enum(NodeKind.Challenge, "status", nonNull: false)).Description("Where that challenge stands. 榜单状态。")
            .Resolve(c => c.Source.Challenge?.Properties.Text("status"));
        Field<ChallengeLifecycleType>("challengeLifecycle").Description("That challenge's lifecycle. 揭榜挂帅进展。")
            .ResolveAsync(async c => c.Source.Challenge is { } challenge
                ? await new ChallengeWorkflow(c.Writer(), c.Actor()).GetAsync(challenge.Id, c.CancellationToken).ConfigureAwait(false)
                : null);
    }
}

/// <summary>An expert to put on a team.</summary>
public sealed class DiagnosisExpertInputType : InputObjectGraphType
{
    public DiagnosisExpertInputType()
    {
        Name = "DiagnosisExpertInput";
        Description = "A person on a diagnosis team, the organisation they come from and their role. 诊断专家。";
        Field<NonNullGraphType<IdGraphType>>("personId").Description("The person. 专家。");
        Field<NonNullGraphType<IdGraphType>>("organizationId").Description("The organisation they come from. 所在单位。");
        Field("role", DiagnosisFields.Role(nonNull: false)).Description("组长 or 成员; 成员 by default. 角色。");
    }

    internal static DiagnosisExpert Read(InputFields input) =>
        new(input.RequiredText("personId"), input.RequiredText("organizationId"), input.Enum<DiagnosisRole>("role") ?? DiagnosisRole.Member);
}

/// <summary>A team to form.</summary>
public sealed class FormDiagnosisTeamInputType : InputObjectGraphType
{
    public FormDiagnosisTeamInputType()
    {
        Name = "FormDiagnosisTeamInput";
        Description = "A 一业一团 team to form: one industry in one region, with its experts. 组建诊断团队。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The team's key. 团队主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name. 团队名称。");
        Field<NonNullGraphType<StringGraphType>>("region").Description("The region it serves (code). 地区。");
        Field<NonNullGraphType<StringGraphType>>("industry").Description("The industry it diagnoses (field code). 产业。");
        Field("formedOn", PolicySchema.NonNull("Date")).Description("Formed on. 组建日期。");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DiagnosisExpertInputType>>>>("experts").Description("Its experts. 诊断专家。");
        Field<StringGraphType>("description").Description("What it does. 简介。");
    }

    internal static DiagnosisTeamFormation Read(InputFields input) => new(
        input.RequiredText("key"),
        input.RequiredText("name"),
        input.RequiredText("region"),
        input.RequiredText("industry"),
        input.Date("formedOn") ?? throw new InvalidInputException("input.formedOn is required"),
        [.. (input.Children("experts") ?? []).Select(DiagnosisExpertInputType.Read)],
        input.Text("description"));
}

/// <summary>A problem a report names.</summary>
public sealed class DiagnosedProblemInputType : InputObjectGraphType
{
    public DiagnosedProblemInputType()
    {
        Name = "DiagnosedProblemInput";
        Description = "A technology problem a report names (凝练攻关需求). 技术难题。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The problem's key. 难题主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("What the problem is. 难题名称。");
        Field<StringGraphType>("description").Description("More about it. 说明。");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("fields").Description("Field codes; the team's industry by default. 技术领域。");
    }

    internal static TechnologyProblemDraft Read(InputFields input) =>
        new(input.RequiredText("key"), input.RequiredText("name"), input.Text("description"), input.Texts("fields"));
}

/// <summary>A report to submit.</summary>
public sealed class SubmitDiagnosisReportInputType : InputObjectGraphType
{
    public SubmitDiagnosisReportInputType()
    {
        Name = "SubmitDiagnosisReportInput";
        Description = "A diagnosis report: the team, the date, the bottlenecks and the problems. 提交诊断报告。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The report's key. 报告主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its title. 报告名称。");
        Field<NonNullGraphType<IdGraphType>>("teamId").Description("The team that wrote it. 诊断团队。");
        Field("reportedOn", PolicySchema.NonNull("Date")).Description("Its date. 报告日期。");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("bottlenecks").Description("The technology bottlenecks, at least one. 技术瓶颈。");
        Field<ListGraphType<NonNullGraphType<DiagnosedProblemInputType>>>("problems").Description("The problems to tackle. 技术难题。");
        Field<StringGraphType>("description").Description("A summary. 摘要。");
    }

    internal static DiagnosisReportSubmission Read(InputFields input) => new(
        input.RequiredText("key"),
        input.RequiredText("name"),
        input.RequiredText("teamId"),
        input.Date("reportedOn") ?? throw new InvalidInputException("input.reportedOn is required"),
        input.Texts("bottlenecks") ?? [],
        [.. (input.Children("problems") ?? []).Select(DiagnosedProblemInputType.Read)],
        input.Text("description"));
}

/// <summary>A problem to post as a challenge.</summary>
public sealed class PostProblemAsChallengeInputType : InputObjectGraphType
{
    public PostProblemAsChallengeInputType()
    {
        Name = "PostProblemAsChallengeInput";
        Description = "A diagnosed problem to post as a 技术攻关类 challenge: the challenge's key, poster, date and offer; its title, fields and description are the problem's unless given. 难题发榜。";
        Field<NonNullGraphType<IdGraphType>>("problemId").Description("The problem. 技术难题。");
        Field<NonNullGraphType<StringGraphType>>("challengeKey").Description("The challenge's key. 榜单主键。");
        Field<NonNullGraphType<IdGraphType>>("posterId").Description("The in-region enterprise that posts it. 发榜企业。");
        Field("on", PolicySchema.NonNull("Date")).Description("The date demand collection starts. 征集日期。");
        Field<StringGraphType>("name").Description("The challenge's title; the problem's by default. 榜单名称。");
        Field<DecimalGraphType>("budget").Description("The amount offered (万元). 榜单金额。");
        Field<DecimalGraphType>("publicFunding").Description("Public S&T funding (万元), at most the budget. 财政资助。");
        Field("deadline", PolicySchema.Ref("Date")).Description("Application deadline. 截止日期。");
        Field<BooleanGraphType>("racing").Description("Run as 赛马制. 赛马制。");
        Field<StringGraphType>("description").Description("What is asked; the problem's description by default. 简介。");
    }

    internal static ProblemPosting Read(InputFields input) => new(
        input.RequiredText("problemId"),
        input.RequiredText("challengeKey"),
        input.RequiredText("posterId"),
        input.Date("on") ?? throw new InvalidInputException("input.on is required"),
        input.Text("name"),
        input.Decimal("budget"),
        input.Decimal("publicFunding"),
        input.Date("deadline"),
        input.Flag("racing") ?? false,
        input.Text("description"));
}
