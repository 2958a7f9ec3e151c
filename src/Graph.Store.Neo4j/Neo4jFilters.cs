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
/// Link conditions are pattern comprehensions (3.1 has neither EXISTS { } nor exists() on a pattern with a WHERE),
/// with a nested translator for the node at the other end.
/// </summary>
internal sealed class Neo4jFilters
{
    static readonly string[] CoreFields = ["id", "kind", "key", "name", "nameEn", "aliases", "createdAt", "updatedAt"];
    static readonly string[] LinkCoreFields = ["key", "startDate", "endDate", "source"];

    readonly IReadOnlyCollection<NodeKind> _kinds;
    readonly Dictionary<string, object?> _parameters;
    readonly string _node;
    readonly Variables _variables;

    /// <summary>A translator over <c>n</c> of these kinds (all kinds when empty); values go into <paramref name="parameters"/>.</summary>
    public Neo4jFilters(IReadOnlyCollection<NodeKind> kinds, Dictionary<string, object?> parameters)
        : this(kinds, parameters, "n", new Variables())
    {
    }

    Neo4jFilters(IReadOnlyCollection<NodeKind> kinds, Dictionary<string, object?> parameters, string node, Variables variables)
    {
        _kinds = kinds.Count == 0 ? Enum.GetValues<NodeKind>() : kinds;
        _parameters = parameters;
        _node = node;
        _variables = variables;
    }

    /// <summary>Variable names unique within one statement, shared by the nested translators.</summary>
    sealed class Variables
    {
        int _count;

        public int Next() => ++_count;
    }

    /// <summary>A property as Cypher: its expression, its type, and whether it is a stored timestamp.</summary>
    sealed record Target(string Name, PropertyType Type, string Expression, bool Timestamp = false)
    {
        public bool IsList => Type is PropertyType.TextList or PropertyType.ReferenceList;

        public bool IsText => Type is PropertyType.Text or PropertyType.Enum or PropertyType.Reference
            or PropertyType.TextList or PropertyType.ReferenceList;
    }

    /// <summary>The condition that selects the nodes the filter holds for.</summary>
    public string Where(NodeFilter? filter) => filter is null ? "true" : Where(filter, Resolve, linkOf: null);

    /// <summary>The condition over one subject: a node (<paramref name="linkOf"/> null) or a link of that type.</summary>
    string Where(NodeFilter filter, Func<string, Target> resolve, LinkType? linkOf) => filter switch
    {
        NodeFilter.AllOf all => all.Filters.Count == 0 ? "true" : "(" + string.Join(" AND ", all.Filters.Select(f => Where(f, resolve, linkOf))) + ")",
        NodeFilter.AnyOf any => any.Filters.Count == 0 ? "false" : "(" + string.Join(" OR ", any.Filters.Select(f => Where(f, resolve, linkOf))) + ")",
        NodeFilter.Not not => $"(NOT coalesce({Where(not.Filter, resolve, linkOf)}, false))",
        NodeFilter.Compare compare => Compare(compare, resolve),
        NodeFilter.HasLink link when linkOf is null => HasLink(link),
        NodeFilter.HasLink => throw new InvalidInputException($"a condition on a {GraphSchema.Of(linkOf!.Value).Name} link cannot itself be a link condition: put it on the node at the other end"),
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
        terms.Add($"{_node}.id");
        return string.Join(", ", terms);
    }

    string Parameter(object value)
    {
        var name = "f" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters[name] = value;
        return "$" + name;
    }

    /// <summary>
    /// The matching links counted in a pattern comprehension: Some, more than none; None, none; All, none of those that
    /// do not match; Single, exactly one.
    /// </summary>
    string HasLink(NodeFilter.HasLink link)
    {
        if (!Enum.IsDefined(link.Type)) throw new InvalidInputException($"unknown link type {link.Type}");
        if (!Enum.IsDefined(link.Quantifier)) throw new InvalidInputException($"unknown link quantifier {link.Quantifier}");
        var type = CypherStatements.RelationshipType(link.Type);
        var number = _variables.Next().ToString(CultureInfo.InvariantCulture);
        var (r, m) = ("r" + number, "m" + number);
        var pattern = link.Direction switch
        {
            Direction.Out => $"({_node})-[{r}:`{type}`]->({m}:Node)",
            Direction.In => $"({_node})<-[{r}:`{type}`]-({m}:Node)",
            _ => $"({_node})-[{r}:`{type}`]-({m}:Node)",
        };
        var tests = new List<string>();
        if (link.OtherIds is not null)
            tests.Add($"{m}.id IN {Parameter(link.OtherIds.ToArray())}");
        if (link.Link is not null)
            tests.Add(Where(link.Link, name => ResolveLink(link.Type, r, name), link.Type));
        if (link.Other is not null)
            tests.Add(new Neo4jFilters([.. link.OtherKinds], _parameters, m, _variables).Where(link.Other));
        var test = tests.Count == 0 ? "true" : string.Join(" AND ", tests);
        return link.Quantifier switch
        {
            LinkQuantifier.Some => $"size([{pattern} WHERE {test} | 1]) > 0",
            LinkQuantifier.None => $"size([{pattern} WHERE {test} | 1]) = 0",
            LinkQuantifier.Single => $"size([{pattern} WHERE {test} | 1]) = 1",
            _ => $"size([{pattern} WHERE NOT coalesce({test}, false) | 1]) = 0",
        };
    }

    /// <summary>A property of a relationship (variable <paramref name="r"/>) of this type: its dates, source, key or a catalog property.</summary>
    static Target ResolveLink(LinkType type, string r, string name)
    {
        switch (name)
        {
            case "key" or "source": return new(name, PropertyType.Text, $"{r}.{name}");
            case "startDate" or "endDate": return new(name, PropertyType.Date, $"{r}.{name}");
        }
        var info = GraphSchema.Of(type);
        // The catalog's own spelling of the name goes into the statement, never the caller's text.
        if (info.Properties.FirstOrDefault(p => p.Name == name) is { } definition) return new(definition.Name, definition.Type, $"{r}.`{definition.Name}`");
        var known = LinkCoreFields.Concat(info.Properties.Select(p => p.Name));
        throw new InvalidInputException($"unknown property '{name}' of {info.Name} links (known: {string.Join(", ", known)})");
    }

    string Compare(NodeFilter.Compare compare, Func<string, Target> resolve)
    {
        var target = resolve(compare.Property);
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
            case "id" or "kind" or "key" or "name" or "nameEn": return new(name, PropertyType.Text, $"{_node}.{name}");
            case "aliases": return new(name, PropertyType.TextList, $"{_node}.aliases");
            case "createdAt" or "updatedAt": return new(name, PropertyType.Text, $"{_node}.{name}", Timestamp: true);
        }
        foreach (var kind in _kinds)
        {
            // The catalog's own spelling of the name goes into the statement, never the caller's text.
            if (GraphSchema.Of(kind).Property(name) is { } definition) return new(definition.Name, definition.Type, $"{_node}.`{definition.Name}`");
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
