using GraphQL.Types;

namespace KnowledgeGraph.Api.Hosting.Cost;

/// <summary>
/// How many entries an introspection can answer: the schema's types and, in each, its fields with their arguments,
/// input fields and enum values, plus the directives with theirs (<see cref="Schema"/>); one type's at most
/// (<see cref="LargestType"/>). Counted once per schema.
/// </summary>
internal sealed record IntrospectionSize(double Schema, double LargestType)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISchema, IntrospectionSize> Counted = new();

    public static IntrospectionSize Of(ISchema schema) => Counted.GetValue(schema, Count);

    private static IntrospectionSize Count(ISchema schema)
    {
        var perType = schema.AllTypes.Select(type => 1 + type switch
        {
            IComplexGraphType complex => complex.Fields.Sum(field => 1 + (field.Arguments?.Count ?? 0)),
            EnumerationGraphType enumeration => enumeration.Values.Count,
            _ => 0,
        }).ToList();
        var directives = schema.Directives.Sum(directive => 1 + (directive.Arguments?.Count ?? 0));
        return new(perType.Sum() + directives, perType.DefaultIfEmpty(1).Max());
    }
}
