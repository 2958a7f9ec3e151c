using System.Collections.Immutable;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>Properties as every store keeps them: each value of the type its catalog declares.</summary>
public static class StoredProperties
{
    /// <summary>
    /// The bag with every value checked against its catalog type (integers widened to decimals where the
    /// catalog says decimal); an unknown name or a value of the wrong type is an <see cref="InvalidInputException"/>
    /// that names the owner, as <paramref name="describe"/> tells it (only then: an import normalizes millions of bags).
    /// </summary>
    public static PropertyBag Normalize<TOwner>(PropertyBag properties, IReadOnlyList<PropertyDefinition> catalog, TOwner owner, Func<TOwner, string> describe)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(describe);
        if (properties.Count == 0) return properties;
        var normalized = properties;
        foreach (var (name, value) in properties)
        {
            var definition = Find(catalog, name)
                ?? throw new InvalidInputException($"{describe(owner)}: there is no property '{name}' (known: {string.Join(", ", catalog.Select(p => p.Name))})");
            object? converted = (definition.Type, value) switch
            {
                (PropertyType.Text or PropertyType.Enum or PropertyType.Reference, string) => value,
                (PropertyType.Integer, long) => value,
                (PropertyType.Decimal, decimal) => value,
                (PropertyType.Decimal, long l) => (decimal)l,
                (PropertyType.Boolean, bool) => value,
                (PropertyType.Date, DateOnly) => value,
                (PropertyType.TextList or PropertyType.ReferenceList, ImmutableArray<string>) => value,
                _ => null,
            };
            if (converted is null)
            {
                throw new InvalidInputException(
                    $"{describe(owner)}: property '{name}' takes a {NodeFilterValidator.TypeName(definition.Type)}, not a {value.GetType().Name} ({value})");
            }
            if (!ReferenceEquals(converted, value)) normalized = normalized.With(name, converted);
        }
        return normalized;
    }

    static PropertyDefinition? Find(IReadOnlyList<PropertyDefinition> catalog, string name)
    {
        foreach (var definition in catalog)
        {
            if (definition.Name == name) return definition;
        }
        return null;
    }
}
