using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;

namespace KnowledgeGraph.Api.Hosting.Cost;

/// <summary>
/// The number of field selections written in a document, counted before any validation rule runs: some of
/// graphql-dotnet's rules compare every pair of fields of a selection set (fields that can merge), so 20,000 repeated
/// fields took seconds before the cost was measured. Each selection is counted where it is written (a fragment once).
/// </summary>
internal static class DocumentSize
{
    /// <summary>The refusal for a document with more than <paramref name="maxSelections"/> field selections, or null.</summary>
    public static ComplexityError? Check(GraphQLDocument document, int maxSelections)
    {
        var count = 0;
        var pending = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            if (definition is IHasSelectionSetNode { SelectionSet: { } selections })
                pending.Push(selections);
        }
        while (pending.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                if (selection is GraphQLField)
                    count++;
                if (selection is IHasSelectionSetNode { SelectionSet: { } inner })
                    pending.Push(inner);
            }
            if (count > maxSelections)
                return new ComplexityError($"The document has more than {maxSelections} field selections, the most allowed on this endpoint: ask for fewer fields, or split it into several requests.");
        }
        return null;
    }
}
