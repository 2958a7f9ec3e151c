using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>Reads and writes the workflows share: nodes of an expected kind, links in force on a date, validated batches.</summary>
internal static class PolicyGraph
{
    /// <summary>The node with this id, of one of these kinds; NOT_FOUND otherwise.</summary>
    public static async Task<Node> RequireAsync(IGraphReader store, string id, string role, CancellationToken cancellationToken, params NodeKind[] kinds)
    {
        var node = string.IsNullOrWhiteSpace(id) ? null : await store.GetNodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (node is null)
            throw new NotFoundException($"{role} '{id}' was not found");
        if (kinds.Length > 0 && !kinds.Contains(node.Kind))
            throw new InvalidInputException($"{role} '{id}' is a {node.Kind}; it must be a {string.Join(" or ", kinds)}");
        return node;
    }

    /// <summary>Whether a link holds on a date: started on or before it, not ended before it.</summary>
    public static bool InForce(Link link, DateOnly on) =>
        (link.StartDate is null || link.StartDate <= on) && (link.EndDate is null || link.EndDate >= on);

    /// <summary>The links of these types at a node, in a direction.</summary>
    public static Task<IReadOnlyList<Link>> LinksAsync(IGraphReader store, string nodeId, Direction direction, CancellationToken cancellationToken, params LinkType[] types) =>
        store.GetLinksAsync(new LinkQuery([nodeId], direction, types), cancellationToken);

    /// <summary>A node's content as input, for a write that changes some of its properties.</summary>
    public static NodeInput AsInput(Node node, PropertyBag properties) =>
        new(node.Kind, node.Key, node.Name, node.NameEn, node.Aliases, properties);

    /// <summary>A link's content as input.</summary>
    public static LinkInput AsInput(Link link) =>
        new(link.Type, link.FromId, link.ToId, link.Key, link.StartDate, link.EndDate, link.Source, link.Properties);

    /// <summary>
    /// Writes a workflow's operations through the one write path, in one all-or-nothing batch journaled as the workflow
    /// step <paramref name="operation"/>, refused with CONFLICT when the data changed since <paramref name="readVersion"/>
    /// (what the decision was made on).
    /// </summary>
    public static Task<WriteResult> WriteAsync(GraphWriter writer, Actor actor, string operation, long readVersion, IReadOnlyList<WriteOperation> operations, CancellationToken cancellationToken) =>
        writer.WriteAsync(WriteRequest.Of(actor, operation, operations) with { ExpectedDataVersion = readVersion, FromWorkflow = true }, cancellationToken);

    /// <summary>
    /// The jurisdiction whose targets apply to a scope: the region itself (a city is not held to its province's targets),
    /// or the home province when no region is named.
    /// </summary>
    public static string JurisdictionOf(string? regionCode) => regionCode ?? HomeProvince.Default.Code;

    /// <summary>The Chinese label of an enum value of a catalog property.</summary>
    public static string Label(IReadOnlyList<EnumValue> values, string name) => values.FirstOrDefault(v => v.Name == name)?.Chinese ?? name;
}
