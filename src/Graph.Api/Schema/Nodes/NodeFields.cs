using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Schema.Loading;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Schema.Nodes;

/// <summary>Relay object identification on the query root: <c>node(id:)</c> and <c>nodes(ids:)</c>.</summary>
public static class NodeFields
{
    /// <summary>Adds <c>node</c> and <c>nodes</c> to the query root.</summary>
    public static void AddTo(ObjectGraphType query, NodeTypes types)
    {
        query.Field("node", types.Node)
            .Description("The node or link with this global id, or null when there is none. 按全局标识查询。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id, e.g. `Enterprise:91450200MA5K000001` or `Region:450200`.")
            .Resolve(context => Find(context, context.GetArgument<string>("id")));

        query.Field("nodes", new NonNullGraphType(new ListGraphType(types.Node)))
            .Description("The nodes or links with these global ids, in the same order; null where there is none. All nodes load in one store call. 按全局标识批量查询。")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids.")
            .Resolve(context => new Loaded(context.GetArgument<List<string>>("ids").Select(id => Find(context, id)).ToList()));
    }

    /// <summary>A link id has the form TYPE|from|to; anything else is looked up as a node id.</summary>
    private static object? Find(IResolveFieldContext context, string id) =>
        id.Contains('|', StringComparison.Ordinal)
            ? context.Store().GetLinkAsync(id, context.CancellationToken)
            : context.Nodes().Load(id);

    /// <summary>A list whose elements resolve later (loaded nodes) or are tasks (links).</summary>
    private sealed class Loaded(IReadOnlyList<object?> parts) : GraphQL.DataLoader.IDataLoaderResult<IReadOnlyList<object?>>
    {
        public async Task<IReadOnlyList<object?>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new object?[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                values[i] = parts[i] switch
                {
                    GraphQL.DataLoader.IDataLoaderResult<Node?> node => await node.GetResultAsync(cancellationToken).ConfigureAwait(false),
                    Task<Link?> link => await link.ConfigureAwait(false),
                    var other => other,
                };
            }
            return values;
        }

        async Task<object?> GraphQL.DataLoader.IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
