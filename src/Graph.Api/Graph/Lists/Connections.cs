using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>A page of a connection: its edges, where it lies, and how many elements there are in all.</summary>
public sealed record Connection(IReadOnlyList<Edge> Edges, PageInfo PageInfo, int TotalCount);

/// <summary>
/// One edge: its cursor and the node, given (root lists) or to load by id (link connections, where the node is
/// the other end of <see cref="Link"/>).
/// </summary>
public sealed record Edge(string Cursor, Node? Node, string NodeId, Link? Link = null);

/// <summary>Builds Relay connection types: <c>XConnection { edges, nodes, pageInfo, totalCount }</c>, <c>XEdge { cursor, node }</c>.</summary>
public static class Connections
{
    /// <summary>
    /// A connection type named <paramref name="name"/>Connection over nodes of <paramref name="nodeType"/>;
    /// <paramref name="addEdgeFields"/> adds fields beyond cursor and node to its edge type.
    /// </summary>
    public static ObjectGraphType<Connection> Create(string name, string description, IGraphType nodeType, Action<ObjectGraphType<Edge>>? addEdgeFields = null)
    {
        var edge = new ObjectGraphType<Edge> { Name = name + "Edge", Description = "An edge of " + name + "Connection: a cursor and the node. 连接边。" };
        edge.Field<NonNullGraphType<StringGraphType>>("cursor").Description("The cursor of this edge, for `after` and `before`. 游标。").Resolve(c => c.Source.Cursor);
        edge.Field("node", new NonNullGraphType(nodeType)).Description("The node at the end of this edge. 节点。").Resolve(c => NodeOf(c, c.Source));
        addEdgeFields?.Invoke(edge);

        var connection = new ObjectGraphType<Connection> { Name = name + "Connection", Description = description };
        connection.Field("edges", new NonNullGraphType(new ListGraphType(new NonNullGraphType(edge))))
            .Description("The edges of this page. 本页的边。").Resolve(c => c.Source.Edges);
        connection.Field("nodes", new NonNullGraphType(new ListGraphType(new NonNullGraphType(nodeType))))
            .Description("The nodes of this page, when the edges' cursors and links are not needed. 本页的节点。")
            .Resolve(c => c.Source.Edges.All(e => e.Node is not null)
                ? c.Source.Edges.Select(e => e.Node!).ToList()
                : c.Nodes().LoadMany(c.Source.Edges.Select(e => e.NodeId)).Then(nodes => (object)nodes.OfType<Node>().ToList()));
        connection.Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Where this page lies: cursors and whether there are more. 分页信息。").Resolve(c => c.Source.PageInfo);
        connection.Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many elements there are in all pages. 总数。").Resolve(c => c.Source.TotalCount);
        return connection;
    }

    private static object NodeOf(IResolveFieldContext context, Edge edge) =>
        edge.Node is { } node ? node : context.Nodes().Load(edge.NodeId);
}
