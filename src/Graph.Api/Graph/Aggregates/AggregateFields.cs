using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Api.Graph.Lists;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Cost;
using KnowledgeGraph.Api.Hosting.Errors;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Aggregates;

/// <summary>
/// <c>&lt;list&gt;Aggregate</c> beside every root list (<c>enterprisesAggregate</c>, <c>organizationsAggregate</c>, …): the
/// list's <c>where</c> selects the nodes, <c>groupBy</c> groups them, the group's fields are the measures. A store that can
/// groups and measures in place (<see cref="IGroupingStore"/>); which groups are shown, and to whom, is decided here alike
/// on every store.
/// </summary>
public static class AggregateFields
{
    /// <summary>Adds the aggregation of one root list, named after it.</summary>
    public static void Add(ObjectGraphType query, AggregateTypes types, QueryArgument where, FilterScope scope, string listName)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(types);
        query.Field($"{listName}Aggregate", new NonNullGraphType(types.Create(scope)))
            .Description($"The nodes `{listName}` lists for `where`, grouped by `groupBy` (none: one group), with measures per group. "
                + "Groups of one or two enterprises are left out unless the token has the 'analyst' role; grouping by list needs it. 分组统计。")
            .Arguments(
            [
                where,
                new QueryArgument<IntGraphType> { Name = "year", Description = "The year whose figures are read and on whose 31 December links are counted; the latest figures and every link by default; `where` reads that year's figures too. 年度。" }.CheckedYear(),
                new QueryArgument<IntGraphType> { Name = "from", Description = "Grouping by year: the first year. 起始年度。" }.CheckedYear(),
                new QueryArgument<IntGraphType> { Name = "to", Description = "Grouping by year: the last year. 截止年度。" }.CheckedYear(),
                new QueryArgument(new ListGraphType(new NonNullGraphType(types.GroupByInput))) { Name = "groupBy", Description = "The group keys, most significant first; each names one dimension. 分组依据。" },
            ])
            // A ranking condition reads the whole network's scores, as in the list.
            .WithArgumentCost((arguments, _) => NetworkRankings.Cost(RootLists.ValueOf(arguments, "where"), null, RootLists.LinkConditionWeight))
            .ResolveAsync(async context => await AggregateAsync(context, scope).ConfigureAwait(false));
    }

    private static async Task<Aggregation> AggregateAsync(IResolveFieldContext context, FilterScope scope)
    {
        var request = new AggregateRequest(
            AggregateGroupByInputType.Read(context.GetArgument<List<object?>?>("groupBy")),
            context.GetArgument<int?>("year"), context.GetArgument<int?>("from"), context.GetArgument<int?>("to"));
        request.Check(scope.Kinds);
        var analyst = Roles.Has(context.User, Roles.Analyst);
        if (request.ByList && !analyst)
            throw new FieldForbiddenError($"Field '{context.FieldDefinition.Name}' groups by policy list: being on a list reveals confidential figures, so that needs a bearer token with the role '{Roles.Analyst}'.");

        var rankings = await NetworkRankings.ForAsync(context, context.GetArgument<Dictionary<string, object?>?>("where"), null).ConfigureAwait(false);
        var filter = RootLists.Where(context, scope, rankings);
        var jurisdiction = Roles.JurisdictionOf(context.User);
        if (jurisdiction.IsScoped && scope.Property("region") is not null)
        {
            // A token scoped to regions aggregates only what it may read one by one.
            var inside = new NodeFilter.Compare("region", FilterOp.In, jurisdiction.Codes());
            filter = filter is null ? inside : new NodeFilter.AllOf([filter, inside]);
        }
        var store = context.Store();
        var collaboration = context.RequestServices!.GetRequiredService<CollaborationService>();
        return await Aggregation.CreateAsync(new AggregateSelection([.. scope.Kinds], filter, request), store, showSmallGroups: analyst,
            (nodes, cancellationToken) => new PolicyIndicatorReport(store, context.Targets()).MembershipAsync(nodes, cancellationToken),
            collaboration.ProjectionAsync, context.CancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One group key: exactly one of its fields names the dimension.</summary>
public sealed class AggregateGroupByInputType : InputObjectGraphType
{
    private static readonly string[] Dimensions = ["region", "field", "year", "kind", "status", "list"];

    public AggregateGroupByInputType()
    {
        Name = "AggregateGroupByInput";
        Description = "One group key; set exactly one field: `{ region: CITY }`, `{ field: 1 }`, `{ year: true }`, `{ kind: true }`, `{ status: true }`, `{ list: true }`. 分组依据。";
        Field("region", PolicySchema.Enum(NodeKind.Region, "level", nonNull: false)).Description("By region at this level (GB/T 2260 prefix). 按行政区划。");
        Field<IntGraphType>("field").Description($"By field at this depth of the field tree, 1 (top) to {NodeAggregation.FieldDepth}. 按领域层级。");
        Field<BooleanGraphType>("year").Description("By year, each from `from` to `to`. 按年度。");
        Field<BooleanGraphType>("kind").Description("By kind. 按类型。");
        Field<BooleanGraphType>("status").Description("By status. 按状态。");
        Field<BooleanGraphType>("list").Description("By policy list (analysts only). 按政策清单。");
    }

    /// <summary>The group keys of a <c>groupBy</c> argument, INVALID_INPUT naming the item that does not name exactly one dimension.</summary>
    internal static IReadOnlyList<GroupBy> Read(List<object?>? items)
    {
        var keys = new List<GroupBy>();
        foreach (var (item, i) in (items ?? []).Select((item, i) => (item as IDictionary<string, object?> ?? new Dictionary<string, object?>(), i)))
        {
            var set = Dimensions.Where(d => item.TryGetValue(d, out var value) && value is not (null or false)).ToList();
            if (set.Count != 1)
                throw new InvalidInputException($"groupBy[{i}]: set exactly one of {string.Join(", ", Dimensions)} (true, or the level for region and field); it sets {(set.Count == 0 ? "none" : string.Join(", ", set))}");
            keys.Add(set[0] switch
            {
                "region" => new GroupBy(GroupDimension.Region, RegionLevel: PolicySchema.ParseEnum<RegionLevel>(item["region"], $"groupBy[{i}].region")),
                "field" => new GroupBy(GroupDimension.Field, FieldLevel: Convert.ToInt32(item["field"], System.Globalization.CultureInfo.InvariantCulture)),
                var name => new GroupBy(Enum.Parse<GroupDimension>(name, ignoreCase: true)),
            });
        }
        return keys;
    }
}
