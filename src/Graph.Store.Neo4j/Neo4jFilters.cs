using System.Collections;
using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// NodeFilter to a Cypher WHERE expression over <c>n</c>, in the subset of Cypher that 3.1 and 5 share, with the
/// embedded store's semantics. Property names are checked against the catalog of the queried kinds (all kinds when
/// none are given) and only the catalog's spelling reaches the text; every value is a parameter, typed as stored.
/// Cypher's null is folded to false under NOT, so a comparison with an absent property behaves as the port says.
/// </summary>
internal sealed class Neo4jFilters(IReadOnlyCollection<NodeKind> kinds, Dictionary<string, object?> parameters)
{
    static readonly string[] CoreFields = ["id", "key", "name", "nameEn", "aliases", "createdAt", "updatedAt"];

    readonly IReadOnlyCollection<NodeKind> _kinds = kinds.Count == 0 ? Enum.GetValues<NodeKind>() : kinds;

    /// <summary>A property as Cypher: its expression on n, its type, and whether it is a stored timestamp.</summary>
    sealed record Target(string Name, PropertyType Type, string Expression, bool Timestamp = false)
    {
        public bool IsList => Type is PropertyType.TextList or PropertyType.ReferenceList;

        public bool IsText => Type is PropertyType.Text or PropertyType.Enum or PropertyType.Reference
            or PropertyType.TextList or PropertyType.ReferenceList;
    }

    /// <summary>The condition that selects the nodes the filter holds for.</summary>
    public string Where(NodeFilter? filter) => filter switch
    {
        null => "true",
        NodeFilter.AllOf all => all.Filters.Count == 0 ? "true" : "(" + string.Join(" AND ", all.Filters.Select(Where)) + ")",
        NodeFilter.AnyOf any => any.Filters.Count == 0 ? "false" : "(" + string.Join(" OR ", any.Filters.Select(Where)) + ")",
        NodeFilter.Not not => $"(NOT coalesce({Where(not.Filter)}, false))",
        NodeFilter.Compare compare => Compare(compare),
        NodeFilter.HasLink link => HasLink(link),
        _ => throw new InvalidInputException($"unknown filter {filter.GetType().Name}"),
    };

    /// <summary>The ORDER BY terms: each sort key with absent values last (a list by its first element), then the id.</summary>
    public string OrderBy(IReadOnlyList<SortField>? sort)
    {
        var terms = new List<string>();
        foreach (var field in sort ?? [])
        {
            var target = Resolve(field.Property);
            var expression = target.IsList ? $"head(coalesce({target.Expression}, []))" : target.Expression;
            terms.Add($"{expression} IS NULL");
            terms.Add(field.Descending ? expression + " DESC" : expression);
        }
        terms.Add("n.id");
        return string.Join(", ", terms);
    }

    string Parameter(object value)
    {
        var name = "f" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters[name] = value;
        return "$" + name;
    }

