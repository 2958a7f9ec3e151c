using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>The reference catalogs as graph nodes, so a store can hold the Region and Field nodes that properties refer to.</summary>
public static class ReferenceNodes
{
    /// <summary>Every known region as a Region node (level, parent), provinces first.</summary>
    public static IEnumerable<NodeInput> Regions() =>
        Reference.Regions.All.Select(r => new NodeInput(
            NodeKind.Region, r.Code, r.Name, r.NameEn,
            Properties: PropertyBag.Of(("level", r.Level.ToString()), ("parent", r.ParentCode))));

    /// <summary>Every field as a Field node (parent, aliases), broader fields first as the file lists them.</summary>
    public static IEnumerable<NodeInput> Fields() =>
        Reference.Fields.All.Select(f => new NodeInput(
            NodeKind.Field, f.Code, f.Name, f.NameEn, [.. f.Aliases],
            PropertyBag.Of(("parent", f.ParentCode))));
}
