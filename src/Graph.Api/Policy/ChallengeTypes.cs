using GraphQL.Types;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.Policy;

/// <summary>Where a 揭榜挂帅 challenge stands in its lifecycle.</summary>
public sealed class ChallengeLifecycleType : ObjectGraphType<ChallengeInfo>
{
    public ChallengeLifecycleType()
    {
        Name = "ChallengeLifecycle";
        Description = "A 揭榜挂帅 challenge's lifecycle: 征集 → 发榜 → 揭榜申报 → 评审 → 对接洽谈 → 立项 → 完成/终止, with the date of each step, the applicants and the winner. 揭榜挂帅进展。";
        Field("challenge", PolicySchema.NonNull("Challenge")).Description("The challenge. 榜单。").Resolve(c => c.Source.Challenge);
        Field("kind", PolicySchema.Enum(NodeKind.Challenge, "challengeKind")).Description("技术攻关类 or 成果转化类. 榜单类型。").Resolve(c => c.Source.Kind.ToString());
        Field("status", PolicySchema.Enum(NodeKind.Challenge, "status")).Description("The current state. 当前状态。").Resolve(c => c.Source.Record.Status.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChallengeStepType>>>>("history").Description("Each state entered, with its date, in order. 各阶段日期。").Resolve(c => c.Source.Record.History);
        Field("nextStates", PolicySchema.EnumList(NodeKind.Challenge, "status"))
            .Description("The states it may move to next; 立项 goes through awardChallenge. 可转入的状态。").Resolve(c => c.Source.NextStates.Select(s => s.ToString()).ToList());
        Field("poster", PolicySchema.Ref("Organization")).Description("Who posted it. 发榜方。")
            .ResolveAsync(async c => c.Source.PosterId is null ? null : await c.Store().GetNodeAsync(c.Source.PosterId, c.CancellationToken).ConfigureAwait(false));
        Field("applicants", PolicySchema.ListOf("Node")).Description("Organisations and consortia that applied. 揭榜方。")
            .ResolveAsync(async c => (await c.Store().GetNodesAsync([.. c.Source.Record.ApplicantIds], c.CancellationToken).ConfigureAwait(false))
                .Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToList());
        Field("winner", PolicySchema.Ref("Node")).Description("Who it was awarded to. 中榜方。")
            .ResolveAsync(async c => c.Source.Record.AwardedTo is null ? null : await c.Store().GetNodeAsync(c.Source.Record.AwardedTo, c.CancellationToken).ConfigureAwait(false));
        Field<NonNullGraphType<BooleanGraphType>>("racing").Description("Run as 赛马制: several teams in parallel, several may be awarded. 赛马制。").Resolve(c => c.Source.Racing);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChallengeApplicationType>>>>("applications")
            .Description("The applications with price and review, best score first. 揭榜申报与评审。").Resolve(c => c.Source.Applications);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChallengeAwardType>>>>("awards")
            .Description("Who it was awarded to: one winner, or several under 赛马制, with amount, share and reason. 立项（中榜方）。").Resolve(c => c.Source.Awards);
        Field<ChallengeCallInfoType>("call").Description("The call (榜单批次) it was published in. 榜单批次。")
            .Resolve(c => c.Source.Challenge.Properties.Text("call") is { } key
                ? new ChallengeCall(key, c.Source.Challenge.Properties.Text("callName") ?? key,
                    c.Source.Challenge.Properties.Date("callOpensOn") ?? DateOnly.MinValue, c.Source.Challenge.Properties.Date("callClosesOn") ?? DateOnly.MaxValue, [])
                : null);
        Field<DiagnosedProblemType>("diagnosedProblem").Description("The 一业一团 diagnosed problem it was posted for, with its report. 来源技术难题。")
            .ResolveAsync(async c => await DiagnosisFields.ProblemOfChallengeAsync(c, c.Source.Challenge.Id).ConfigureAwait(false));
        Field<DecimalGraphType>("budget").Description("The amount offered (万元). 榜单金额。").Resolve(c => c.Source.Budget);
        Field<DecimalGraphType>("publicFunding").Description("Public S&T funding (万元). 财政资助。").Resolve(c => c.Source.PublicFunding);
        Field<DecimalGraphType>("publicFundingShare").Description("Public funding as a share of the budget (%). 财政资助占比。")
            .Resolve(c => c.Source.PublicFundingShare is { } share ? decimal.Round(share * 100m, 2) : null);
    }
}

/// <summary>An application to a challenge, with its review.</summary>
public sealed class ChallengeApplicationType : ObjectGraphType<Link>
{
    public ChallengeApplicationType()
    {
        Name = "ChallengeApplication";
        Description = "An application (揭榜申报) with its price and its review (评审): score and reasons. 揭榜申报。";
        Field("applicant", PolicySchema.NonNull("Node")).Description("The organisation or consortium. 揭榜方。")
            .ResolveAsync(async c => await c.Store().GetNodeAsync(c.Source.FromId, c.CancellationToken).ConfigureAwait(false));
        Field("appliedOn", PolicySchema.Ref("Date")).Description("When it applied. 申报日期。").Resolve(c => c.Source.StartDate);
        Field<DecimalGraphType>("price").Description("The price offered (万元). 报价。").Resolve(c => c.Source.Properties.Decimal("price"));
        Field<DecimalGraphType>("reviewScore").Description("The review's score, 0–100. 评审得分。").Resolve(c => c.Source.Properties.Decimal("reviewScore"));
        Field<StringGraphType>("reviewReason").Description("The review's reasons. 评审意见。").Resolve(c => c.Source.Properties.Text("reviewReason"));
        Field("reviewedOn", PolicySchema.Ref("Date")).Description("When it was reviewed. 评审日期。").Resolve(c => c.Source.Properties.Date("reviewedOn"));
    }
}

/// <summary>An award of a challenge.</summary>
public sealed class ChallengeAwardType : ObjectGraphType<Link>
{
    public ChallengeAwardType()
    {
        Name = "ChallengeAward";
        Description = "An award (立项) to one applicant: the amount, its share under 赛马制, and why it was chosen. 中榜。";
        Field("awardee", PolicySchema.NonNull("Node")).Description("Who was awarded. 中榜方。")
            .ResolveAsync(async c => await c.Store().GetNodeAsync(c.Source.FromId, c.CancellationToken).ConfigureAwait(false));
        Field("on", PolicySchema.Ref("Date")).Description("The date. 立项日期。").Resolve(c => c.Source.StartDate);
        Field<DecimalGraphType>("amount").Description("The amount (万元). 合同金额。").Resolve(c => c.Source.Properties.Decimal("amount"));
        Field<DecimalGraphType>("share").Description("赛马制: its share (%). 份额。").Resolve(c => c.Source.Properties.Decimal("share"));
        Field<StringGraphType>("reason").Description("Why it was chosen, on price and quality. 择优理由。").Resolve(c => c.Source.Properties.Text("reason"));
    }
}

/// <summary>A call 榜单批次.</summary>
public sealed class ChallengeCallInfoType : ObjectGraphType<ChallengeCall>
{
    public ChallengeCallInfoType()
    {
        Name = "ChallengeCall";
        Description = "A call (榜单批次): challenges published together, taking applications between its opening and closing days. 榜单批次。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The call's key. 批次主键。").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name. 批次名称。").Resolve(c => c.Source.Name);
        Field("opensOn", PolicySchema.NonNull("Date")).Description("Opens for applications. 开始日期。").Resolve(c => c.Source.OpensOn);
        Field("closesOn", PolicySchema.NonNull("Date")).Description("Closes for applications. 截止日期。").Resolve(c => c.Source.ClosesOn);
        Field("challenges", PolicySchema.ListOf("Challenge")).Description("Its challenges, by key (empty when read from one of them). 批次榜单。")
            .ResolveAsync(async c => (await c.Store().GetNodesAsync([.. c.Source.ChallengeIds], c.CancellationToken).ConfigureAwait(false))
                .Values.OrderBy(n => n.Key, StringComparer.Ordinal).ToList());
    }
}

