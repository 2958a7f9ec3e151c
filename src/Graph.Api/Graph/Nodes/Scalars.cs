using GraphQL.Types;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>The <c>Date</c> scalar: a calendar date as <c>yyyy-MM-dd</c>.</summary>
public sealed class IsoDateGraphType : DateOnlyGraphType
{
    public IsoDateGraphType()
    {
        Name = "Date";
        Description = "A calendar date, `yyyy-MM-dd` (ISO 8601). 日期。";
    }
}

/// <summary>
/// The scalar graph types of the catalog's value types. Scalars are named by CLR type, so graphql-dotnet makes one
/// instance of each for the whole schema.
/// </summary>
public static class CatalogScalars
{
    /// <summary>The nullable scalar graph type of a scalar property type; null for enums, lists and references.</summary>
    public static Type? Of(PropertyType type) => type switch
    {
        PropertyType.Text => typeof(StringGraphType),
        PropertyType.Integer => typeof(LongGraphType),
        PropertyType.Decimal => typeof(DecimalGraphType),
        PropertyType.Boolean => typeof(BooleanGraphType),
        PropertyType.Date => typeof(IsoDateGraphType),
        _ => null,
    };
}
