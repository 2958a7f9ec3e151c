using GraphQL.Builders;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>
/// The fields of catalog properties, on node and link types alike: scalars and enums as values, references as
/// the Region, Field or Achievement node they name (batched), confidential ones marked for the analyst role.
/// </summary>
public static class PropertyFields
{
    /// <summary>Adds a field for the property, reading it from the source's <see cref="PropertyBag"/>.</summary>
    public static void Add<TSource>(ObjectGraphType<TSource> type, string owner, PropertyDefinition property,
        Func<TSource, PropertyBag> properties, CatalogEnums enums, IReadOnlyDictionary<NodeKind, IComplexGraphType> nodeTypes)
    {
        FieldBuilder<TSource, object> field;
        if (property.References is { } referenced)
        {
            var target = nodeTypes[referenced];
            if (property.IsList)
            {
                field = type.Field(property.Name, new NonNullGraphType(new ListGraphType(new NonNullGraphType(target))))
                    .Resolve(context => context.Nodes()
                        .LoadMany(properties(context.Source).List(property.Name).Select(code => NodeId.Of(referenced, code)))
                        .Then(nodes => (object)nodes.OfType<Node>().ToList()));
            }
            else
            {
                field = type.Field(property.Name, target)
                    .Resolve(context => properties(context.Source).Text(property.Name) is { } code
                        ? context.Nodes().Load(NodeId.Of(referenced, code))
                        : null);
            }
        }
        else if (property.Values is not null)
        {
            field = type.Field(property.Name, enums.Of(owner, property))
                .Resolve(context => properties(context.Source).Text(property.Name));
        }
        else if (property.IsList && property.Confidential)
        {
            // Nullable: withheld from a caller without the role, it must not null its parent.
            field = type.Field<ListGraphType<NonNullGraphType<StringGraphType>>>(property.Name)
                .Resolve(context => properties(context.Source).List(property.Name));
        }
        else if (property.IsList)
        {
            field = type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>(property.Name)
                .Resolve(context => properties(context.Source).List(property.Name));
        }
        else
        {
            field = type.Field(property.Name, CatalogScalars.Of(property.Type)!)
                .Resolve(context => properties(context.Source).TryGetValue(property.Name, out var value) ? value : null);
        }
        field.Description(CatalogNames.Describe(property));
        if (property.Confidential)
            field.Confidential();
    }
}
