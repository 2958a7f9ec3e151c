using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Loading;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>Relay object identification on the query root: <c>node(id:)</c> and <c>nodes(ids:)</c>.</summary>
public static class NodeFields
{
    /// <summary>Adds <c>node</c> and <c>nodes</c> to the query root.</summary>
    public static void AddTo(ObjectGraphType query, NodeTypes types)
    {
        query.Field("node", types.Node)
            .Description("The node with this global id, or null when there is none. 按全局标识查询。")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id, e.g. `Enterprise:91450200MA5K000001` or `Region:450200`.")
            .Resolve(context => context.Nodes().Load(context.GetArgument<string>("id")));

        query.Field("nodes", new NonNullGraphType(new ListGraphType(types.Node)))
            .Description("The nodes with these global ids, in the same order; null where there is none. All load in one store call. 按全局标识批量查询。")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids.")
            .Resolve(context => context.Nodes().LoadMany(context.GetArgument<List<string>>("ids")));
    }
}
