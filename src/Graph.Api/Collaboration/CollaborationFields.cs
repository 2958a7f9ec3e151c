using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// Who collaborates with whom, on the query root: <c>collaborators</c>, <c>collaborationPaths</c>,
/// <c>collaborationNetwork</c>, <c>rankings</c>, <c>communities</c> and <c>collaborationChange</c>. Every field runs on the
/// in-memory collaboration projection, current as of the store's data version.
/// </summary>
public static class CollaborationFields
{
    /// <summary>Adds the collaboration fields to the query root.</summary>
    public static void AddTo(ObjectGraphType query, NodeTypes nodes)
    {
        var types = new CollaborationTypes(nodes);
        var kinds = new ListGraphType(new NonNullGraphType(types.Kind));

        query.Field("collaborators", new NonNullGraphType(types.CollaboratorConnection))
            .Description("The organisations within `depth` collaborations of one (1–3), nearest first, then heaviest tie first; each with the tie that reached it and its evidence. `where` filters the answer (region, field, organisation kinds), not the search. A cursor connection: `first`/`after` forwards, `last`/`before` backwards. 合作者。")
            .Argument<NonNullGraphType<IdGraphType>>("of", "The organisation, e.g. `Enterprise:91450200MA5K000001`.")
            .Argument<IntGraphType>("depth", "Steps to follow, 1 to 3.", a => a.DefaultValue = 1)
            .Arguments(new QueryArgument(kinds) { Name = "kinds", Description = "Only these kinds of collaboration." })
            .Argument<IsoDateGraphType>("since", "Only evidence lasting until this day or later.")
            .Argument<IsoDateGraphType>("until", "Only evidence started by this day.")
            .Arguments(new QueryArgument(types.Selection) { Name = "where", Description = "Which collaborators to list: region, field, organizationKinds." })
            .Arguments(CollaboratorPaging.Arguments())
            .ResolveAsync(async context =>
            {
                var projection = await ProjectionAsync(context).ConfigureAwait(false);
                var where = ReadSelection(context, "where");
                var filter = new CollaborationFilter(KindsOf(context.GetArgument<List<object>?>("kinds")), context.GetArgument<DateOnly?>("since"), context.GetArgument<DateOnly?>("until"));
                var (of, depth) = (context.GetArgument<string>("of"), context.GetArgument<int>("depth"));
                return CollaboratorPaging.Read(
                    context,
                    (after, limit) => projection.Collaborators(of, depth, filter, where.Where, limit, after),
                    () => projection.CollaboratorIds(of, depth, filter, where.Where),
                    () => projection.CollaboratorCount(of, depth, filter, where.Where));
            });

        query.Field("collaborationPaths", new NonNullGraphType(new ListGraphType(new NonNullGraphType(types.Path))))
            .Description("Every shortest chain of collaborations between two organisations (up to `limit`), each step with its evidence: how is an enterprise connected to 清华大学? Empty when none within `maxHops`. 合作路径。")
            .Argument<NonNullGraphType<IdGraphType>>("from", "One organisation.")
            .Argument<NonNullGraphType<IdGraphType>>("to", "The other.")
            .Argument<IntGraphType>("maxHops", "The most steps, 1 to 8.", a => a.DefaultValue = 4)
            .Arguments(new QueryArgument(kinds) { Name = "kinds", Description = "Only these kinds of collaboration." })
            .Argument<IntGraphType>("limit", "At most this many paths.", a => a.DefaultValue = 10)
            .ResolveAsync(async context =>
            {
                var projection = await ProjectionAsync(context).ConfigureAwait(false);
                return projection.Paths(context.GetArgument<string>("from"), context.GetArgument<string>("to"), context.GetArgument<int>("maxHops"),
                    new CollaborationFilter(KindsOf(context.GetArgument<List<object>?>("kinds"))), context.GetArgument<int>("limit"));
            });

        query.Field("collaborationNetwork", new NonNullGraphType(types.Network))
            .Description("The organisations of a selection and the ties among them, with statistics (counts, density, components, 区内/区外 ties). With `year`, the network as of that year. 合作网络。")
            .Arguments(new QueryArgument(types.Selection) { Name = "where", Description = "The selection; everything when absent." })
            .ResolveAsync(async context => (await ProjectionAsync(context).ConfigureAwait(false)).Network(ReadSelection(context, "where")));

        query.Field("rankings", new NonNullGraphType(types.Ranking))
            .Description("The top organisations by degree, weighted degree, PageRank, betweenness, structural holes (constraint, lowest first) or bridging between regions or industries. "
                + "Scores are computed on the whole network (or on `scope`) and listed for the organisations `where` selects: a university's degree counts all its partners, not only universities. 排名（全网计算）。")
            .Arguments(new QueryArgument(new NonNullGraphType(types.Metric)) { Name = "metric", Description = "What to rank by." })
            .Arguments(new QueryArgument(types.Selection) { Name = "where", Description = "Which organisations to list; everyone when absent. Without `scope`, its kinds, time window and least weight choose the ties of the whole network the scores are computed on." })
            .Arguments(new QueryArgument(types.Selection) { Name = "scope", Description = "The network the scores are computed on (e.g. only Guangxi); the whole network under `where`'s tie filters when absent. 计算范围。" })
            .Argument<IntGraphType>("top", "How many.", a => a.DefaultValue = 20)
            .ResolveAsync(async context =>
            {
                var listed = ReadSelection(context, "where");
                var scope = context.HasArgument("scope") ? ReadSelection(context, "scope") : listed.WholeNetwork();
                return (await ProjectionAsync(context).ConfigureAwait(false))
                    .Rank(scope, context.GetArgument<RankingMetric>("metric"), context.GetArgument<int>("top"), listed.Where);
            });

        query.Field("communities", new NonNullGraphType(types.Partition))
            .Description("The communities of a selection by Louvain modularity optimisation, with the modularity score. 社区发现。")
            .Arguments(new QueryArgument(types.Selection) { Name = "where", Description = "The selection; everything when absent." })
            .Argument<StringGraphType>("algorithm", "`louvain`.", a => a.DefaultValue = "louvain")
            .ResolveAsync(async context => (await ProjectionAsync(context).ConfigureAwait(false))
                .Communities(ReadSelection(context, "where"), context.GetArgument<string>("algorithm")));

        query.Field("collaborationChange", new NonNullGraphType(types.Change))
            .Description("How a selection's network changed between two years: new ties, lost ties, and both years' statistics. 网络演化。")
            .Arguments(new QueryArgument(types.Selection) { Name = "where", Description = "The organisations and kinds; its time fields are ignored." })
            .Argument<NonNullGraphType<IntGraphType>>("fromYear", "The earlier year.")
            .Argument<NonNullGraphType<IntGraphType>>("toYear", "The later year.")
            .ResolveAsync(async context =>
            {
                var selection = ReadSelection(context, "where");
                return (await ProjectionAsync(context).ConfigureAwait(false)).Evolution(selection.Where,
                    context.GetArgument<int>("fromYear"), context.GetArgument<int>("toYear"), selection.Filter?.Kinds ?? CollaborationKinds.All, selection.MinWeight);
            });
    }

