using KnowledgeGraph.Api.Graph.Links;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// Link counts in the root lists: <c>count</c> beside <c>some</c>/<c>none</c>/<c>single</c>/<c>all</c> of a link field
/// (<c>pairings: { count: { gte: 2 } }</c>) and a <c>&lt;linkField&gt;Count</c> sort key (<c>order: [{ pairingsCount: DESC }]</c>),
/// both counting every link of the field, in the store's query.
/// </summary>
public static class LinkCounts
{
    /// <summary>The comparisons a count takes.</summary>
    internal static readonly string[] Operations = ["eq", "gt", "gte", "lt", "lte"];

    /// <summary>The suffix of a sort key on a link field's count.</summary>
    private const string SortSuffix = "Count";

    /// <summary>The sort key's name for a link field.</summary>
    public static string SortName(string linkFieldName) => linkFieldName + SortSuffix;

    /// <summary>The conditions of a link field's <c>count</c>; a negative count or an unknown operation is INVALID_INPUT naming the path.</summary>
    public static IEnumerable<NodeFilter> Read(LinkField linkField, IDictionary<string, object?> operations, string path)
    {
        foreach (var (operation, value) in operations)
        {
            if (value is null)
                continue;
            var at = $"{path}.{operation}";
            var op = operation switch
            {
                "eq" => FilterOp.Eq,
                "gt" => FilterOp.Gt,
                "gte" => FilterOp.Gte,
                "lt" => FilterOp.Lt,
                "lte" => FilterOp.Lte,
                _ => throw new InvalidInputException($"Argument '{at}': unknown operation '{operation}' ({string.Join(", ", Operations)})."),
            };
            var count = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            if (count < 0)
                throw new InvalidInputException($"Argument '{at}' is {count}: a number of links is never negative.");
            yield return new NodeFilter.LinkCount(linkField.Type, linkField.Direction, op, count);
        }
    }

    /// <summary>The sort key <paramref name="name"/> names when it is a link field's count in this scope; null otherwise.</summary>
    public static SortField? SortKey(FilterScope scope, string name, bool descending)
    {
        if (scope.Property(name) is not null || !name.EndsWith(SortSuffix, StringComparison.Ordinal))
            return null;
        return scope.LinkFields.TryGetValue(name[..^SortSuffix.Length], out var linkField)
            ? SortField.ByLinkCount(name, linkField.Type, linkField.Direction, descending)
            : null;
    }

    /// <summary>What the count sort keys of an <c>order</c> add to the cost: each counts the links of every node selected, like a link condition.</summary>
    public static double SortCost(FilterScope scope, object? order, double weight) =>
        order is IEnumerable<object?> keys
            ? keys.OfType<IDictionary<string, object?>>().SelectMany(k => k.Keys).Count(name => SortKey(scope, name, false) is not null) * weight
            : 0;
}