/// <summary>An awardee named in a 赛马制 award.</summary>
public sealed class ChallengeAwardInputType : InputObjectGraphType
{
    public ChallengeAwardInputType()
    {
        Name = "ChallengeAwardInput";
        Description = "One awardee: an applicant, the amount, its share under 赛马制 and why it was chosen. 中榜方。";
        Field<NonNullGraphType<IdGraphType>>("applicantId").Description("The applicant chosen. 中榜方。");
        Field<DecimalGraphType>("amount").Description("The amount (万元). 合同金额。");
        Field<DecimalGraphType>("share").Description("Its share (%). 份额。");
        Field<StringGraphType>("reason").Description("Why it was chosen, on price and quality. 择优理由。");
    }

    internal static IReadOnlyList<ChallengeAward> ReadAll(List<object?>? awardees) =>
        [.. (new InputFields(new Dictionary<string, object?> { ["awardees"] = awardees }, "").Children("awardees") ?? [])
            .Select(input => new ChallengeAward(input.RequiredText("applicantId"), input.Decimal("amount"), input.Decimal("share"), input.Text("reason")))];
}

/// <summary>A call to publish.</summary>
public sealed class PublishChallengeCallInputType : InputObjectGraphType
{
    public PublishChallengeCallInputType()
    {
        Name = "PublishChallengeCallInput";
        Description = "A call (榜单批次) to publish: its challenges and the days it takes applications. 发布榜单批次。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The call's key. 批次主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name. 批次名称。");
        Field("opensOn", PolicySchema.NonNull("Date")).Description("Opens for applications. 开始日期。");
        Field("closesOn", PolicySchema.NonNull("Date")).Description("Closes for applications. 截止日期。");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("challengeIds").Description("Its challenges. 批次榜单。");
    }

    internal static ChallengeCall Read(InputFields input) => new(
        input.RequiredText("key"),
        input.RequiredText("name"),
        input.Date("opensOn") ?? throw new Domain.Errors.InvalidInputException("input.opensOn is required"),
        input.Date("closesOn") ?? throw new Domain.Errors.InvalidInputException("input.closesOn is required"),
        input.Texts("challengeIds") ?? []);
}

