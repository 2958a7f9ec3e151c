using KnowledgeGraph.Api.Graph.Links;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// What one filter input covers: the nodes of one kind, or of several (the nodes at the other end of a link that
/// allows several kinds there, and the <c>organizations</c> list). Several kinds are filtered on the fields they
/// all share and on their kind; each is named after its kinds: <c>Enterprise</c>, <c>Organization</c>,
/// <c>UniversityOrResearchInstitute</c>, <c>OrganizationOrConsortium</c>.
/// </summary>
public sealed class FilterScope
{
    private static readonly Lazy<IReadOnlyList<FilterScope>> Scopes = new(Build);

    private FilterScope(IReadOnlySet<NodeKind> kinds)
    {
        Kinds = kinds;
        var infos = GraphCatalog.NodeKinds.Where(k => kinds.Contains(k.Kind)).ToList();
        Name = NameOf(kinds);
        KeyName = infos.Count == 1 ? infos[0].KeyName : "key";
        Properties = infos[0].Properties.Where(p => infos.All(k => k.Property(p.Name) is { } other && Alike(p, other))).ToList();
        LinkFields = LinkField.All.Where(f => kinds.IsSubsetOf(f.Owners)).ToDictionary(f => f.Name);
    }

    /// <summary>The kinds.</summary>
    public IReadOnlySet<NodeKind> Kinds { get; }

    /// <summary>The name its input types start with.</summary>
    public string Name { get; }

    /// <summary>The name of the natural key: the kind's (<c>creditCode</c>, <c>code</c>, <c>key</c>), or <c>key</c> for several.</summary>
    public string KeyName { get; }

    /// <summary>Whether it covers several kinds, and so has a <c>kind</c> condition.</summary>
    public bool IsSeveralKinds => Kinds.Count > 1;

    /// <summary>The catalog properties every one of its kinds has, alike.</summary>
    public IReadOnlyList<PropertyDefinition> Properties { get; }

    /// <summary>The link fields every one of its kinds has, by name.</summary>
    public IReadOnlyDictionary<string, LinkField> LinkFields { get; }

    /// <summary>A shared property by name, or null.</summary>
    public PropertyDefinition? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    /// <summary>Every scope the schema has: each kind, the organisation kinds, and each set of kinds at the other end of a link.</summary>
    public static IReadOnlyList<FilterScope> All => Scopes.Value;

    /// <summary>The scope of one kind.</summary>
    public static FilterScope Of(NodeKind kind) => Of(new HashSet<NodeKind> { kind });

    /// <summary>The scope of these kinds.</summary>
    public static FilterScope Of(IReadOnlySet<NodeKind> kinds) => All.Single(s => s.Kinds.SetEquals(kinds));

    private static List<FilterScope> Build()
    {
        var sets = GraphCatalog.NodeKinds.Select(k => (IReadOnlySet<NodeKind>)new HashSet<NodeKind> { k.Kind })
            .Append(GraphCatalog.OrganizationKinds)
            .Concat(LinkField.All.Select(f => f.OtherKinds));
        var scopes = new List<FilterScope>();
        foreach (var set in sets)
        {
            if (!scopes.Any(s => s.Kinds.SetEquals(set)))
                scopes.Add(new FilterScope(set));
        }
        return scopes;
    }

    private static bool Alike(PropertyDefinition a, PropertyDefinition b) =>
        a.Type == b.Type && a.References == b.References && a.Confidential == b.Confidential
        && (a.Values ?? []).Select(v => v.Name).SequenceEqual((b.Values ?? []).Select(v => v.Name));

    private static string NameOf(IReadOnlySet<NodeKind> kinds)
    {
        var organizations = GraphCatalog.OrganizationKinds;
        var names = new List<string>();
        var others = GraphCatalog.NodeKinds.Select(k => k.Kind).Where(kinds.Contains).ToList();
        if (kinds.Count > 1 && organizations.IsSubsetOf(kinds))
        {
            names.Add("Organization");
            others.RemoveAll(organizations.Contains);
        }
        names.AddRange(others.Select(k => k.ToString()));
        return string.Join("Or", names);
    }
}
