using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using KnowledgeGraph.Api.Graph.Lists;
using KnowledgeGraph.Api.Hosting.Cost;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// A page of one of a network's lists (organisations, outside partners, ties): the items of the page, where it starts,
/// and the length of the whole list. The lists are in a stable order for one data version, so offset cursors hold.
/// </summary>
public sealed record NetworkPage(IReadOnlyList<object> Items, int Start, int Total)
{
    /// <summary>Reads the paging arguments (<see cref="PageRequest"/>) and cuts the page out of the list.</summary>
    public static NetworkPage Read<T>(IResolveFieldContext context, IReadOnlyList<T> list)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(list);
        var (start, end) = PageRequest.Read(context).Window(list.Count);
        var items = new List<object>(end - start);
        for (var i = start; i < end; i++) items.Add(list[i]);
        return new NetworkPage(items, start, list.Count);
    }

    /// <summary>A connection type over pages: <c>nodes</c> (resolved by <paramref name="nodes"/>), <c>pageInfo</c> and <c>totalCount</c>.</summary>
    public static ObjectGraphType<NetworkPage> ConnectionType(string name, string description, IGraphType nodeList, Func<IResolveFieldContext<NetworkPage>, object?> nodes)
    {
        var type = new ObjectGraphType<NetworkPage> { Name = name, Description = description };
        type.Field("nodes", nodeList).Description("The items of this page. 本页。").Resolve(nodes).WithListSize(PageRequest.MaxSize);
        type.Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Where this page lies: cursors and whether there are more. 分页信息。")
            .Resolve(c => PageRequest.Info(c.Source.Start, c.Source.Items.Count, c.Source.Total));
        type.Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many in all pages. 总数。").Resolve(c => c.Source.Total);
        return type;
    }
}