    static Task<CollaborationProjection> ProjectionAsync(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<CollaborationService>().ProjectionAsync(context.CancellationToken);

    static CollaborationKinds KindsOf(IEnumerable<object>? values) =>
        values?.Aggregate(CollaborationKinds.None, (all, value) => all | (CollaborationKinds)value) is { } kinds and not CollaborationKinds.None ? kinds : CollaborationKinds.All;

    static NetworkQuery ReadSelection(IResolveFieldContext context, string argument)
    {
        if (context.GetArgument<Dictionary<string, object?>?>(argument) is not { } input) return new NetworkQuery();
        T? Value<T>(string name) => input.TryGetValue(name, out var value) && value is not null ? (T)value : default;
        return NetworkQuery.Create(
            Value<string>("region"), Value<string>("field"),
            Value<IEnumerable<object>>("organizationKinds")?.Cast<NodeKind>().ToList(),
            KindsOf(Value<IEnumerable<object>>("kinds")),
            input.GetValueOrDefault("since") as DateOnly?, input.GetValueOrDefault("until") as DateOnly?,
            input.GetValueOrDefault("year") as int?, input.GetValueOrDefault("minWeight") is { } weight ? Convert.ToDouble(weight, System.Globalization.CultureInfo.InvariantCulture) : null,
            input.GetValueOrDefault("boundary") as NetworkBoundary? ?? NetworkBoundary.Exclude);
    }
}
