using GraphQL;
using GraphQL.Builders;
using GraphQL.Execution;
using GraphQL.Types;

namespace KnowledgeGraph.Api.Hosting.Cost;

/// <summary>What a field's arguments add to its cost (a filter that reads every node's links), given the default list size.</summary>
public delegate double ArgumentCost(IDictionary<string, ArgumentValue>? arguments, double defaultListSize);

/// <summary>A field's part in <see cref="RequestCost"/>: a declared list maximum and the cost of its arguments.</summary>
public static class CostMetadataExtensions
{
    private const string ListSizeKey = "kg:cost:listSize";
    private const string ArgumentCostKey = "kg:cost:arguments";

    /// <summary>The most elements the list field returns, whatever its arguments ask for (its resolver refuses more).</summary>
    public static FieldBuilder<TSource, TReturn> WithListSize<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int max)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.WithMetadata(ListSizeKey, (double)max);
        return field;
    }

    /// <summary>What the field's arguments add to the cost of a request that selects it.</summary>
    public static FieldBuilder<TSource, TReturn> WithArgumentCost<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, ArgumentCost cost)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.WithMetadata(ArgumentCostKey, cost);
        return field;
    }

    internal static double? GetListSize(this FieldType field) => field.GetMetadata<double?>(ListSizeKey);

    internal static ArgumentCost? GetArgumentCost(this FieldType field) => field.GetMetadata<ArgumentCost?>(ArgumentCostKey);
}