    string HasLink(NodeFilter.HasLink link)
    {
        if (!Enum.IsDefined(link.Type)) throw new InvalidInputException($"unknown link type {link.Type}");
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

    string Compare(NodeFilter.Compare compare)
    {
        var target = Resolve(compare.Property);
        var op = compare.Op;
        var value = compare.Value;
        if (value is null)
        {
            op = op switch
            {
                FilterOp.Eq or FilterOp.Neq or FilterOp.IsNull => FilterOp.IsNull,
                _ => throw new InvalidInputException($"filter on '{target.Name}': {op} needs a value"),
            };
            value = compare.Op != FilterOp.Neq;
        }
        var p = target.Expression;
        if (op == FilterOp.IsNull)
        {
            if (value is not bool absent) throw new InvalidInputException($"filter on '{target.Name}': IsNull takes true or false");
            if (target.IsList) return $"size(coalesce({p}, [])) {(absent ? "=" : ">")} 0";
            return $"{p} IS {(absent ? "" : "NOT ")}NULL";
        }
        if (op is FilterOp.Contains or FilterOp.NotContains or FilterOp.StartsWith && !target.IsText)
        {
            throw new InvalidInputException(
                $"filter on '{target.Name}': {op} applies to text, and '{target.Name}' is a {Neo4jInputs.TypeName(target.Type)}");
        }
        var parameter = op switch
        {
            FilterOp.In or FilterOp.NotIn => Parameter(ListOf(target, value).Select(v => Convert(target, v)).ToArray()),
            // Text matching ignores Latin case: both sides are lowered (the stored side in Cypher).
            FilterOp.Contains or FilterOp.NotContains => Parameter(((string)Convert(target, value)).ToLowerInvariant()),
            _ => Parameter(Convert(target, value)),
        };
        if (!target.IsList) return Condition(p, op, parameter);

        var each = $"x IN coalesce({p}, [])";
        return op switch
        {
            FilterOp.Neq => $"(NOT any({each} WHERE {Condition("x", FilterOp.Eq, parameter)}))",
            FilterOp.NotIn => $"(NOT any({each} WHERE {Condition("x", FilterOp.In, parameter)}))",
            FilterOp.NotContains => $"(size(coalesce({p}, [])) > 0 AND NOT any({each} WHERE {Condition("x", FilterOp.Contains, parameter)}))",
            _ => $"any({each} WHERE {Condition("x", op, parameter)})",
        };
    }

    static string Condition(string p, FilterOp op, string parameter) => op switch
    {
        FilterOp.Eq => $"{p} = {parameter}",
        FilterOp.Neq => $"({p} IS NULL OR {p} <> {parameter})",
        FilterOp.In => $"{p} IN {parameter}",
        FilterOp.NotIn => $"({p} IS NULL OR NOT {p} IN {parameter})",
        FilterOp.Contains => $"toLower({p}) CONTAINS {parameter}",
        FilterOp.NotContains => $"({p} IS NOT NULL AND NOT toLower({p}) CONTAINS {parameter})",
        FilterOp.StartsWith => $"{p} STARTS WITH {parameter}",
        FilterOp.Gt => $"{p} > {parameter}",
        FilterOp.Gte => $"{p} >= {parameter}",
        FilterOp.Lt => $"{p} < {parameter}",
        FilterOp.Lte => $"{p} <= {parameter}",
        _ => throw new InvalidInputException($"unknown filter operator {op}"),
    };

    Target Resolve(string name)
    {
        switch (name)
        {
            case "id" or "key" or "name" or "nameEn": return new(name, PropertyType.Text, $"n.{name}");
            case "aliases": return new(name, PropertyType.TextList, "n.aliases");
            case "createdAt" or "updatedAt": return new(name, PropertyType.Text, $"n.{name}", Timestamp: true);
        }
        foreach (var kind in _kinds)
        {
            // The catalog's own spelling of the name goes into the statement, never the caller's text.
            if (GraphSchema.Of(kind).Property(name) is { } definition) return new(definition.Name, definition.Type, $"n.`{definition.Name}`");
        }
        var known = CoreFields.Concat(_kinds.SelectMany(k => GraphSchema.Of(k).Properties.Select(p => p.Name))).Distinct();
        throw new InvalidInputException($"unknown property '{name}' for {string.Join(", ", _kinds)} (known: {string.Join(", ", known)})");
    }

    static IEnumerable<object> ListOf(Target target, object value) => value switch
    {
        string => throw new InvalidInputException($"filter on '{target.Name}': In and NotIn take a list of values"),
        IEnumerable list => list.Cast<object?>().Select(v => v ?? throw new InvalidInputException($"filter on '{target.Name}': a list value is null")),
        _ => throw new InvalidInputException($"filter on '{target.Name}': In and NotIn take a list of values"),
    };

    /// <summary>A filter value as the node holds it: text, a number, a boolean, an ISO date or an ISO timestamp.</summary>
    static object Convert(Target target, object value)
    {
        if (target.Timestamp)
        {
            return value switch
            {
                DateTimeOffset at => Neo4jValues.Stamp(at),
                DateTime at => Neo4jValues.Stamp(new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at)),
                DateOnly day => Neo4jValues.Stamp(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
                string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => Neo4jValues.Stamp(at),
                _ => throw Mismatch(target, value),
            };
        }
        return target.Type switch
        {
            PropertyType.Integer or PropertyType.Decimal => value switch
            {
                long or double => value,
                int i => (long)i,
                float f => (double)f,
                // Whole decimals compare as integers, others as floats, as the stored values are.
                decimal d when IsWhole(d) => (long)d,
                decimal d => (double)d,
                string text when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => IsWhole(d) ? (object)(long)d : (double)d,
                _ => throw Mismatch(target, value),
            },
            PropertyType.Boolean => value switch
            {
                bool => value,
                string text when bool.TryParse(text, out var b) => b,
                _ => throw Mismatch(target, value),
            },
            PropertyType.Date => value switch
            {
                DateOnly day => Neo4jValues.Day(day),
                DateTime at => Neo4jValues.Day(DateOnly.FromDateTime(at)),
                DateTimeOffset at => Neo4jValues.Day(DateOnly.FromDateTime(at.Date)),
                string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => Neo4jValues.Day(day),
                _ => throw Mismatch(target, value),
            },
            _ => value switch
            {
                string text => text,
                long or int or decimal => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
                _ => throw Mismatch(target, value),
            },
        };
    }

    static bool IsWhole(decimal value) => decimal.Truncate(value) == value && value is >= long.MinValue and <= long.MaxValue;

    static InvalidInputException Mismatch(Target target, object value) =>
        new($"filter on '{target.Name}': {value} ({value.GetType().Name}) is not a {Neo4jInputs.TypeName(target.Type)}");
}
