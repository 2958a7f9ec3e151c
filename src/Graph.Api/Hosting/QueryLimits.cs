using System.Globalization;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser;
using GraphQLParser.AST;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// The depth and complexity limits (<see cref="GraphQLHostOptions.MaxDepth"/>, <see cref="GraphQLHostOptions.MaxComplexity"/>)
/// on the operation's cost as <see cref="Cost.RequestCost"/> measures it, where the schema's introspection counts one a
/// field without depth, so that GraphiQL's and code generators' introspection query passes. Its real cost is bounded by
/// the schema's size as long as no path enters a type's lists twice (<c>types { fields { args … } }</c> is fine,
/// <c>types { fields { type { fields … } } }</c> multiplies the answer by the schema's size at each step): introspection
/// that does is refused, whatever else the operation asks.
/// </summary>
internal static class QueryLimits
{
    // The lists of __Type: entering one of them twice on a path multiplies the answer by the schema's size each time.
    private static readonly HashSet<string> TypeLists = ["fields", "inputFields", "interfaces", "possibleTypes", "enumValues"];

    public static Func<ComplexityValidationContext, Task> Check(int maxDepth, int maxComplexity) => context =>
    {
        if (context.Error is not null)
            return Task.CompletedTask;
        var validation = context.ValidationContext;
        if (!IntrospectionEntersTypeListsOnce(validation.Operation, validation.Document))
        {
            context.Error = new ComplexityError(
                "Query is too complex to execute: its introspection enters a type's lists (fields, inputFields, interfaces, possibleTypes, enumValues) "
                + "more than once on a path, which multiplies the answer by the schema's size; ask for the types once and follow them by name.");
            return Task.CompletedTask;
        }
        if (context.MaxDepth <= maxDepth && context.TotalImpact <= maxComplexity)
            return Task.CompletedTask;

        // The messages graphql-dotnet gives for its own limits.
        context.Error = new ComplexityError(context.MaxDepth > maxDepth
            ? string.Create(CultureInfo.InvariantCulture, $"Query is too nested to execute. Maximum depth is {context.MaxDepth} levels; maximum allowed on this endpoint is {maxDepth}.")
            : string.Create(CultureInfo.InvariantCulture, $"Query is too complex to execute. Complexity is {context.TotalImpact}; maximum allowed on this endpoint is {maxComplexity}."));
        return Task.CompletedTask;
    };

    private static bool IntrospectionEntersTypeListsOnce(GraphQLOperationDefinition operation, GraphQLDocument document) =>
        operation.SelectionSet.Selections.All(selection =>
            selection is not GraphQLField { Name.Value.Span: "__schema" or "__type" } field
            || EntersTypeListsOnce(field.SelectionSet, document, insideTypeList: false, depth: 0));

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
