using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Tests.Collaboration;

/// <summary>Small hand-made graphs for the collaboration tests: nodes and links as a store would hold them.</summary>
internal sealed class CollaborationData
{
    static readonly DateTimeOffset Stamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public List<Node> Nodes { get; } = [];
    public List<Link> Links { get; } = [];

    public static Node NodeOf(NodeKind kind, string key, string? region = null, string? field = null, string? locality = null) =>
        new(NodeId.Of(kind, key), kind, key, key, null, [], PropertyBag.Of(("region", region), ("fields", field is null ? null : new[] { field }), ("locality", locality)), Stamp, Stamp);

    public static Link LinkOf(LinkType type, string fromId, string toId, string? start = null, string? end = null, string? key = null) =>
        new(LinkId.Of(type, fromId, toId, key), type, fromId, toId, key,
            start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            "test", PropertyBag.Empty, Stamp, Stamp);

    public string Add(NodeKind kind, string key, string? region = "450200", string? field = null, string? locality = null)
    {
        var node = NodeOf(kind, key, region, field, locality);
        Nodes.Add(node);
        return node.Id;
    }

    public string Link(LinkType type, string fromId, string toId, string? start = null, string? end = null, string? key = null)
    {
        var link = LinkOf(type, fromId, toId, start, end, key);
        Links.Add(link);
        return link.Id;
    }

    public CollaborationProjection Build() => CollaborationProjection.Build(Nodes, Links);
}
