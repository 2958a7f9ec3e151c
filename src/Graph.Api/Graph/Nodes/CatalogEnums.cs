using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>
/// The GraphQL enums of the catalog: one per enum property (values in SCREAMING_CASE, the catalog name as the
/// value the store holds, the Chinese label as description).
/// A property's enum is named after it (<c>PlatformType</c>, <c>Locality</c>), prefixed with its owner when
/// owners name different lists alike (<c>PlatformLevel</c>, <c>RegionLevel</c>).
/// </summary>
[DoNotRegister]
public sealed class CatalogEnums
{
    private readonly Dictionary<(string Owner, string Property), EnumerationGraphType> _byProperty = [];

    public CatalogEnums()
    {
        var owners = GraphCatalog.NodeKinds.Select(k => (Owner: k.Kind.ToString(), k.Properties))
            .Concat(GraphCatalog.LinkTypes.Select(l => (Owner: l.Type.ToString(), l.Properties)));
        var enums = owners.SelectMany(o => o.Properties.Where(p => p.Values is not null).Select(p => (o.Owner, Property: p))).ToList();
        var byName = new Dictionary<string, EnumerationGraphType>();
        foreach (var (owner, property) in enums)
        {
            var namesakes = enums.Where(e => e.Property.Name == property.Name).ToList();
            var shared = namesakes.Count > 1 && namesakes.Select(e => string.Join(",", e.Property.Values!.Select(v => v.Name))).Distinct().Count() == 1;
            var pascal = CatalogNames.Pascal(property.Name);
            var name = shared || pascal.StartsWith(owner, StringComparison.Ordinal) ? pascal : owner + pascal;
            if (!byName.TryGetValue(name, out var type))
            {
                type = new EnumerationGraphType { Name = name, Description = CatalogNames.Bilingual(CatalogNames.Pascal(property.Description), property.Chinese) };
                foreach (var value in property.Values!)
                    type.Add(CatalogNames.ScreamingCase(value.Name), value.Name, value.Chinese);
                byName.Add(name, type);
            }
            _byProperty[(owner, property.Name)] = type;
        }
    }

    /// <summary>The enum of an enum property of a node kind or link type (owner is the kind's or type's name).</summary>
    public EnumerationGraphType Of(string owner, PropertyDefinition property) => _byProperty[(owner, property.Name)];
}
