using GraphQL;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Hosting.Loading;

/// <summary>Nodes by id: one <see cref="IGraphStore.GetNodesAsync"/> call per level of the query.</summary>
public sealed class NodeLoader(IGraphStore store) : BatchLoader<string, Node?>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, Node?>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var nodes = await store.GetNodesAsync(keys, cancellationToken).ConfigureAwait(false);
        return nodes.ToDictionary(n => n.Key, n => (Node?)n.Value, StringComparer.Ordinal);
    }
}

/// <summary>The links of one node, of one type, in one direction.</summary>
public readonly record struct LinksOf(string NodeId, LinkType Type, Direction Direction);

/// <summary>
/// Links by node, type and direction: one <see cref="IGraphReader.GetLinksAsync"/> call per direction per level,
/// for all the nodes and link types asked for.
/// </summary>
public sealed class LinkLoader(IGraphStore store) : BatchLoader<LinksOf, IReadOnlyList<Link>>
{
    protected override async Task<IReadOnlyDictionary<LinksOf, IReadOnlyList<Link>>> FetchAsync(IReadOnlyCollection<LinksOf> keys, CancellationToken cancellationToken)
    {
        var result = keys.ToDictionary(k => k, _ => (IReadOnlyList<Link>)[]);
        foreach (var group in keys.GroupBy(k => k.Direction))
        {
            var nodeIds = group.Select(k => k.NodeId).Distinct(StringComparer.Ordinal).ToList();
            var types = group.Select(k => k.Type).Distinct().ToList();
            var links = await store.GetLinksAsync(new LinkQuery(nodeIds, group.Key, types), cancellationToken).ConfigureAwait(false);
            var byKey = new Dictionary<LinksOf, List<Link>>();
            foreach (var link in links)
            {
                if (group.Key is Direction.Out or Direction.Both)
                    Add(byKey, new LinksOf(link.FromId, link.Type, group.Key), link);
                if (group.Key is Direction.In || (group.Key is Direction.Both && link.ToId != link.FromId))
                    Add(byKey, new LinksOf(link.ToId, link.Type, group.Key), link);
            }
            foreach (var key in group)
            {
                if (byKey.TryGetValue(key, out var found))
                    result[key] = found;
            }
        }
        return result;
    }

    private static void Add(Dictionary<LinksOf, List<Link>> byKey, LinksOf key, Link link)
    {
        if (!byKey.TryGetValue(key, out var list))
            byKey[key] = list = [];
        list.Add(link);
    }
}

/// <summary>The request's loaders, from the request's services.</summary>
public static class LoaderContextExtensions
{
    /// <summary>The request's node loader.</summary>
    public static NodeLoader Nodes(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<NodeLoader>();

    /// <summary>The request's link loader.</summary>
    public static LinkLoader Links(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<LinkLoader>();

    /// <summary>The store.</summary>
    public static IGraphStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IGraphStore>();
}

/// <summary>Registers the batch loaders, one set per request.</summary>
public static class LoadingServiceCollectionExtensions
{
    public static IServiceCollection AddGraphLoaders(this IServiceCollection services) =>
        services.AddScoped<NodeLoader>().AddScoped<LinkLoader>().AddScoped<RecordVersionLoader>();
}
