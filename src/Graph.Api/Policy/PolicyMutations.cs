using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.Policy;

/// <summary>The policy workflows' mutations; each needs the editor role and writes in one all-or-nothing batch.</summary>
public static class PolicyMutations
{
    /// <summary>Adds the fields to the mutation root and returns it.</summary>
    public static ObjectGraphType AddTo(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<FileRdInstitutionPayloadType>("fileRdInstitution")
            .Description("Files an R&D institution (研发机构备案): checks it, refuses it with RULE_VIOLATION naming every missing item and by how much, else records it as a Platform of the enterprises with status 备案, its level and date. 研发机构备案。")
            .Argument<NonNullGraphType<FileRdInstitutionInputType>>("input", "The filing. 备案。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new RdInstitutionFiling(c.Writer(), c.Actor()).FileAsync(FileRdInstitutionInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<ChallengeLifecycleType>("postChallenge")
            .Description("Posts a 揭榜挂帅 challenge; it starts in 征集. 发布榜单。")
            .Argument<NonNullGraphType<PostChallengeInputType>>("input", "The challenge. 榜单。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).PostAsync(PostChallengeInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<ChallengeLifecycleType>("transitionChallenge")
            .Description("Moves a challenge to its next state on a date, or ends it (终止); an illegal move is refused with RULE_VIOLATION naming both states. 榜单状态变更。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The challenge. 榜单。")
            .Argument(PolicySchema.Enum(NodeKind.Challenge, "status"), "to", a => a.Description = "The state to move to. 目标状态。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The date. 日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).TransitionAsync(
                c.GetArgument<string>("id"), PolicySchema.ParseEnum<ChallengeStatus>(c.GetArgument<object>("to"), "to"), c.GetArgument<DateOnly>("on"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<ChallengeLifecycleType>("applyToChallenge")
            .Description("Records an application (揭榜申报) if the applicant is eligible: not the poster, nor its subsidiary at any depth, nor a consortium either leads; for 成果转化类 an in-region enterprise or a consortium it leads. 揭榜申报。")
            .Argument<NonNullGraphType<IdGraphType>>("challengeId", "The challenge. 榜单。")
            .Argument<NonNullGraphType<IdGraphType>>("applicantId", "An organisation or consortium. 揭榜方。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The date of application. 申报日期。")
            .Argument<DecimalGraphType>("price", "The price offered (万元). 报价。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).ApplyAsync(
                c.GetArgument<string>("challengeId"), c.GetArgument<string>("applicantId"), c.GetArgument<DateOnly>("on"), c.GetArgument<decimal?>("price"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<ChallengeLifecycleType>("awardChallenge")
            .Description("Awards a challenge in 对接洽谈 to one of its applicants (立项), chosen on price and quality. 揭榜立项。")
            .Argument<NonNullGraphType<IdGraphType>>("challengeId", "The challenge. 榜单。")
            .Argument<NonNullGraphType<IdGraphType>>("applicantId", "The applicant chosen. 中榜方。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The date. 立项日期。")
            .Argument<DecimalGraphType>("amount", "The amount awarded (万元). 合同金额。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).AwardAsync(
                c.GetArgument<string>("challengeId"), c.GetArgument<string>("applicantId"), c.GetArgument<DateOnly>("on"), c.GetArgument<decimal?>("amount"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<ChallengeLifecycleType>("awardChallengeRace")
            .Description("Awards a 赛马制 challenge in 对接洽谈 to several of its applicants (立项), each with its amount, share and why it was chosen; the amounts together stay within the budget. 赛马制立项。")
            .Argument<NonNullGraphType<IdGraphType>>("challengeId", "The challenge. 榜单。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The date. 立项日期。")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ChallengeAwardInputType>>>>("awardees", "The applicants chosen. 中榜方。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).AwardAsync(
                c.GetArgument<string>("challengeId"), ChallengeAwardInputType.ReadAll(c.GetArgument<List<object?>>("awardees")), c.GetArgument<DateOnly>("on"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<ChallengeLifecycleType>("reviewChallengeApplication")
            .Description("Records the review (评审) of an application: its score (0–100) on price and quality and the reasons, while the challenge is in 评审 or 对接洽谈. 揭榜评审。")
            .Argument<NonNullGraphType<IdGraphType>>("challengeId", "The challenge. 榜单。")
            .Argument<NonNullGraphType<IdGraphType>>("applicantId", "The applicant reviewed. 揭榜方。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The date of the review. 评审日期。")
            .Argument<NonNullGraphType<DecimalGraphType>>("score", "The score, 0–100. 评审得分。")
            .Argument<NonNullGraphType<StringGraphType>>("reason", "Why it earns the score. 评审意见。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).ReviewAsync(
                c.GetArgument<string>("challengeId"), c.GetArgument<string>("applicantId"), c.GetArgument<DateOnly>("on"), c.GetArgument<decimal>("score"), c.GetArgument<string>("reason"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<ChallengeCallInfoType>("publishChallengeCall")
            .Description("Publishes a call (榜单批次): its challenges take applications only between its opening and closing days. 发布榜单批次。")
            .Argument<NonNullGraphType<PublishChallengeCallInputType>>("input", "The call. 榜单批次。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new ChallengeWorkflow(c.Writer(), c.Actor()).PublishCallAsync(PublishChallengeCallInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<PairingType>("createPairing")
            .Description("Pairs an enterprise with a university or research institute from a date (结对子). 建立结对。")
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .Argument<NonNullGraphType<IdGraphType>>("partnerId", "The university or institute. 高校院所。")
            .Argument(PolicySchema.NonNull("Date"), "startOn", a => a.Description = "Paired from. 开始日期。")
            .Argument<StringGraphType>("source", "Where the fact comes from. 来源。")
            .Argument<IdGraphType>("commissionerId", "The tech commissioner who carries the pairing; must serve the enterprise on startOn. 承担结对的科技特派员。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new PairingWorkflow(c.Writer(), c.Actor()).CreateAsync(
                c.GetArgument<string>("enterpriseId"), c.GetArgument<string>("partnerId"), c.GetArgument<DateOnly>("startOn"), c.GetArgument<string?>("source"),
                c.GetArgument<string?>("commissionerId"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<PairingType>("endPairing")
            .Description("Ends the pairing in force between an enterprise and a university or institute on a date. 结束结对。")
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .Argument<NonNullGraphType<IdGraphType>>("partnerId", "The university or institute. 高校院所。")
            .Argument(PolicySchema.NonNull("Date"), "endOn", a => a.Description = "The last day. 结束日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new PairingWorkflow(c.Writer(), c.Actor()).EndAsync(
                c.GetArgument<string>("enterpriseId"), c.GetArgument<string>("partnerId"), c.GetArgument<DateOnly>("endOn"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<CentreStatusType>("changeCentreGovernance")
            .Description("Changes a technology innovation centre's governance; the result is checked against 004 and refused with RULE_VIOLATION listing every problem. Once the centre is approved for construction the change is filed (报备) and takes effect when approved with approveCentreGovernance (批复). 技术创新中心治理变更（报备）。")
            .Argument<NonNullGraphType<CentreGovernanceInputType>>("input", "The change. 变更。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c =>
            {
                var input = c.Input("input");
                return await new InnovationCentreWorkflow(c.Writer(), c.Actor()).ChangeGovernanceAsync(input.RequiredText("centreId"), CentreGovernanceInputType.Read(input), c.CancellationToken).ConfigureAwait(false);
            });

        mutation.Field<CentreStatusType>("approveCentreGovernance")
            .Description("Approves (批复) the governance change filed for a centre: checked again, it takes effect on the approval date. 技术创新中心治理变更批复。")
            .Argument<NonNullGraphType<IdGraphType>>("centreId", "The centre. 中心。")
            .Argument(PolicySchema.NonNull("Date"), "on", a => a.Description = "The approval date. 批复日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new InnovationCentreWorkflow(c.Writer(), c.Actor())
                .ApproveGovernanceAsync(c.GetArgument<string>("centreId"), c.GetArgument<DateOnly>("on"), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<CentreStatusType>("recordCentreEvent")
            .Description("Records a dated event of a centre's lifecycle in the order 004 sets: approval (筹), yearly report, evaluation, acceptance, accreditation, long-term grade, delisting. 技术创新中心建设运行事项。")
            .Argument<NonNullGraphType<IdGraphType>>("centreId", "The centre. 中心。")
            .Argument<NonNullGraphType<CentreEventInputType>>("event", "The event. 事项。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new InnovationCentreWorkflow(c.Writer(), c.Actor())
                .RecordEventAsync(c.GetArgument<string>("centreId"), CentreEventInputType.Read(c.Input("event")), c.CancellationToken).ConfigureAwait(false));
        FilingRoundFields.AddMutations(mutation);
        DiagnosisFields.AddMutations(mutation);
        CaseFields.AddMutations(mutation);
        return mutation;
    }
}
