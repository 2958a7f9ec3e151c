using System.Collections;
using System.Collections.Immutable;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Writes;

/// <summary>
/// Catalog properties as fields of input types, one typed field per property, and the values of such input read
/// back into a <see cref="PropertyBag"/>.
/// </summary>
internal static class PropertyInputs
{
    /// <summary>
    /// Adds a nullable input field for each property of a node kind or link type (the owner), typed as the read side
    /// types it: the catalog's scalars and enums (by reference, so each is one type in the schema), references and
    /// lists as keys.
    /// </summary>
    public static void AddFields(IInputObjectGraphType type, string owner, IEnumerable<PropertyDefinition> properties, CatalogEnums enums)
    {
        foreach (var property in properties)
        {
            var field = new FieldType { Name = property.Name, Description = Describe(property) };
            if (property.Values is not null)
                field.ResolvedType = new GraphQLTypeReference(enums.Of(owner, property).Name);
            else
                field.Type = property.IsList ? typeof(ListGraphType<NonNullGraphType<StringGraphType>>) : CatalogScalars.Of(property.Type) ?? typeof(StringGraphType);
            type.AddField(field);
        }
    }

    private static string Describe(PropertyDefinition property)
    {
        var unit = property.Unit is null || property.Description.Contains(property.Unit, StringComparison.Ordinal) ? "" : $" ({property.Unit})";
        var reference = property.References is { } kind ? $" ({kind} key)" : "";
        return $"{property.Chinese}: {property.Description}{reference}{unit}";
    }

    /// <summary>The properties given in an input object; absent, null and empty-list values are no value.</summary>
    public static PropertyBag Read(IDictionary<string, object?> input, IEnumerable<PropertyDefinition> properties) =>
        PropertyBag.From(properties
            .Where(p => input.ContainsKey(p.Name))
            .Select(p => new KeyValuePair<string, object?>(p.Name, Value(input[p.Name]))));

    /// <summary>An input value as the domain holds it: dates as <see cref="DateOnly"/>, lists as string arrays, no empty lists.</summary>
    public static object? Value(object? value) => value switch
    {
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        string or null => value,
        IEnumerable list => Strings(list) is { IsEmpty: false } strings ? strings : null,
        _ => value,
    };

    /// <summary>The strings of a list input; empty for null.</summary>
    public static ImmutableArray<string> Strings(object? list) =>
        list is IEnumerable items ? [.. items.Cast<object?>().Select(i => i as string ?? Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture) ?? "")] : [];
}