/// <summary>One dated state of a challenge.</summary>
public sealed class ChallengeStepType : ObjectGraphType<ChallengeStep>
{
    public ChallengeStepType()
    {
        Name = "ChallengeStep";
        Description = "A state a challenge entered, and when. 榜单阶段。";
        Field("status", PolicySchema.Enum(NodeKind.Challenge, "status")).Description("The state. 状态。").Resolve(c => c.Source.Status.ToString());
        Field("on", PolicySchema.NonNull("Date")).Description("The date it was entered. 日期。").Resolve(c => c.Source.On);
        Field<NonNullGraphType<StringGraphType>>("label").Description("The state's Chinese name. 中文名称。").Resolve(c => ChallengeLifecycle.Chinese(c.Source.Status));
    }
}

/// <summary>Whether an applicant may apply, and every reason it may not.</summary>
public sealed class ChallengeEligibilityType : ObjectGraphType<Eligibility>
{
    public ChallengeEligibilityType()
    {
        Name = "ChallengeEligibility";
        Description = "Whether an organisation or consortium may apply to a challenge (003: not the poster, nor its subsidiary at any depth, nor a consortium either leads). 揭榜资格。";
        Field<NonNullGraphType<BooleanGraphType>>("eligible").Description("Whether it may apply. 是否可揭榜。").Resolve(c => c.Source.Eligible);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("reasons").Description("Every reason it may not. 不符合的原因。").Resolve(c => c.Source.Reasons);
    }
}

