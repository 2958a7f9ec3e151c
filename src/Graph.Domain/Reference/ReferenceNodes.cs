using System.Collections.Immutable;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// The reference catalogs as graph nodes, so a store can hold the Region and Field nodes that properties refer to, and
/// the universities every deployment shares.
/// </summary>
public static class ReferenceNodes
{
    /// <summary>Every known region as a Region node (level, parent), provinces first.</summary>
    public static IEnumerable<NodeInput> Regions() =>
        Reference.Regions.All.Select(r => new NodeInput(
            NodeKind.Region, r.Code, r.Name, r.NameEn,
            Properties: PropertyBag.Of(("level", r.Level.ToString()), ("parent", r.ParentCode))));

    /// <summary>Every field as a Field node (parent, aliases), broader fields first as the file lists them.</summary>
    public static IEnumerable<NodeInput> Fields() =>
        Reference.TechnologyFields.All.Select(f => new NodeInput(
            NodeKind.Field, f.Code, f.Name, f.NameEn, [.. f.Aliases],
            PropertyBag.Of(("parent", f.ParentCode))));

    /// <summary>
    /// Every university and college of the ministry's list as a University node keyed by its 学校标识码, with its level,
    /// supervising department, place and designations. Editors may change them; seeding never overwrites a change.
    /// </summary>
    public static IEnumerable<NodeInput> Organizations() =>
        ReferenceOrganizations.All.Select(o => new NodeInput(
            NodeKind.University, o.MoeCode, o.Name, Aliases: [.. o.Aliases],
            Properties: PropertyBag.Of(
                ("moeCode", o.MoeCode),
                ("region", o.RegionCode),
                ("city", o.City),
                ("schoolLevel", o.Level.Length == 0 ? null : o.Level),
                ("supervisor", o.Supervisor.Length == 0 ? null : o.Supervisor),
                ("designations", o.Designations.Count == 0 ? null : o.Designations.ToImmutableArray()),
                ("remark", o.Remark.Length == 0 ? null : o.Remark))));
}
