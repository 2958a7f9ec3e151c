using System.Globalization;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser;
using GraphQLParser.AST;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// The depth and complexity limits (<see cref="GraphQLHostOptions.MaxDepth"/>, <see cref="GraphQLHostOptions.MaxComplexity"/>),
/// checked after graphql-dotnet's analysis so that one kind of operation can pass: the schema's introspection, as GraphiQL and
/// code generators send it. That query nests <c>ofType</c> 15 deep and, counted like data, scores millions; its real cost
/// is bounded by the schema's size as long as no path enters a type's lists twice (<c>types { fields { args … } }</c> is
/// fine, <c>types { fields { type { fields … } } }</c> multiplies and gets the usual limits).
/// </summary>
internal static class QueryLimits
{
    // The lists of __Type: entering one of them twice on a path multiplies the answer by the schema's size each time.
    private static readonly HashSet<string> TypeLists = ["fields", "inputFields", "interfaces", "possibleTypes", "enumValues"];

    public static Func<ComplexityValidationContext, Task> Check(int maxDepth, int maxComplexity) => context =>
    {
        if (context.Error is not null || (context.MaxDepth <= maxDepth && context.TotalImpact <= maxComplexity))
            return Task.CompletedTask;
        var validation = context.ValidationContext;
        if (IsSchemaIntrospection(validation.Operation, validation.Document))
            return Task.CompletedTask;

        // The messages graphql-dotnet gives for its own limits.
        context.Error = new ComplexityError(context.MaxDepth > maxDepth
            ? string.Create(CultureInfo.InvariantCulture, $"Query is too nested to execute. Maximum depth is {context.MaxDepth} levels; maximum allowed on this endpoint is {maxDepth}.")
            : string.Create(CultureInfo.InvariantCulture, $"Query is too complex to execute. Complexity is {context.TotalImpact}; maximum allowed on this endpoint is {maxComplexity}."));
        return Task.CompletedTask;
    };

    private static bool IsSchemaIntrospection(GraphQLOperationDefinition operation, GraphQLDocument document) =>
        operation.Operation == OperationType.Query
        && operation.SelectionSet.Selections.All(selection =>
            selection is GraphQLField field && field.Name.Value.Span is "__schema" or "__type" or "__typename")
        && EntersTypeListsOnce(operation.SelectionSet, document, insideTypeList: false, depth: 0);

    private static bool EntersTypeListsOnce(GraphQLSelectionSet? selectionSet, GraphQLDocument document, bool insideTypeList, int depth)
    {
        if (selectionSet is null)
            return true;
        if (depth > 64)
            return false;
        foreach (var selection in selectionSet.Selections)
        {
            var ok = selection switch
            {
                GraphQLField field => TypeLists.Contains(field.Name.StringValue)
                    ? !insideTypeList && EntersTypeListsOnce(field.SelectionSet, document, true, depth + 1)
                    : EntersTypeListsOnce(field.SelectionSet, document, insideTypeList, depth + 1),
                GraphQLInlineFragment inline => EntersTypeListsOnce(inline.SelectionSet, document, insideTypeList, depth + 1),
                GraphQLFragmentSpread spread => document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment
                    && EntersTypeListsOnce(fragment.SelectionSet, document, insideTypeList, depth + 1),
                _ => false,
            };
            if (!ok)
                return false;
        }
        return true;
    }
}