/// <summary>A challenge to post.</summary>
public sealed class PostChallengeInputType : InputObjectGraphType
{
    public PostChallengeInputType()
    {
        Name = "PostChallengeInput";
        Description = "A challenge to post; it starts in 征集 on the date given. 发布揭榜挂帅榜单。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The challenge's key. 榜单主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its title. 榜单名称。");
        Field("kind", PolicySchema.Enum(NodeKind.Challenge, "challengeKind")).Description("技术攻关类 or 成果转化类. 榜单类型。");
        Field<NonNullGraphType<IdGraphType>>("posterId").Description("Who posts it: an in-region enterprise for 技术攻关类, the achievement's holder for 成果转化类. 发榜方。");
        Field("on", PolicySchema.NonNull("Date")).Description("The date demand collection starts. 征集日期。");
        Field<DecimalGraphType>("budget").Description("The amount offered (万元). 榜单金额。");
        Field<DecimalGraphType>("publicFunding").Description("Public S&T funding (万元), at most the budget. 财政资助。");
        Field("deadline", PolicySchema.Ref("Date")).Description("Application deadline. 截止日期。");
        Field<IdGraphType>("achievementId").Description("成果转化类: the achievement offered. 转化成果。");
        Field<StringGraphType>("region").Description("Region code; the poster's by default. 所在地区。");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("fields").Description("Field codes. 技术领域。");
        Field<StringGraphType>("description").Description("What is asked or offered. 简介。");
        Field<BooleanGraphType>("racing").Description("Run as 赛马制: several teams in parallel, several may be awarded. 赛马制。");
    }

    internal static ChallengePosting Read(InputFields input) => new(
        input.RequiredText("key"),
        input.RequiredText("name"),
        input.Enum<ChallengeKind>("kind") ?? ChallengeKind.TechnologyBreakthrough,
        input.RequiredText("posterId"),
        input.Date("on") ?? throw new Domain.Errors.InvalidInputException("input.on is required"),
        input.Decimal("budget"),
        input.Decimal("publicFunding"),
        input.Date("deadline"),
        input.Text("achievementId"),
        input.Text("region"),
        input.Texts("fields"),
        input.Text("description"),
        input.Flag("racing") ?? false);
}

/// <summary>A pairing 结对子: an enterprise and a university or institute, with dates.</summary>
public sealed class PairingType : ObjectGraphType<Link>
{
    public PairingType()
    {
        Name = "Pairing";
        Description = "An enterprise paired with a university or research institute (003: 千家企业与高校院所结对子). 结对子。";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The PAIRED_WITH link's id. 关系标识。").Resolve(c => c.Source.Id);
        Field("enterprise", PolicySchema.NonNull("Enterprise")).Description("The enterprise. 企业。")
            .ResolveAsync(async c => await c.Store().GetNodeAsync(c.Source.FromId, c.CancellationToken).ConfigureAwait(false));
        Field("partner", PolicySchema.NonNull("Organization")).Description("The university or institute. 高校院所。")
            .ResolveAsync(async c => await c.Store().GetNodeAsync(c.Source.ToId, c.CancellationToken).ConfigureAwait(false));
        Field("startDate", PolicySchema.Ref("Date")).Description("Paired since. 开始日期。").Resolve(c => c.Source.StartDate);
        Field("endDate", PolicySchema.Ref("Date")).Description("Ended on; null while in force. 结束日期。").Resolve(c => c.Source.EndDate);
        Field<StringGraphType>("source").Description("Where the fact comes from. 来源。").Resolve(c => c.Source.Source);
        Field("commissioner", PolicySchema.Ref("Person")).Description("The tech commissioner who carries the pairing, if named. 承担结对的科技特派员。")
            .ResolveAsync(async c => c.Source.Properties.Text("commissioner") is { } key
                ? await c.Store().GetNodeAsync(NodeId.Of(NodeKind.Person, key), c.CancellationToken).ConfigureAwait(false) : null);
    }
}

/// <summary>Pairing coverage against the target.</summary>
public sealed class PairingCoverageType : ObjectGraphType<PairingCoverage>
{
    public PairingCoverageType()
    {
        Name = "PairingCoverage";
        Description = "Enterprises paired with universities or institutes on a date, against 003's target of 1,000. 结对子覆盖情况。";
        Field("asOf", PolicySchema.NonNull("Date")).Description("The date counted on. 统计日期。").Resolve(c => c.Source.AsOf);
        Field<StringGraphType>("region").Description("The region counted, with its sub-regions; null for all. 地区。").Resolve(c => c.Source.Region);
        Field<NonNullGraphType<IntGraphType>>("pairedEnterprises").Description("Enterprises with a pairing in force. 已结对企业数。").Resolve(c => c.Source.PairedEnterprises);
        Field<NonNullGraphType<IntGraphType>>("activePairings").Description("Pairings in force. 在结对子数。").Resolve(c => c.Source.ActivePairings);
        Field<IndicatorTargetType>("target").Description("The target that applies. 目标。").Resolve(c => c.Source.Target);
        Field<DecimalGraphType>("gap").Description("How many enterprises short of the target; 0 when met. 差距。").Resolve(c => c.Source.Gap);
    }
}
