using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>Matches projection nodes (given the graph) or the nodes of a network selection already made against an <see cref="OrganizationSelection"/>.</summary>
internal sealed class SelectionMatcher(ProjectionGraph? graph, OrganizationSelection where)
{
    readonly Dictionary<string, bool> _fieldMatches = new(StringComparer.Ordinal);

    public bool Matches(int node)
    {
        var record = graph!.Nodes[node];
        return Matches(record.Kind, record.Region, record.Fields);
    }

    public bool Matches(NetworkNode node) => Matches(node.Kind, node.Region, node.Fields);

    bool Matches(NodeKind kind, string? organisationRegion, IReadOnlyList<string> fields)
    {
        if (where.Kinds is { Count: > 0 } kinds && !kinds.Contains(kind)) return false;
        if (where.Region is { } region && !Regions.IsWithin(organisationRegion, region)) return false;
        if (where.Field is { } field && !fields.Any(f => FieldWithin(f, field))) return false;
        return true;
    }

    bool FieldWithin(string code, string field)
    {
        if (!_fieldMatches.TryGetValue(code, out var within)) _fieldMatches[code] = within = TechnologyFields.IsWithin(code, field);
        return within;
    }
}
