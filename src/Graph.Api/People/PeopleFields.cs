using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.People;

/// <summary>科技特派员 and 技术经理人 (003 二): commissioning, ending a commission, counting per region.</summary>
public static class PeopleFields
{
    /// <summary>Adds the query fields.</summary>
    public static void AddTo(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<PeopleCountsType>>("peopleCounts")
            .Description("Tech commissioners (科技特派员) with a commission in force, the enterprises they serve, and technology managers (技术经理人), on a date, in a region and each of its sub-regions. 科技特派员与技术经理人分地区统计。")
            .Argument(PolicySchema.Ref("Date"), "on", a => a.Description = "The date; today by default. 统计日期。")
            .Argument<StringGraphType>("region", "A region code; the home province when left out. 地区。", region => region.CheckedRegion())
            .ResolveAsync(async c => await new CommissionerWorkflow(c.Writer(), c.Actor())
                .CountAsync(c.GetArgument<DateOnly?>("on") ?? c.Today(), c.GetArgument<string?>("region"), c.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds the mutation fields.</summary>
    public static void AddMutationsTo(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<CommissionType>("commissionPerson")
            .Description("Commissions a person as tech commissioner (科技特派员) to an enterprise: who commissions them, from when, until when, the region served. A person with no service role becomes a commissioner; an overlapping commission of the same two is refused with CONFLICT. 选派科技特派员。")
            .Argument<NonNullGraphType<CommissionInputType>>("input", "The commission. 选派。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new CommissionerWorkflow(c.Writer(), c.Actor()).CommissionAsync(CommissionInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<CommissionType>("endCommission")
            .Description("Ends the commission of a person to an enterprise in force on a date, on that date. 结束科技特派员服务。")
            .Argument<NonNullGraphType<IdGraphType>>("personId", "The commissioner. 科技特派员。")
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .Argument(PolicySchema.NonNull("Date"), "endOn", a => a.Description = "The last day. 结束日期。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new CommissionerWorkflow(c.Writer(), c.Actor()).EndAsync(
                c.GetArgument<string>("personId"), c.GetArgument<string>("enterpriseId"), c.GetArgument<DateOnly>("endOn"), c.CancellationToken).ConfigureAwait(false));
    }
}
