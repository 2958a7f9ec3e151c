using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.Policy;

/// <summary>The filing round workflow's fields: open a round, apply, review, decide, pay the reward; the rounds and the ledger.</summary>
public static class FilingRoundFields
{
    /// <summary>Adds the mutations to the mutation root.</summary>
    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<FilingRoundType>("openFilingRound")
            .Description("Opens a filing round (研发机构申报批次) held by a government body: applications are taken from its opening to its closing day, within one half-year, one round a half-year (002 六(三)); it recognises at its level. 开启研发机构申报批次。")
            .Argument<NonNullGraphType<OpenFilingRoundInputType>>("input", "The round. 申报批次。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => (await Workflow(c).OpenAsync(OpenFilingRoundInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false)));

        mutation.Field<RoundApplicationPayloadType>("applyInFilingRound")
            .Description("Submits an R&D institution's application in an open round: its enterprises inside the holder's region, checked against \"六有\" on the day and refused with RULE_VIOLATION naming every missing item; the institution is filed (普遍备案) and awaits review. 研发机构申报。")
            .Argument<NonNullGraphType<ApplyInFilingRoundInputType>>("input", "The application. 申报材料。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Workflow(c).ApplyAsync(ApplyInFilingRoundInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<FilingRecordType>("reviewFilingApplication")
            .Description("Records the review of a submitted application: the site visit and the review's conclusion, whether it passed and its opinion (材料审查和现场考察相结合). 申报评审（含现场考察）。")
            .Argument<NonNullGraphType<IdGraphType>>("institutionId", "The applying institution (a Platform). 研发机构。")
            .Argument(PolicySchema.NonNull("Date"), "siteVisitOn", a => a.Description = "The day of the site visit. 现场考察日期。")
            .Argument(PolicySchema.NonNull("Date"), "reviewedOn", a => a.Description = "The day the review concluded. 评审日期。")
            .Argument<NonNullGraphType<BooleanGraphType>>("passed", "Whether it meets the standard. 评审是否通过。")
            .Argument<NonNullGraphType<StringGraphType>>("opinion", "The review's opinion. 评审意见。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Workflow(c).ReviewAsync(c.GetArgument<string>("institutionId"), c.GetArgument<DateOnly>("siteVisitOn"), c.GetArgument<DateOnly>("reviewedOn"),
                c.GetArgument<bool>("passed"), c.GetArgument<string>("opinion"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<FilingRecordType>("decideFilingApplication")
            .Description("Decides a reviewed application: recognises it (认定) at the round's level with the one-off reward by size class (大型 20, 中型 10, 小型 5 万元 for city recognition, once per enterprise) and its re-verification date, or not. A decision before review is refused. 认定决定。")
            .Argument<NonNullGraphType<IdGraphType>>("institutionId", "The applying institution. 研发机构。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The day of the decision. 认定日期。")
            .Argument<NonNullGraphType<BooleanGraphType>>("recognise", "true to recognise it, false not to. 是否认定。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Workflow(c).DecideAsync(c.GetArgument<string>("institutionId"), c.GetArgument<DateOnly>("on"), c.GetArgument<bool>("recognise"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<FilingRecordType>("payFilingReward")
            .Description("Records the payment of a recognised institution's one-off reward, once, on or after the recognition (先建后补). 奖补拨付。")
            .Argument<NonNullGraphType<IdGraphType>>("institutionId", "The recognised institution. 研发机构。")
            .Argument(PolicySchema.NonNull("Date"), "paidOn", a => a.Description = "The day it was paid. 拨付日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await Workflow(c).PayRewardAsync(c.GetArgument<string>("institutionId"), c.GetArgument<DateOnly>("paidOn"), c.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds the queries to the query root.</summary>
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FilingRoundType>>>>("filingRounds")
            .Description("The filing rounds a government body holds, oldest first. 研发机构申报批次。")
            .Argument<NonNullGraphType<IdGraphType>>("organiserId", "The body that holds them. 组织单位。")
            .ResolveAsync(async c => (await Workflow(c).RoundsAsync(c.GetArgument<string>("organiserId"), c.CancellationToken).ConfigureAwait(false))
                .Select(r => new FilingRoundView(r, [])).ToList());

        query.Field<NonNullGraphType<FilingRoundType>>("filingRound")
            .Description("A filing round with its applications. Needs the 'editor' or 'analyst' role and, for a token scoped to regions, the holder inside them: rewards reveal size classes. 申报批次及申报情况。")
            .AuthorizeWithRoles(Roles.Editor, Roles.Analyst)
            .Argument<NonNullGraphType<IdGraphType>>("organiserId", "The body that holds it. 组织单位。")
            .Argument<NonNullGraphType<StringGraphType>>("key", "The round's key. 批次主键。")
            .ResolveAsync(async c => await Workflow(c).GetAsync(c.GetArgument<string>("organiserId"), c.GetArgument<string>("key"), c.CancellationToken).ConfigureAwait(false));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FilingRecordType>>>>("filingLedger")
            .Description("The ledger (台账) of R&D institutions filed or recognised and not delisted, in a region (sub-regions included) or everywhere the token reaches: round, status, level, reward and its payment, and when each is next re-verified. Needs the 'editor' or 'analyst' role. 研发机构备案认定台账。")
            .AuthorizeWithRoles(Roles.Editor, Roles.Analyst)
            .Argument<StringGraphType>("region", "A region code; its sub-regions count too. 地区。", region => region.CheckedRegion())
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The day re-verification is judged overdue on; today by default. 日期。")
            .ResolveAsync(async c => await Workflow(c).LedgerAsync(c.GetArgument<string?>("region"), c.GetArgument<DateOnly?>("on") ?? c.Today(), c.CancellationToken).ConfigureAwait(false));
    }

    static FilingRounds Workflow(IResolveFieldContext c) => new(c.Writer(), c.Actor(), c.RequestServices!.GetService<TimeProvider>());
}

/// <summary>A round to open.</summary>
public sealed class OpenFilingRoundInputType : InputObjectGraphType
{
    public OpenFilingRoundInputType()
    {
        Name = "OpenFilingRoundInput";
        Description = "A filing round: who holds it, its key and name, its level and the days it is open. 研发机构申报批次。";
        Field<NonNullGraphType<IdGraphType>>("organiserId").Description("The government body that holds it: a city or county body for a CITY round, a provincial one for a PROVINCIAL round. 组织单位。");
        Field<NonNullGraphType<StringGraphType>>("key").Description("Its key, unique for the body, without spaces, e.g. 2026-H1. 批次主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name. 批次名称。");
        Field("level", PolicySchema.Enum(NodeKind.Platform, "level")).Description("The level it recognises at: CITY or PROVINCIAL. 认定级别。");
        Field("opensOn", PolicySchema.NonNull("Date")).Description("The first day applications are taken. 申报开始日期。");
        Field("closesOn", PolicySchema.NonNull("Date")).Description("The last day applications are taken. 申报截止日期。");
    }

    internal static FilingRound Read(InputFields input) => new(
        input.RequiredText("organiserId"),
        input.RequiredText("key"),
        input.RequiredText("name"),
        input.RequiredText("level"),
        input.Date("opensOn") ?? throw new InvalidInputException("input.opensOn is required"),
        input.Date("closesOn") ?? throw new InvalidInputException("input.closesOn is required"));
}

/// <summary>An application in a round.</summary>
public sealed class ApplyInFilingRoundInputType : InputObjectGraphType
{
    public ApplyInFilingRoundInputType()
    {
        Name = "ApplyInFilingRoundInput";
        Description = "An R&D institution's application in a round: the round, the institution, its facts and the day; for 离岸 mode the incubating platform it sits in. 研发机构申报。";
        Field<NonNullGraphType<IdGraphType>>("organiserId").Description("The body that holds the round. 组织单位。");
        Field<NonNullGraphType<StringGraphType>>("round").Description("The round's key. 批次主键。");
        Field<NonNullGraphType<StringGraphType>>("key").Description("The institution's key, as a Platform. 平台主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The institution's name. 研发机构名称。");
        Field<NonNullGraphType<FilingFactsInputType>>("facts").Description("Its facts, checked against \"六有\" on the day. 申报材料。");
        Field("appliedOn", PolicySchema.NonNull("Date")).Description("The day of the application; the round must be open. 申报日期。");
        Field<StringGraphType>("offshoreHostKey").Description("离岸 mode: the key of the incubator, science park or institute it sits in (002 五(四)); only for above-scale industrial enterprises. 离岸依托平台。");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("fields").Description("Field codes; the first enterprise's by default. 技术领域。");
    }

    internal static RoundApplication Read(InputFields input) => new(
        input.RequiredText("organiserId"),
        input.RequiredText("round"),
        input.RequiredText("key"),
        input.RequiredText("name"),
        FilingFactsInputType.Read(input.Child("facts") ?? throw new InvalidInputException("input.facts is required")),
        input.Date("appliedOn") ?? throw new InvalidInputException("input.appliedOn is required"),
        input.Text("offshoreHostKey"),
        input.Texts("fields"));
}

/// <summary>A round and its applications.</summary>
public sealed class FilingRoundType : ObjectGraphType<FilingRoundView>
{
    public FilingRoundType()
    {
        Name = "FilingRound";
        Description = "A filing round (研发机构申报批次): who holds it, the days it is open, the level it recognises at, and its applications. 申报批次。";
        Field<NonNullGraphType<IdGraphType>>("organiserId").Description("The government body that holds it. 组织单位。").Resolve(c => c.Source.Round.OrganiserId);
        Field<NonNullGraphType<StringGraphType>>("key").Description("Its key. 批次主键。").Resolve(c => c.Source.Round.Key);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name. 批次名称。").Resolve(c => c.Source.Round.Name);
        Field("level", PolicySchema.Enum(NodeKind.Platform, "level")).Description("The level it recognises at. 认定级别。").Resolve(c => c.Source.Round.Level);
        Field("opensOn", PolicySchema.NonNull("Date")).Description("The first day of applications. 申报开始日期。").Resolve(c => c.Source.Round.OpensOn);
        Field("closesOn", PolicySchema.NonNull("Date")).Description("The last day of applications. 申报截止日期。").Resolve(c => c.Source.Round.ClosesOn);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FilingRecordType>>>>("applications")
            .Description("Its applications in the order they came; empty in a list of rounds (ask filingRound). 申报情况。").Resolve(c => c.Source.Applications);
    }
}

/// <summary>An institution in a round or in the ledger.</summary>
public sealed class FilingRecordType : ObjectGraphType<FilingRecord>
{
    public FilingRecordType()
    {
        Name = "FilingRecord";
        Description = "An R&D institution as the ledger (台账) shows it: its enterprises, its round and where its application stands, the review, the decision, the reward and its payment, and its next re-verification. 研发机构台账记录。";
        Field("institution", PolicySchema.NonNull("Platform")).Description("The institution. 研发机构。").Resolve(c => c.Source.Institution);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("enterpriseIds").Description("The enterprises that host it. 依托企业。").Resolve(c => c.Source.EnterpriseIds);
        Field<StringGraphType>("round").Description("The key of the round it applied in; null when only filed. 申报批次。").Resolve(c => c.Source.Round?.Key);
        Field("applicationStatus", PolicySchema.Enum(NodeKind.Platform, "applicationStatus", nonNull: false)).Description("Where its round application stands; null when only filed. 申报状态。").Resolve(c => c.Source.Status?.ToString());
        Field("status", PolicySchema.Enum(NodeKind.Platform, "status", nonNull: false)).Description("FILED (备案) or ACCREDITED (认定). 状态。").Resolve(c => Text(c, "status"));
        Field("level", PolicySchema.Enum(NodeKind.Platform, "level", nonNull: false)).Description("The level filed or recognised at. 级别。").Resolve(c => Text(c, "level"));
        Field("filedOn", PolicySchema.Ref("Date")).Description("Filed on. 备案日期。").Resolve(c => Day(c, "filedOn"));
        Field("appliedOn", PolicySchema.Ref("Date")).Description("Applied in the round on. 申报日期。").Resolve(c => Day(c, "appliedOn"));
        Field("siteVisitOn", PolicySchema.Ref("Date")).Description("Site visit on. 现场考察日期。").Resolve(c => Day(c, "siteVisitOn"));
        Field("reviewedOn", PolicySchema.Ref("Date")).Description("Review concluded on. 评审日期。").Resolve(c => Day(c, "reviewedOn"));
        Field<BooleanGraphType>("reviewPassed").Description("Whether the review passed. 评审是否通过。").Resolve(c => c.Source.Institution.Properties.Flag("reviewPassed"));
        Field<StringGraphType>("reviewOpinion").Description("The review's opinion. 评审意见。").Resolve(c => Text(c, "reviewOpinion"));
        Field("decidedOn", PolicySchema.Ref("Date")).Description("Decided (认定 or not) on. 认定决定日期。").Resolve(c => Day(c, "decidedOn"));
        Field<DecimalGraphType>("reward").Description("The one-off reward (万元); null when the seeds name none. 一次性奖励。").Resolve(c => c.Source.Institution.Properties.Decimal("reward"));
        Field<StringGraphType>("rewardBasis").Description("Why the reward is what it is. 奖励依据。").Resolve(c => Text(c, "rewardBasis"));
        Field("rewardPaidOn", PolicySchema.Ref("Date")).Description("The reward paid on. 奖励拨付日期。").Resolve(c => Day(c, "rewardPaidOn"));
        Field("reverifyBy", PolicySchema.Ref("Date")).Description($"Next re-verified by: {FilingRoundRules.ReverificationYears} years after recognition, or after filing. 复核日期。").Resolve(c => c.Source.ReverifyBy);
        Field<NonNullGraphType<BooleanGraphType>>("reverificationOverdue").Description("Whether that day has passed. 复核是否逾期。").Resolve(c => c.Source.ReverificationOverdue);
        Field("offshoreHost", PolicySchema.Ref("Platform")).Description("离岸 mode: the incubating platform it sits in. 离岸依托平台。")
            .ResolveAsync(async c => Text(c, "offshoreHost") is { } key ? await c.Store().GetNodeAsync(NodeId.Of(NodeKind.Platform, key), c.CancellationToken).ConfigureAwait(false) : null);
    }

    static string? Text(IResolveFieldContext<FilingRecord> c, string name) => c.Source.Institution.Properties.Text(name);

    static DateOnly? Day(IResolveFieldContext<FilingRecord> c, string name) => c.Source.Institution.Properties.Date(name);
}

/// <summary>What an application recorded.</summary>
public sealed class RoundApplicationPayloadType : ObjectGraphType<RoundApplicationResult>
{
    public RoundApplicationPayloadType()
    {
        Name = "RoundApplicationPayload";
        Description = "The application as recorded and the \"六有\" check it passed at submission. 申报结果。";
        Field<NonNullGraphType<FilingRecordType>>("application").Description("The application. 申报记录。").Resolve(c => c.Source.Application);
        Field<NonNullGraphType<FilingCheckType>>("check").Description("The check, item by item. 核查结果。").Resolve(c => c.Source.Check);
    }
}
