using System.Text;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// NodeFilter to a Cypher WHERE expression over <c>n</c>, in the subset of Cypher that 3.1 and 5 share.
/// Property names come only from the catalog (checked here); every value becomes a parameter.
/// </summary>
internal sealed class Neo4jFilters(Dictionary<string, object?> parameters)
{
    static readonly HashSet<string> Core = new(StringComparer.Ordinal) { "id", "key", "name", "nameEn", "aliases", "createdAt", "updatedAt" };
    static readonly HashSet<string> CoreLists = new(StringComparer.Ordinal) { "aliases" };

    public static bool IsKnownProperty(string name) =>
        Core.Contains(name) || GraphSchema.NodeKinds.Any(k => k.Property(name) is not null);

    static bool IsList(string name) =>
        CoreLists.Contains(name) || GraphSchema.NodeKinds.Any(k => k.Property(name) is { IsList: true });

    /// <summary>The property as a Cypher expression on n (the name is checked against the catalog).</summary>
    public static string Property(string name) =>
        IsKnownProperty(name) ? $"n.`{name}`" : throw new InvalidInputException($"Unknown property '{name}' in a filter or sort.");

    string Parameter(object? value)
    {
        var name = $"f{parameters.Count}";
        parameters[name] = Neo4jValues.Flat(value);
        return "$" + name;
    }

    public string Build(NodeFilter? filter) => filter switch
    {
        null => "true",
        NodeFilter.AllOf all => all.Filters.Count == 0 ? "true" : "(" + string.Join(" AND ", all.Filters.Select(Build)) + ")",
        NodeFilter.AnyOf any => any.Filters.Count == 0 ? "false" : "(" + string.Join(" OR ", any.Filters.Select(Build)) + ")",
        NodeFilter.Not not => $"(NOT coalesce({Build(not.Filter)}, false))",
        NodeFilter.Compare compare => Compare(compare),
        NodeFilter.HasLink link => HasLink(link),
        _ => throw new InvalidInputException($"Unsupported filter {filter.GetType().Name}."),
    };

    string HasLink(NodeFilter.HasLink link)
    {
        var type = CypherStatements.RelationshipType(link.Type);
        var pattern = link.Direction switch
        {
            Direction.Out => $"(n)-[:`{type}`]->(m:Node)",
            Direction.In => $"(n)<-[:`{type}`]-(m:Node)",
            _ => $"(n)-[:`{type}`]-(m:Node)",
        };
        // Pattern comprehensions exist in 3.1 and 5, unlike exists(pattern) and EXISTS { }.
        return link.OtherIds is null
            ? $"size([{pattern} | m.id]) > 0"
            : $"any(x IN [{pattern} | m.id] WHERE x IN {Parameter(link.OtherIds.ToArray())})";
    }

    string Compare(NodeFilter.Compare c)
    {
        var p = Property(c.Property);
        if (IsList(c.Property))
        {
            // A comparison on a list holds when it holds for any element.
            var element = Element(c, "x");
            return c.Op switch
            {
                FilterOp.IsNull => Equals(c.Value, true) ? $"size(coalesce({p}, [])) = 0" : $"size(coalesce({p}, [])) > 0",
                FilterOp.Neq or FilterOp.NotIn or FilterOp.NotContains => $"(NOT any(x IN coalesce({p}, []) WHERE {Element(Negate(c), "x")}))",
                _ => $"any(x IN coalesce({p}, []) WHERE {element})",
            };
        }
        return Element(c, p);
    }

    static NodeFilter.Compare Negate(NodeFilter.Compare c) => c with
    {
        Op = c.Op switch { FilterOp.Neq => FilterOp.Eq, FilterOp.NotIn => FilterOp.In, _ => FilterOp.Contains },
    };

    string Element(NodeFilter.Compare c, string p) => c.Op switch
    {
        FilterOp.Eq => $"{p} = {Parameter(c.Value)}",
        FilterOp.Neq => $"({p} IS NULL OR {p} <> {Parameter(c.Value)})",
        FilterOp.In => $"{p} IN {Parameter(List(c.Value))}",
        FilterOp.NotIn => $"({p} IS NULL OR NOT {p} IN {Parameter(List(c.Value))})",
        FilterOp.Contains => $"toLower({p}) CONTAINS toLower({Parameter(c.Value)})",
        FilterOp.NotContains => $"({p} IS NULL OR NOT toLower({p}) CONTAINS toLower({Parameter(c.Value)}))",
        FilterOp.StartsWith => $"{p} STARTS WITH {Parameter(c.Value)}",
        FilterOp.Gt => $"{p} > {Parameter(c.Value)}",
        FilterOp.Gte => $"{p} >= {Parameter(c.Value)}",
        FilterOp.Lt => $"{p} < {Parameter(c.Value)}",
        FilterOp.Lte => $"{p} <= {Parameter(c.Value)}",
        FilterOp.IsNull => Equals(c.Value, false) ? $"{p} IS NOT NULL" : $"{p} IS NULL",
        _ => throw new InvalidInputException($"Unsupported filter operator {c.Op}."),
    };

    static object List(object? value) => value switch
    {
        string s => new[] { s },
        System.Collections.IEnumerable list => list,
        null => Array.Empty<object>(),
        _ => new[] { value },
    };

    /// <summary>The ORDER BY list: the sort keys, then id.</summary>
    public static string Order(IReadOnlyList<SortField>? sort)
    {
        var text = new StringBuilder();
        foreach (var field in sort ?? [])
        {
            if (field.Property == "id") continue;
            text.Append(Property(field.Property)).Append(field.Descending ? " DESC, " : ", ");
        }
        var idDescending = sort?.FirstOrDefault(f => f.Property == "id")?.Descending == true;
        return text.Append(idDescending ? "n.id DESC" : "n.id").ToString();
    }
}
