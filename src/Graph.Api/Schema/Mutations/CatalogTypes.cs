using System.Text.RegularExpressions;
using GraphQL.Types;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Schema.Mutations;

/// <summary>
/// The GraphQL enum types of the catalog's enum properties, one per list of values, and the <c>Date</c> scalar.
/// One instance per schema: graph types are bound to the schema that initializes them.
/// </summary>
public sealed partial class CatalogTypes
{
    private readonly Dictionary<IReadOnlyList<EnumValue>, EnumerationGraphType> _enums = new(ReferenceEqualityComparer.Instance);

    public CatalogTypes()
    {
        var owners = GraphSchema.NodeKinds.SelectMany(k => k.Properties.Select(p => (Owner: k.Kind.ToString(), Property: p)))
            .Concat(GraphSchema.LinkTypes.SelectMany(l => l.Properties.Select(p => (Owner: l.Type.ToString(), Property: p))))
            .Where(o => o.Property.Values is not null)
            .GroupBy(o => o.Property.Values!, ReferenceEqualityComparer.Instance);
        foreach (var group in owners)
        {
            var (owner, property) = group.First();
            var values = property.Values!;
            _enums[values] = CreateEnum(EnumName(owner, property.Name, shared: group.Count() > 1), property, values);
        }
    }

    /// <summary>The <c>Date</c> scalar (yyyy-MM-dd).</summary>
    public DateScalarType Date { get; } = new();

    /// <summary>The enum type of an enum property.</summary>
    public EnumerationGraphType EnumOf(PropertyDefinition property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return _enums[property.Values ?? throw new ArgumentException($"'{property.Name}' is not an enum property", nameof(property))];
    }

    // platformType of Platform → PlatformType; level of Platform → PlatformLevel; a list several owners share → its property's name.
    private static string EnumName(string owner, string property, bool shared)
    {
        var pascal = char.ToUpperInvariant(property[0]) + property[1..];
        return shared || pascal.StartsWith(owner, StringComparison.Ordinal) ? pascal : owner + pascal;
    }

    private static EnumerationGraphType CreateEnum(string name, PropertyDefinition property, IReadOnlyList<EnumValue> values)
    {
        var type = new EnumerationGraphType { Name = name, Description = $"{property.Description} ({property.Chinese})" };
        foreach (var value in values)
            type.Add(new EnumValueDefinition(ScreamingCase(value.Name), value.Name) { Description = value.Chinese });
        return type;
    }

    /// <summary>NewTypeRdInstitution → NEW_TYPE_RD_INSTITUTION.</summary>
    public static string ScreamingCase(string pascal) => WordStart().Replace(pascal, "_$1").ToUpperInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}

/// <summary>A calendar date, written yyyy-MM-dd. 日期。</summary>
public sealed class DateScalarType : DateOnlyGraphType
{
    public DateScalarType()
    {
        Name = "Date";
        Description = "A calendar date, written yyyy-MM-dd. 日期（年-月-日）。";
    }
}
