using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Errors;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Policy;

/// <summary>The policy workflows' query fields: the filing check, challenge lifecycles, coverage, centres, priority, indicators and lists.</summary>
public static class PolicyQueries
{
    /// <summary>The largest page of a list.</summary>
    public const int MaxPage = 200;

    /// <summary>Adds the fields to the query root.</summary>
    public static void AddTo(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<FilingCheckType>>("filingCheck")
            .Description("Checks a proposed R&D institution against the filing standard (\"六有\" and a cooperation agreement, by size class and construction mode), item by item. Needs the 'editor' or 'analyst' role: it reveals the enterprises' size classes. 研发机构备案核查（需 editor 或 analyst 角色）。")
            // It reads the stored enterprises' employees and revenue and answers with their size classes: only for the
            // staff who file (editor) and those who may read the figures (analyst).
            .AuthorizeWithRoles(Roles.Editor, Roles.Analyst)
            .Argument<NonNullGraphType<FilingFactsInputType>>("input", "The institution's facts. 备案材料。")
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The date agreements must be in force on; today by default. 核查日期。")
            .ResolveAsync(async c => await new RdInstitutionFiling(c.Writer(), c.Actor())
                .CheckAsync(FilingFactsInputType.Read(c.Input("input")), c.GetArgument<DateOnly?>("on") ?? c.Today(), c.CancellationToken).ConfigureAwait(false));
        FilingRoundFields.AddQueries(query);

        query.Field<ChallengeLifecycleType>("challengeLifecycle")
            .Description("A 揭榜挂帅 challenge's lifecycle: dated states, next states, applicants, winner, budget and public funding. 揭榜挂帅进展。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The challenge's id. 榜单标识。")
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).GetAsync(c.GetArgument<string>("id"), c.CancellationToken).ConfigureAwait(false));

        query.Field<ChallengeCallInfoType>("challengeCall")
            .Description("A call (榜单批次) with its dates and challenges; null when no challenge is in it. 榜单批次。")
            .Argument<NonNullGraphType<StringGraphType>>("key", "The call's key. 批次主键。")
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).GetCallAsync(c.GetArgument<string>("key"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ChallengeEligibilityType>>("challengeEligibility")
            .Description("Whether an organisation or consortium may apply to a challenge on a date, and every reason it may not. 揭榜资格核查。")
            .Argument<NonNullGraphType<IdGraphType>>("challengeId", "The challenge. 榜单。")
            .Argument<NonNullGraphType<IdGraphType>>("applicantId", "The would-be applicant. 揭榜方。")
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The date the group structure is taken on; today by default. 核查日期。")
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor())
                .CheckEligibilityAsync(c.GetArgument<string>("challengeId"), c.GetArgument<string>("applicantId"), c.GetArgument<DateOnly?>("on") ?? c.Today(), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<PairingCoverageType>>("pairingCoverage")
            .Description("Enterprises paired with universities or institutes on a date, against the 1,000 target of 003. 结对子覆盖情况。")
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The date; today by default. 统计日期。")
            .Argument<StringGraphType>("region", "A region code; its sub-regions count too. 地区。", region => region.CheckedRegion())
            .ResolveAsync(async c => await new PairingWorkflow(c.Writer(), c.Actor(), c.Targets())
                .CoverageAsync(c.GetArgument<DateOnly?>("on") ?? c.Today(), c.GetArgument<string?>("region"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CentreStatusType>>>>("overdueCentres")
            .Description("Technology innovation centres whose yearly report, rectification or acceptance is overdue on a date. 逾期的技术创新中心。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The date. 日期。")
            .ResolveAsync(async c => await new InnovationCentreWorkflow(c.Writer(), c.Actor()).OverdueAsync(c.GetArgument<DateOnly>("on"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<CentreStatusType>>("innovationCentre")
            .Description("A technology innovation centre's governance, stage and obligations on a date. 技术创新中心状态。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The centre's id. 中心标识。")
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The date; today by default. 日期。")
            .ResolveAsync(async c => await new InnovationCentreWorkflow(c.Writer(), c.Actor())
                .GetAsync(c.GetArgument<string>("id"), c.GetArgument<DateOnly?>("on") ?? c.Today(), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ProjectPriorityType>>("projectPriority")
            .Description("Whether a project gets priority (enterprise-led, universities and institutes ≥ 20 % of its public funding), with the reason. 项目优先支持。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The project's id. 项目标识。")
            .ResolveAsync(async c => await new ProjectPriorityReview(c.Store()).CheckAsync(c.GetArgument<string>("id"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorValueType>>>>("indicators")
            .Description("Every policy indicator for a region (with its sub-regions), an industry and a year, beside its target with the gap. 政策指标。")
            .Argument<StringGraphType>("region", "A region code; its sub-regions count too; all regions when left out. 地区。", region => region.CheckedRegion())
            .Argument<StringGraphType>("field", "A field code; its sub-fields count too. 产业/领域。", field => field.CheckedField())
            .Argument<NonNullGraphType<IntGraphType>>("year", "The year: enterprises' figures of that year, filings and pairings as they stood on 31 December, the target due. 年度。")
            .ResolveAsync(async c => await new PolicyIndicatorReport(c.Store(), c.Targets())
                .EvaluateAsync(Scope(c), c.GetArgument<int>("year"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorHistoryType>>>>("indicatorHistory")
            .Description($"Every policy indicator year by year, from one year to another (at most {PolicyIndicatorReport.MaxYears}), for a region and an industry: each year as `indicators` gives it. 指标历年变化。")
            .Argument<StringGraphType>("region", "A region code; its sub-regions count too; all regions when left out. 地区。", region => region.CheckedRegion())
            .Argument<StringGraphType>("field", "A field code; its sub-fields count too. 产业/领域。", field => field.CheckedField())
            .Argument<NonNullGraphType<IntGraphType>>("from", "The first year. 起始年度。")
            .Argument<NonNullGraphType<IntGraphType>>("to", "The last year. 截止年度。")
            .ResolveAsync(async c => await new PolicyIndicatorReport(c.Store(), c.Targets())
                .HistoryAsync(Scope(c), c.GetArgument<int>("from"), c.GetArgument<int>("to"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<PolicyListConnectionType>>("policyList")
            .Description("The enterprises on a policy list (双清零, 五类清单, 培育库), by name, a page at a time. Needs the 'analyst' role: "
                + "being on a list reveals confidential figures (双清零: revenue ≥ 5 亿元; the 规上 lists: ≥ 2,000 万元). 政策清单（需 analyst 角色）。")
            // Refused before execution (UNAUTHENTICATED without a token, FORBIDDEN without the role); indicators stay public.
            .AuthorizeWithRoles(Roles.Analyst)
            .Argument<NonNullGraphType<PolicyListType>>("list", "Which list. 清单。")
            .Argument<StringGraphType>("region", "A region code; its sub-regions count too. 地区。", region => region.CheckedRegion())
            .Argument<StringGraphType>("field", "A field code; its sub-fields count too. 产业/领域。", field => field.CheckedField())
            .Argument<IntGraphType>("year", "The year whose figures decide who is on the list (enterprises without figures for it are not); each enterprise's latest year by default. 数据年度。", year => year.CheckedYear())
            .Argument<IntGraphType>("first", $"How many, at most {MaxPage}; 50 by default. 每页数量。")
            .Argument<StringGraphType>("after", "Continue after this cursor. 游标。")
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 50);
                if (first is < 0 or > MaxPage)
                    throw new InvalidInputException($"first: {first} is not between 0 and {MaxPage}");
                var skip = PolicyCursor.After(c.GetArgument<string?>("after"));
                var list = c.GetArgument<PolicyList>("list");
                var page = await new PolicyIndicatorReport(c.Store(), c.Targets()).ListAsync(list, ListScope(c), skip, first, c.CancellationToken).ConfigureAwait(false);
                return new PolicyListPage(list, page, skip);
            });

        DiagnosisFields.AddQueries(query);
        CaseFields.AddQueries(query);
    }

    // A token scoped to regions lists only inside them: its one region when it names none.
    static IndicatorScope ListScope(IResolveFieldContext c)
    {
        var scope = Scope(c);
        var jurisdiction = Roles.JurisdictionOf(c.User);
        if (scope.Region is null && jurisdiction.Regions is [var only])
            scope = scope with { Region = only };
        if (!jurisdiction.CoversAllOf(scope.Region))
        {
            throw new FieldForbiddenError(scope.Region is null
                ? $"Field 'policyList' needs a region inside the regions of the token ({jurisdiction}): being on a list reveals confidential figures."
                : $"Field 'policyList': {Jurisdiction.Describe(scope.Region)} is outside the regions of the token ({jurisdiction}): being on a list reveals confidential figures.");
        }
        return scope;
    }

    static IndicatorScope Scope(IResolveFieldContext c) =>
        new(c.GetArgument<string?>("region"), c.GetArgument<string?>("field"), c.GetArgument<int?>("year"));
}
