namespace KnowledgeGraph.Domain.Model;

/// <summary>What the graph knows about one node kind: names, what its natural key is, its properties.</summary>
public sealed record NodeKindInfo(
    NodeKind Kind,
    string Chinese,
    string Description,
    string KeyName,
    IReadOnlyList<PropertyDefinition> Properties)
{
    /// <summary>Whether this kind is an organisation (Enterprise, University, ResearchInstitute, GovernmentBody).</summary>
    public bool IsOrganization => GraphCatalog.OrganizationKinds.Contains(Kind);

    /// <summary>The property of that name, or null.</summary>
    public PropertyDefinition? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

/// <summary>What the graph knows about one link type: its direction's allowed ends and its properties.</summary>
public sealed record LinkTypeInfo(
    LinkType Type,
    string Name,
    string Chinese,
    string Description,
    IReadOnlySet<NodeKind> FromKinds,
    IReadOnlySet<NodeKind> ToKinds,
    IReadOnlyList<PropertyDefinition> Properties)
{
    /// <summary>The property of that name, or null.</summary>
    public PropertyDefinition? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}
