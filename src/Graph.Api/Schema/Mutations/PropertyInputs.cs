using System.Collections;
using System.Collections.Immutable;
using GraphQL.Types;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Schema.Mutations;

/// <summary>
/// Catalog properties as fields of input types, one typed field per property, and the values of such input read
/// back into a <see cref="PropertyBag"/>.
/// </summary>
internal static class PropertyInputs
{
    /// <summary>Adds a nullable input field for each property, typed from the catalog and described in English and Chinese.</summary>
    public static void AddFields(IInputObjectGraphType type, IEnumerable<PropertyDefinition> properties, CatalogTypes catalog)
    {
        foreach (var property in properties)
            type.AddField(new FieldType { Name = property.Name, Description = Describe(property), ResolvedType = TypeOf(property, catalog) });
    }

    private static IGraphType TypeOf(PropertyDefinition property, CatalogTypes catalog) => property.Type switch
    {
        PropertyType.Text or PropertyType.Reference => new StringGraphType(),
        PropertyType.Integer => new LongGraphType(),
        PropertyType.Decimal => new DecimalGraphType(),
        PropertyType.Boolean => new BooleanGraphType(),
        PropertyType.Date => catalog.Date,
        PropertyType.Enum => catalog.EnumOf(property),
        PropertyType.TextList or PropertyType.ReferenceList => new ListGraphType(new NonNullGraphType(new StringGraphType())),
        _ => throw new InvalidOperationException($"No GraphQL input type for {property.Type}"),
    };

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
